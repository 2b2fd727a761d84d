"""UK OFSI Consolidated List (retired 28 January 2026), for importing archived copies.

Two formats, told apart by content:

* the old CSV (2014-2018): Windows-1252, line 1 ``Last Updated,dd/mm/yyyy``, line 2 a 29-column header;
* the 2022-format ``ConList.xlsx``: the same two preamble rows, 36 columns (adds the non-Latin script
  name, alias quality, passport/ID details and the UK Sanctions List designation date).

Both carry one row per name (and, in the old CSV, per date of birth and address too); rows are grouped
by ``Group ID`` into one entry with the helpers of uk_common, shared with the FCDO parser (uk_fcdo).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from tracker.errors import FormatChanged, ParseError
from tracker.records import Address, Identifier, ParsedList
from tracker.sources.common import (
    Budget,
    Warnings,
    cell_text,
    check_text_head,
    csv_field_limit,
    csv_field_too_long,
    decode_text,
    open_workbook,
    ordered_add,
    read_bytes,
    sheet_rows,
)
from tracker.sources.uk_common import (
    EntryGroup,
    group_rows,
    make_name,
    name_kind,
    non_latin_name,
    paired_identifiers,
    split_numbered,
    uk_date,
    uk_published,
)

WHAT = "the OFSI consolidated list (CSV or ConList.xlsx)"

# Every column of both OFSI formats this parser consumes; any other column is reported.
OLD_COLUMNS = (
    "Name 6", "Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Title", "DOB", "Town of Birth",
    "Country of Birth", "Nationality", "Passport Details", "NI Number", "Position", "Address 1",
    "Address 2", "Address 3", "Address 4", "Address 5", "Address 6", "Post/Zip Code", "Country",
    "Other Information", "Group Type", "Alias Type", "Regime", "Listed On", "Last Updated", "Group ID",
)  # fmt: skip
NEW_COLUMNS = (
    "Name Non-Latin Script", "Non-Latin Script Type", "Non-Latin Script Language", "Passport Number",
    "National Identification Number", "National Identification Details", "Alias Quality",
    "UK Sanctions List Date Designated",
)  # fmt: skip
KNOWN_COLUMNS = frozenset(OLD_COLUMNS + NEW_COLUMNS)
REQUIRED_COLUMNS = ("Name 6", "Group Type", "Alias Type", "Group ID")

# Tagged facts inside the 2022-format "Other Information" text: "(Tag):value".
_INFO_TAGS = {
    "UK Sanctions List Ref": "uk_sanctions_list_ref",
    "UN Ref": "un_ref",
    "Gender": "gender",
    "IMO number": "imo",
    "Type of entity": "entity_kind",
    "Business Reg No": "business_registration",
    "Parent company": "parent_company",
    "Subsidiaries": "subsidiaries",
    "Phone number": "phone",
    "Email address": "email",
    "Website": "website",
    "Fax": "fax",
    "Flag of ship": "vessel_flag",
    "Previous flags": "vessel_previous_flags",
    "Type of ship": "vessel_type",
    "Tonnage of ship": "vessel_tonnage",
    "Length of ship": "vessel_length",
    "Year built": "vessel_year_built",
    "Current owners": "vessel_owner",
    "UK Statement of Reasons": "statement_of_reasons",
}
_INFO_TAG_RE = re.compile(r"\((" + "|".join(re.escape(t) for t in _INFO_TAGS) + r")\):")
# Long prose is already kept whole in remarks; only short facts go to details.
_PROSE_TAGS = {"statement_of_reasons", "subsidiaries"}


def parse(path: Path) -> ParsedList:
    """Parse an archived OFSI consolidated list: the old CSV or the 2022-format workbook."""
    budget = Budget(path.name)
    data = read_bytes(path, budget)
    if data[:2] == b"PK":
        return _parse_xlsx(data, path.name, budget)
    check_text_head(data, WHAT, path.name)
    with csv_field_limit():
        return _parse_csv(data, path.name, budget)


def _parse_csv(data: bytes, filename: str, budget: Budget) -> ParsedList:
    warnings = Warnings(unit="rows")
    budget.check(more=len(data))  # the text is another copy of the file
    text = decode_text(data, warnings, preferred="cp1252")
    rows = budget.rows(csv.reader(io.StringIO(text, newline="")))
    try:
        first = next(rows, None)
        header = next(rows, None)
    except csv.Error as exc:
        raise csv_field_too_long(filename, exc, None) or ParseError(
            f"{filename}: not a readable CSV ({exc})"
        ) from exc
    published = _preamble_date(first, filename)
    if header is None:
        raise ParseError(f"{filename}: file ends after the 'Last Updated' line (no header)")
    try:
        return _parse_rows(header, rows, published, warnings, "ofsi-csv", filename)
    except csv.Error as exc:
        raise csv_field_too_long(filename, exc, None) or ParseError(
            f"{filename}: CSV is malformed ({exc})"
        ) from exc


def _parse_xlsx(data: bytes, filename: str, budget: Budget) -> ParsedList:
    workbook, sheet = open_workbook(data, filename, budget)
    try:
        rows = sheet_rows(sheet.iter_rows(values_only=True), filename, budget)
        first = next(rows, None)
        header = next(rows, None)
        published = _preamble_date(None if first is None else [cell_text(v) for v in first], filename)
        if header is None:
            raise ParseError(f"{filename}: workbook ends after the 'Last Updated' row (no header)")
        body = ([cell_text(v) for v in row] for row in rows)
        columns = [cell_text(v) for v in header]
        return _parse_rows(columns, body, published, Warnings(unit="rows"), "ofsi-xlsx", filename)
    finally:
        workbook.close()


def _preamble_date(first: Sequence[str] | None, filename: str) -> datetime | None:
    if not first or not first[0].strip():
        raise ParseError(f"{filename}: file is empty, not {WHAT}")
    label = first[0].strip().lstrip("\ufeff")
    if label.lower() != "last updated":
        raise FormatChanged(f"{filename}: first line is {label[:40]!r}, expected 'Last Updated,dd/mm/yyyy'")
    value = first[1].strip() if len(first) > 1 else ""
    published = uk_published(value)
    if published is None:
        raise FormatChanged(f"{filename}: 'Last Updated' date {value!r} is not dd/mm/yyyy")
    return published


def _parse_rows(
    header: Sequence[str],
    rows: Iterator[list[str]],
    published: datetime | None,
    warnings: Warnings,
    fmt: str,
    filename: str,
) -> ParsedList:
    index = {name.strip(): i for i, name in enumerate(header) if name and name.strip()}
    missing = [c for c in REQUIRED_COLUMNS if c not in index]
    if missing:
        raise FormatChanged(f"{filename}: required column(s) missing: {', '.join(missing)}")
    for column in index:
        if column not in KNOWN_COLUMNS:
            warnings.add(f"unknown column {column!r} ignored")
    known = {c: index.get(c) for c in KNOWN_COLUMNS}
    groups = group_rows(rows, known, len(header), ("Group ID", "Group ID"), _add_row, warnings, filename)
    entries = [g.build() for g in groups.values()]
    return ParsedList(entries=entries, published_at=published, warnings=warnings.as_list(), format=fmt)


def _add_row(group: EntryGroup, get: Any, warnings: Warnings) -> None:
    group.set_type(get("Group Type"), warnings)
    kind = name_kind(get("Alias Type"), get("Alias Quality"), warnings)
    title = get("Title")
    titles = split_numbered(title)
    ordered_add(group.titles, titles)
    parts = [get(f"Name {i}") for i in range(1, 7)]
    name = make_name(parts, kind, group.entity_type, title if len(titles) == 1 else "")
    if name is not None:
        group.add_name(name)
    non_latin = get("Name Non-Latin Script")
    if non_latin:
        script_type, language = get("Non-Latin Script Type"), get("Non-Latin Script Language")
        group.add_name(non_latin_name(non_latin, kind, script_type, language, warnings))

    ordered_add(group.birth_dates, (uk_date(d) for d in split_numbered(get("DOB"))))
    group.add_birth_place(split_numbered(get("Town of Birth")), split_numbered(get("Country of Birth")))
    ordered_add(group.nationalities, split_numbered(get("Nationality")))
    ordered_add(group.positions, split_numbered(get("Position")))
    for ident in paired_identifiers("Passport", get("Passport Number"), get("Passport Details")):
        group.add_identifier(ident)
    national_numbers = get("National Identification Number") or get("NI Number")
    for ident in paired_identifiers("National ID", national_numbers, get("National Identification Details")):
        group.add_identifier(ident)

    lines = [get(f"Address {i}") for i in range(1, 7)]
    group.add_address(
        Address(
            street=", ".join(p for p in lines[:5] if p) or None,
            city=lines[5] or None,
            postal_code=get("Post/Zip Code") or None,
            country=get("Country") or None,
        )
    )
    regime = get("Regime")
    if regime:
        ordered_add(group.programs, [regime])
    listed = get("Listed On")
    if listed:
        ordered_add(group.listed_on, [uk_date(listed)])
    for column, key in (
        ("UK Sanctions List Date Designated", "uk_designated_on"),
        ("Last Updated", "last_updated"),
    ):
        value = get(column)
        if value:
            group.add_detail(key, uk_date(value))
    info = get("Other Information")
    if info and info not in group.remarks:
        group.remarks.append(info)
        _read_other_information(group, info)


def _read_other_information(group: EntryGroup, info: str) -> None:
    """Pull the tagged facts ("(UN Ref):QDi.004.") out of the 2022-format Other Information text."""
    pieces = _INFO_TAG_RE.split(info)
    # pieces = [lead text, tag1, value1, tag2, value2, ...]
    for tag, value in zip(pieces[1::2], pieces[2::2], strict=True):
        key = _INFO_TAGS[tag]
        value = value.strip().rstrip(".").strip()
        if not value or key in _PROSE_TAGS:
            continue
        if key == "gender":
            group.gender = group.gender or value
        elif key == "imo":
            group.add_identifier(Identifier(type="IMO", number=value))
        elif key == "uk_sanctions_list_ref":
            # "RUS0270. Financial sanctions imposed ..." : the reference is the first token.
            group.add_detail(key, value.split()[0].rstrip(".;,"))
        else:
            group.add_detail(key, value)
