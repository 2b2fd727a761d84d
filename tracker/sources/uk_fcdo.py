"""UK Sanctions List published by the FCDO: the single official UK list since 28 January 2026 (CSV).

No full real copy of this file was available while this parser was written (../shared/data has none),
so it is built from the published column layout and tested on our own fixtures. The layout was taken
from the FCDO's format-change guidance of February 2022 (Name 1-6 aligned with OFSI, "Name type" =
Primary name / Primary name variation / Alias, alias strength) and cross-checked against several
independent public parsers of UK-Sanctions-List.csv and the element names of the FCDO's XML edition
(UniqueID, OFSIGroupID, UNReferenceNumber, Name1..Name6, NameType, AliasStrength, NameNonLatinScript,
RegimeName, IndividualEntityShip, DesignationSource, SanctionsImposed, DateDesignated, ...):

  line 1   "Report Date: dd-Mon-yyyy"
  line 2   header: Last Updated, Unique ID, OFSI Group ID, UN Reference Number, Name 6, Name 1..Name 5,
           Name type, Alias strength, Title, Name non-latin script, Non-latin script type,
           Non-latin script language, Regime Name, Designation Type (some copies: "Individual, Entity,
           Ship"), Designation source, Sanctions Imposed, Other Information, UK Statement of Reasons,
           Address Line 1..6, Address Postal Code, Address Country, Phone number, Website, Email
           address, Date Designated, D.O.B, Nationality(/ies), National Identifier number, National
           Identifier additional information, Passport number, Passport additional information,
           Position, Gender, Town of birth, Country of birth, Type of entity, Subsidiaries, Parent
           company, Business registration number (s), IMO number, Current owner/operator (s),
           Previous owner/operator (s), Current believed flag of ship, Previous flags, Type of ship,
           Tonnage of ship, Length of ship, Year Built, Hull identification number (HIN)
  then     one row per name (other facts repeated on each row), grouped by Unique ID.

Columns are mapped by header name (case- and spacing-insensitive), so their order does not matter.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

import httpx

from tracker.errors import FormatChanged, ParseError
from tracker.http import Link, resolve_link
from tracker.records import Address, Identifier, ParsedList
from tracker.sources.common import (
    Budget,
    Warnings,
    check_text_head,
    csv_field_limit,
    csv_field_too_long,
    decode_text,
    ordered_add,
    read_bytes,
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

DEFAULT_URL = "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.csv"
WHAT = "the UK Sanctions List CSV"

# canonical key -> accepted header spellings (compared after _norm)
_COLUMNS: dict[str, tuple[str, ...]] = {
    "last_updated": ("Last Updated",),
    "unique_id": ("Unique ID", "UniqueID"),
    "ofsi_group_id": ("OFSI Group ID",),
    "un_ref": ("UN Reference Number",),
    **{f"name{i}": (f"Name {i}",) for i in range(1, 7)},
    "name_type": ("Name type",),
    "alias_strength": ("Alias strength", "Alias quality"),
    "title": ("Title",),
    "non_latin": ("Name non-latin script",),
    "non_latin_type": ("Non-latin script type",),
    "non_latin_lang": ("Non-latin script language",),
    "regime": ("Regime Name", "Regime"),
    "designation_type": ("Designation Type", "Individual, Entity, Ship", "Individual/Entity/Ship"),
    "designation_source": ("Designation source",),
    "sanctions_imposed": ("Sanctions Imposed",),
    "other_information": ("Other Information",),
    "reasons": ("UK Statement of Reasons",),
    **{f"address{i}": (f"Address Line {i}",) for i in range(1, 7)},
    "postal_code": ("Address Postal Code",),
    "address_country": ("Address Country",),
    "phone": ("Phone number",),
    "website": ("Website",),
    "email": ("Email address",),
    "date_designated": ("Date Designated",),
    "dob": ("D.O.B", "DOB", "Date of birth"),
    "nationality": ("Nationality(/ies)", "Nationality"),
    "national_id": ("National Identifier number",),
    "national_id_info": ("National Identifier additional information",),
    "passport": ("Passport number",),
    "passport_info": ("Passport additional information",),
    "position": ("Position",),
    "gender": ("Gender",),
    "birth_town": ("Town of birth",),
    "birth_country": ("Country of birth",),
    "entity_kind": ("Type of entity",),
    "subsidiaries": ("Subsidiaries",),
    "parent_company": ("Parent company",),
    "business_registration": ("Business registration number (s)", "Business registration number(s)"),
    "imo": ("IMO number",),
    "vessel_owner": ("Current owner/operator (s)", "Current owner/operator(s)"),
    "vessel_previous_owner": ("Previous owner/operator (s)", "Previous owner/operator(s)"),
    "vessel_flag": ("Current believed flag of ship",),
    "vessel_previous_flags": ("Previous flags",),
    "vessel_type": ("Type of ship",),
    "vessel_tonnage": ("Tonnage of ship",),
    "vessel_length": ("Length of ship",),
    "vessel_year_built": ("Year Built",),
    "vessel_hin": ("Hull identification number (HIN)",),
}
_REQUIRED = ("unique_id", "name6", "name_type", "designation_type")
# Columns copied as-is into ListEntry.details (short scalar facts).
_DETAIL_KEYS = (
    "ofsi_group_id", "un_ref", "designation_source", "phone", "website", "email", "entity_kind",
    "parent_company", "subsidiaries", "vessel_owner", "vessel_previous_owner", "vessel_flag",
    "vessel_previous_flags", "vessel_type", "vessel_tonnage", "vessel_length", "vessel_year_built",
    "vessel_hin",
)  # fmt: skip


def _norm(header: str) -> str:
    return " ".join(header.replace("\ufeff", "").split()).lower()


_LOOKUP = {_norm(alias): key for key, aliases in _COLUMNS.items() for alias in aliases}


def parse(path: Path) -> ParsedList:
    """Parse UK-Sanctions-List.csv (a "Report Date" line, the header, one row per name)."""
    budget = Budget(path.name)
    data = read_bytes(path, budget)
    if data[:2] == b"PK":
        raise ParseError(f"{path.name}: got a zip/xlsx/ods file, not {WHAT}")
    check_text_head(data, WHAT, path.name)
    warnings = Warnings(unit="rows")
    budget.check(more=len(data))  # the text is another copy of the file
    text = decode_text(data, warnings, preferred="utf-8")
    try:
        with csv_field_limit():
            return _parse_text(text, warnings, path.name, budget)
    except csv.Error as exc:
        raise csv_field_too_long(path.name, exc, None) or ParseError(
            f"{path.name}: CSV is malformed ({exc})"
        ) from exc


def _parse_text(text: str, warnings: Warnings, filename: str, budget: Budget) -> ParsedList:
    rows = budget.rows(csv.reader(io.StringIO(text, newline="")))
    first = next(rows, None)
    while first is not None and not any(c.strip() for c in first):
        first = next(rows, None)
    if first is None:
        raise ParseError(f"{filename}: file is empty, not {WHAT}")
    published: datetime | None = None
    label = first[0].strip().lstrip("\ufeff")
    if label.lower().startswith("report date"):
        value = label.split(":", 1)[1] if ":" in label else (first[1] if len(first) > 1 else "")
        published = uk_published(value)
        if published is None:
            warnings.add(f"'Report Date' value {value.strip()!r} not understood: publication date unknown")
        header = next(rows, None)
        if header is None:
            raise ParseError(f"{filename}: file ends after the 'Report Date' line (no header)")
    else:
        warnings.add("no 'Report Date' line before the header: publication date unknown")
        header = first
    index = _map_header(header, warnings, filename)
    groups = group_rows(rows, index, len(header), ("unique_id", "Unique ID"), _add_row, warnings, filename)
    entries = [g.build() for g in groups.values()]
    return ParsedList(
        entries=entries, published_at=published, warnings=warnings.as_list(), format="uk-fcdo-csv"
    )


def _map_header(header: Sequence[str], warnings: Warnings, filename: str) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, raw in enumerate(header):
        if not raw.strip():
            continue
        key = _LOOKUP.get(_norm(raw))
        if key is None:
            warnings.add(f"unknown column {raw.strip()!r} ignored")
        elif key not in index:
            index[key] = i
    missing = [_COLUMNS[k][0] for k in _REQUIRED if k not in index]
    if missing:
        if len(index) < 3:
            raise FormatChanged(
                f"{filename}: no UK Sanctions List header found (line 2 is not the column list)"
            )
        raise FormatChanged(f"{filename}: required column(s) missing: {', '.join(missing)}")
    return index


def _add_row(group: EntryGroup, get: Callable[[str], str], warnings: Warnings) -> None:
    group.set_type(get("designation_type"), warnings)
    kind = name_kind(get("name_type"), get("alias_strength"), warnings)
    title = get("title")
    titles = split_numbered(title)
    ordered_add(group.titles, titles)
    name_title = title if len(titles) == 1 else ""
    name = make_name([get(f"name{i}") for i in range(1, 7)], kind, group.entity_type, name_title)
    if name is not None:
        group.add_name(name)
    non_latin = get("non_latin")
    if non_latin:
        group.add_name(
            non_latin_name(non_latin, kind, get("non_latin_type"), get("non_latin_lang"), warnings)
        )

    ordered_add(group.programs, [get("regime")])
    for dob in split_numbered(get("dob")):
        ordered_add(group.birth_dates, [uk_date(dob)])
    group.add_birth_place(split_numbered(get("birth_town")), split_numbered(get("birth_country")))
    ordered_add(group.nationalities, split_numbered(get("nationality")))
    ordered_add(group.positions, split_numbered(get("position")))
    gender = get("gender")
    if gender:
        group.gender = group.gender or gender
    for ident in paired_identifiers("Passport", get("passport"), get("passport_info")):
        group.add_identifier(ident)
    for ident in paired_identifiers("National ID", get("national_id"), get("national_id_info")):
        group.add_identifier(ident)
    for number in split_numbered(get("business_registration")):
        group.add_identifier(Identifier(type="Business Registration Number", number=number))
    for number in split_numbered(get("imo")):
        group.add_identifier(Identifier(type="IMO", number=number))

    lines = [get(f"address{i}") for i in range(1, 7)]
    group.add_address(
        Address(
            street=", ".join(p for p in lines[:5] if p) or None,
            city=lines[5] or None,
            postal_code=get("postal_code") or None,
            country=get("address_country") or None,
        )
    )
    designated = get("date_designated")
    if designated:
        ordered_add(group.listed_on, [uk_date(designated)])
    updated = get("last_updated")
    if updated:
        group.add_detail("last_updated", uk_date(updated))
    for measure in get("sanctions_imposed").split("|"):
        group.add_detail("sanctions_imposed", measure.strip())
    for key in _DETAIL_KEYS:
        for value in split_numbered(get(key)):
            group.add_detail(key, value)
    for key in ("other_information", "reasons"):
        text = get(key)
        if text and text not in group.remarks:
            group.remarks.append(text)


# ----------------------------------------------------------------------------------------------------
# Finding the current file when the publisher moves it
# ----------------------------------------------------------------------------------------------------


_SANCTIONS_LIST = re.compile(r"sanctions[\s_\-]*list", re.IGNORECASE)


def is_csv_link(link: Link) -> bool:
    """The UK Sanctions List CSV: an href ending in .csv whose href or text mentions "sanctions list"."""
    path = link.href.split("?", 1)[0].split("#", 1)[0]
    return path.lower().endswith(".csv") and bool(
        _SANCTIONS_LIST.search(link.href) or _SANCTIONS_LIST.search(link.text)
    )


def resolve_url(client: httpx.Client, url: str) -> str:
    """Return ``url`` if it serves the CSV; if it serves an HTML page (the publisher moved the file),
    return the CSV link found on that page; else raise FetchError with a clear message."""
    return resolve_link(client, url, is_csv_link, what="UK Sanctions List", link="CSV")
