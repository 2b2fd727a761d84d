"""trade.gov Consolidated Screening List (CSL) CSV: 13 US export and sanctions lists in one file.

One row per listing: ``_id`` (the OFAC uid for Treasury lists, a hash for the others), ``source`` (the
list, e.g. "Entity List (EL) - Bureau of Industry and Security"), name, type, programs, addresses, ids,
and ``; ``-joined multi-values. The same party on two lists is two rows with the same ``_id`` (71 such
``_id``s in the 2022 file: SDN + CAPTA, SDN + SSI, ...), so the stable key is ``<list code>:<_id>``
("SDN:21944", "EL:1b2c...") and each entry keeps its own source list in ``details["source_list"]`` and
as its program prefix.
"""

from __future__ import annotations

import re
from pathlib import Path

from tracker.errors import FormatChanged, ParseError
from tracker.names.scripts import detect_script
from tracker.records import Address, EntityType, Identifier, ListEntry, Name, NameKind, ParsedList
from tracker.sources.base import SourceSpec
from tracker.sources.common import Warnings
from tracker.sources.tabular import dict_rows, split_values

REQUIRED = ("_id", "source", "name", "type", "programs", "alt_names", "addresses", "ids")
KNOWN = (
    "entity_number",
    "title",
    "federal_register_notice",
    "start_date",
    "end_date",
    "standard_order",
    "license_requirement",
    "license_policy",
    "call_sign",
    "vessel_type",
    "gross_tonnage",
    "gross_registered_tonnage",
    "vessel_flag",
    "vessel_owner",
    "remarks",
    "source_list_url",
    "citizenships",
    "dates_of_birth",
    "nationalities",
    "places_of_birth",
    "source_information_url",
)
# Scalar columns kept as details under the same name.
_DETAIL_COLUMNS = (
    "entity_number",
    "federal_register_notice",
    "end_date",
    "standard_order",
    "license_requirement",
    "license_policy",
    "call_sign",
    "vessel_type",
    "gross_tonnage",
    "gross_registered_tonnage",
    "vessel_flag",
    "vessel_owner",
    "source_list_url",
    "source_information_url",
)
_TYPES = {
    "individual": EntityType.INDIVIDUAL,
    "entity": EntityType.ENTITY,
    "vessel": EntityType.VESSEL,
    "aircraft": EntityType.AIRCRAFT,
    "": EntityType.ENTITY,  # non-Treasury lists leave the type empty; they list companies and persons
}
_CODE = re.compile(r"\(([^()]+)\)")
_COUNTRY_FIRST = re.compile(r"^([A-Z]{2}), (.+)$")


def parse(path: Path) -> ParsedList:
    """Parse a CSL CSV (possibly gzipped). Raises ParseError / FormatChanged."""
    warn = Warnings()
    entries: dict[str, ListEntry] = {}
    for line, row in dict_rows(path, REQUIRED, warn, known=KNOWN):
        entry = _entry(row, line, path.name, warn)
        if entry.source_id in entries:
            warn.add(f"{entry.source_id} appears twice; kept the first row")
            continue
        entries[entry.source_id] = entry
    if not entries:
        raise ParseError(f"{path.name}: no entries in the file")
    return ParsedList(entries=list(entries.values()), warnings=warn.as_list(), format="us-csl")


def list_code(source: str) -> str:
    """'Entity List (EL) - Bureau of Industry and Security' -> 'EL'; the text before ' - ' otherwise."""
    found = _CODE.search(source)
    return found.group(1).strip() if found else source.split(" - ")[0].strip()


def _entry(row: dict[str, str], line: int, label: str, warn: Warnings) -> ListEntry:
    row_id, source, name = row["_id"], row["source"], row["name"]
    if not row_id or not source:
        raise FormatChanged(f"{label}: line {line} has no _id or source")
    type_text = row["type"].lower()
    entity_type = _TYPES.get(type_text)
    if entity_type is None:
        warn.add(f"unknown type {row['type']!r}, read as an entity")
        entity_type = EntityType.ENTITY
    if not name:
        raise FormatChanged(f"{label}: line {line} ({row_id}) has no name")
    code = list_code(source)
    entry = ListEntry(
        source_id=f"{code}:{row_id}", entity_type=entity_type, names=[_name(name, NameKind.PRIMARY)]
    )
    entry.names += [_name(alt, NameKind.AKA) for alt in split_values(row["alt_names"])]
    entry.programs = [f"{code}: {p}" for p in split_values(row["programs"])] or [code]
    entry.details["source_list"] = source
    for column in _DETAIL_COLUMNS:
        if row.get(column):
            entry.details[column] = row[column]
    entry.titles = split_values(row.get("title", ""))
    entry.remarks = row.get("remarks") or None
    entry.listed_on = row.get("start_date") or None
    entry.birth_dates = split_values(row.get("dates_of_birth", ""))
    entry.birth_places = split_values(row.get("places_of_birth", ""))
    entry.nationalities = split_values(row.get("nationalities", ""))
    entry.citizenships = split_values(row.get("citizenships", ""))
    entry.addresses = [_address(text) for text in split_values(row["addresses"])]
    for item in split_values(row["ids"]):
        _identifier(entry, item)
    return entry


def _name(text: str, kind: NameKind) -> Name:
    text = " ".join(text.split())
    return Name(full=text, kind=kind, script=detect_script(text))


def _address(text: str) -> Address:
    """'street, city, region, postal, CC': only the trailing ISO country code is certain; the rest is
    kept whole as the street line (the parts are not labelled and their count varies)."""
    head, sep, tail = text.rpartition(", ")
    if sep and len(tail) == 2 and tail.isalpha() and tail.isupper():
        return Address(street=head or None, country=tail)
    return Address(street=text)


def _identifier(entry: ListEntry, item: str) -> None:
    """'CY, C146742, Registration Number' (country, number, type) or 'number, type'; 'Male, Gender'."""
    value, sep, id_type = item.rpartition(", ")
    if not sep:
        entry.identifiers.append(Identifier(type="", number=item))
        return
    if id_type == "Gender":
        entry.gender = value.lower()
        return
    country = None
    found = _COUNTRY_FIRST.match(value)
    if found:
        country, value = found.group(1), found.group(2)
    entry.identifiers.append(Identifier(type=id_type, number=value, country=country))


CSL = SourceSpec(
    name="us_csl",
    title="US Consolidated Screening List (trade.gov)",
    publisher="US Department of Commerce, International Trade Administration",
    parse=parse,
    # The keyless download of trade.gov's data service (the API with a subscription key serves the same
    # rows as JSON); used by many independent screening projects.
    default_url="https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv",
    live=True,
    file_suffix=".csv",
    format="CSV (consolidated.csv, 29 columns)",
    licence="US government work, public domain (17 U.S.C. 105)",
)
