"""Australia: DFAT Consolidated List (``regulation8_consolidated.xlsx``).

One row per name: ``Reference`` "2" is the listing, "2a", "2b", "34c1" its other names (openpyxl returns
the plain numbers as int and the others as str). ``Name Type`` is written inconsistently ("Primary Name",
"Primary Name ", "primary name", "aka", "Aka ", "AKA", "Original Script", "Formerly known as", ...), so
it is compared folded. The facts (DOB, place of birth, citizenship, address, information, committees,
control date) repeat on every row of a listing; values from all rows are kept. The sheet's stated
dimension claims 255 columns (A1:IU9561): it is reset and only the named header columns are read.
Stable key: the leading number of ``Reference``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from tracker.errors import FormatChanged, ParseError
from tracker.names.scripts import detect_script
from tracker.records import Address, EntityType, ListEntry, Name, NameKind, ParsedList
from tracker.sources.base import SourceSpec
from tracker.sources.common import Budget, Warnings, check_text_head, open_workbook, read_bytes, sheet_rows
from tracker.sources.tabular import split_lettered

COLUMNS = (
    "Reference",
    "Name of Individual or Entity",
    "Type",
    "Name Type",
    "Date of Birth",
    "Place of Birth",
    "Citizenship",
    "Address",
    "Additional Information",
    "Listing Information",
    "Committees",
    "Control Date",
)
_NAME_KINDS = {
    "primary name": NameKind.PRIMARY,
    "aka": NameKind.AKA,
    "original script": NameKind.AKA,
    "formerly known as": NameKind.FKA,
    "previously listed as": NameKind.FKA,
}
_TYPES = {"individual": EntityType.INDIVIDUAL, "entity": EntityType.ENTITY, "vessel": EntityType.VESSEL}
_REFERENCE = re.compile(r"^(\d+)([a-z]+\d*)?$")
_EMPTY = frozenset({"", "na", "n/a", "-"})


def parse(path: Path) -> ParsedList:
    """Parse the DFAT workbook (possibly gzipped). Raises ParseError / FormatChanged."""
    budget = Budget(path.name)
    data = read_bytes(path, budget)
    if not data.startswith(b"PK"):  # an .xlsx is a ZIP; say what came instead (empty, an HTML page)
        check_text_head(data, "the DFAT .xlsx workbook", path.name)
        raise ParseError(f"{path.name}: not an .xlsx workbook (a text file: CSV or a saved page?)")
    workbook, sheet = open_workbook(data, path.name, budget)
    try:
        sheet.reset_dimensions()  # the file claims 255 columns
        rows = sheet_rows(sheet.iter_rows(values_only=True), path.name, budget)
        header = [cell_text(v) for v in next(rows, ())]
        index = _header_index(header, path.name)
        warn = Warnings()
        entries = _group(_records(rows, index), warn, path.name)
    finally:
        workbook.close()
    if not entries:
        raise ParseError(f"{path.name}: no listings in the workbook")
    return ParsedList(entries=entries, warnings=warn.as_list(), format="dfat-xlsx")


def cell_text(value: Any) -> str:
    """A cell as stripped text: dates as ISO, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _header_index(header: list[str], label: str) -> dict[str, int]:
    if not any(header):
        raise ParseError(f"{label}: the sheet is empty")
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise FormatChanged(f"{label}: columns changed: missing {', '.join(missing)}")
    return {c: header.index(c) for c in COLUMNS}


def _records(rows: Iterator[Sequence[Any]], index: dict[str, int]) -> Iterator[dict[str, str]]:
    for row in rows:
        record = {c: cell_text(row[i]) if i < len(row) else "" for c, i in index.items()}
        if any(record.values()):
            yield record


def _group(records: Iterator[dict[str, str]], warn: Warnings, label: str) -> list[ListEntry]:
    entries: dict[str, ListEntry] = {}
    for record in records:
        reference = record["Reference"].lower()
        found = _REFERENCE.match(reference)
        if not found:
            raise FormatChanged(f"{label}: unreadable Reference {record['Reference']!r}")
        key = found.group(1)
        entry = entries.get(key)
        if entry is None:
            type_text = record["Type"].lower()
            entity_type = _TYPES.get(type_text)
            if entity_type is None:
                warn.add(f"unknown Type {record['Type']!r}, read as an entity")
                entity_type = EntityType.ENTITY
            entry = entries[key] = ListEntry(source_id=key, entity_type=entity_type, names=[])
        _add_record(entry, record, found.group(2) is None, warn)
    for entry in entries.values():
        if not any(n.kind == NameKind.PRIMARY for n in entry.names):
            raise FormatChanged(f"{label}: reference {entry.source_id} has no primary name")
    return list(entries.values())


def _add_record(entry: ListEntry, record: dict[str, str], main_row: bool, warn: Warnings) -> None:
    name_type = record["Name Type"].lower()
    kind = _NAME_KINDS.get(name_type)
    if kind is None:
        warn.add(f"unknown Name Type {record['Name Type']!r}, read as a.k.a.")
        kind = NameKind.AKA
    if kind == NameKind.PRIMARY and not main_row:
        kind = NameKind.AKA  # a lettered row is never the listing's primary name
    full = record["Name of Individual or Entity"]
    if full:
        name = Name(full=full, kind=kind, script=detect_script(full))
        if name not in entry.names:
            entry.names.append(name)
    _add_values(entry.birth_dates, split_lettered(record["Date of Birth"]))
    _add_values(entry.birth_places, split_lettered(record["Place of Birth"]))
    _add_values(entry.citizenships, split_lettered(record["Citizenship"]))
    for text in split_lettered(record["Address"]):
        address = Address(note=text)
        if text.lower() not in _EMPTY and address not in entry.addresses:
            entry.addresses.append(address)
    _add_values(entry.programs, [record["Committees"]])
    if record["Additional Information"] and not entry.remarks:
        entry.remarks = record["Additional Information"]
    if record["Listing Information"]:
        entry.details.setdefault("listing_information", record["Listing Information"])
    if record["Control Date"]:
        entry.details.setdefault("control_date", record["Control Date"])


def _add_values(target: list[str], values: Sequence[str]) -> None:
    for value in values:
        if value.lower() not in _EMPTY and value not in target:
            target.append(value)


DFAT = SourceSpec(
    name="au_dfat",
    title="Australian DFAT Consolidated List",
    publisher="Australian Department of Foreign Affairs and Trade (DFAT)",
    parse=parse,
    default_url="https://www.dfat.gov.au/sites/default/files/regulation8_consolidated.xlsx",
    live=True,
    file_suffix=".xlsx",
    format="XLSX regulation8_consolidated.xlsx (one row per name)",
    licence="(c) Commonwealth of Australia, CC BY 4.0 (DFAT website terms)",
)
