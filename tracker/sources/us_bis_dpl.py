"""BIS Denied Persons List (``dpl.txt``): tab-separated, a header row, every field double-quoted.

Columns: Name, Street_Address, City, State, Country, Postal_Code, Effective_Date, Expiration_Date,
Standard_Order, Last_Update, Action, FR_Citation. The list has no id column, and one person can have
several rows (one per address or order). Stable key: the name with spaces collapsed, upper case. Not
name + Effective_Date: a temporary denial order renewal moves the effective date (25 of the 257 names in
both the 2019-06-29 and 2023-11-30 files), which would look like a delisting plus a new listing.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from tracker.errors import ParseError
from tracker.names.scripts import detect_script
from tracker.records import Address, EntityType, ListEntry, Name, NameKind, ParsedList
from tracker.sources.base import SourceSpec
from tracker.sources.common import Warnings
from tracker.sources.tabular import dict_rows

COLUMNS = (
    "Name",
    "Street_Address",
    "City",
    "State",
    "Country",
    "Postal_Code",
    "Effective_Date",
    "Expiration_Date",
    "Standard_Order",
    "Last_Update",
    "Action",
    "FR_Citation",
)
# Order facts kept per row; several orders of one name are joined with " | " in row order.
_DETAILS = {
    "Effective_Date": "effective_date",
    "Expiration_Date": "expiration_date",
    "Standard_Order": "standard_order",
    "Last_Update": "last_update",
    "Action": "action",
    "FR_Citation": "fr_citation",
}


def parse(path: Path) -> ParsedList:
    """Parse a DPL file (possibly gzipped). Raises ParseError / FormatChanged."""
    warn = Warnings()
    entries: dict[str, ListEntry] = {}
    rows = 0
    for line, row in dict_rows(path, COLUMNS, warn, delimiter="\t"):
        rows += 1
        name = " ".join(row["Name"].split())
        if not name:
            warn.add(f"row without a Name skipped (line {line})")
            continue
        key = name.upper()
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = ListEntry(
                source_id=key,
                entity_type=EntityType.ENTITY if _looks_like_company(name) else EntityType.INDIVIDUAL,
                names=[Name(full=name, kind=NameKind.PRIMARY, script=detect_script(name))],
                programs=["DPL"],
            )
        _add_row(entry, row)
    if not entries:
        raise ParseError(f"{path.name}: no entries in the file")
    return ParsedList(entries=list(entries.values()), warnings=warn.as_list(), format="bis-dpl")


def _add_row(entry: ListEntry, row: dict[str, str]) -> None:
    address = Address(
        street=row["Street_Address"] or None,
        city=row["City"] or None,
        region=row["State"] or None,
        postal_code=row["Postal_Code"] or None,
        country=row["Country"] or None,
    )
    if address.canonical() and address not in entry.addresses:
        entry.addresses.append(address)
    effective = _us_date(row["Effective_Date"])
    if effective and (entry.listed_on is None or effective < entry.listed_on):
        entry.listed_on = effective
    for column, key in _DETAILS.items():
        value = row[column]
        if column.endswith("_Date"):
            value = _us_date(value) or value
        if not value:
            continue
        old = entry.details.get(key)
        if old is None:
            entry.details[key] = value
        elif value not in old.split(" | "):
            entry.details[key] = f"{old} | {value}"


def _us_date(text: str) -> str | None:
    """'06/19/2003' -> '2003-06-19'; ISO dates as they are; anything else None."""
    for pattern in ("%m/%d/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    return None


# The DPL does not say whether a party is a person or a company; these words in a name are how the
# list's own company names read (e.g. "SKY BLUE BIRD FZC", "AIR FREIGHT LTD").
_COMPANY_WORDS = frozenset(
    [
        "LTD",
        "LIMITED",
        "LLC",
        "INC",
        "CORP",
        "CORPORATION",
        "CO",
        "COMPANY",
        "GMBH",
        "FZE",
        "FZC",
        "FZCO",
        "SA",
        "SRL",
        "BV",
        "AG",
        "LLP",
        "PLC",
        "AIRLINES",
        "AIRWAYS",
        "AVIATION",
        "TRADING",
        "GROUP",
        "INTERNATIONAL",
        "INDUSTRIES",
        "TECHNOLOGIES",
        "TECHNOLOGY",
        "SOLUTIONS",
        "SERVICES",
        "ENTERPRISES",
        "HOLDINGS",
        "LOGISTICS",
        "EXPORT",
        "IMPORT",
        "ELECTRONICS",
        "SYSTEMS",
        "ENGINEERING",
        "CARGO",
        "FREIGHT",
        "SHIPPING",
        "TRANSPORTATION",
        "OOO",
        "JSC",
    ]
)


# Generational suffixes that rigour's legal-form table also holds ("II": a form in its table), but that
# on this list end persons' names ("KIM SONG II", "EDWIN NAVARRO MAKASIAR II").
_PERSON_SUFFIXES = frozenset({"ii", "iii", "iv", "jr", "sr"})


def _looks_like_company(name: str) -> bool:
    """A company word of the list's own company names (dots dropped: "A.G." is AG), or a legal form
    in rigour's multilingual table (PJSC, AB, S.A., OOO, ...). Measured in bench/entity_type_guess.py:
    see the README's sources section for how often the guess is wrong."""
    from rigour.names import extract_org_types

    words = {w.replace(".", "").strip(",()&\"'") for w in name.upper().split()}
    if words & _COMPANY_WORDS:
        return True
    return any(form not in _PERSON_SUFFIXES for _, form in extract_org_types(name.casefold()))


DPL = SourceSpec(
    name="us_bis_dpl",
    title="BIS Denied Persons List",
    publisher="US Department of Commerce, Bureau of Industry and Security (BIS)",
    parse=parse,
    default_url=None,
    live=False,
    file_suffix=".txt",
    format="tab-separated text, every field quoted (dpl.txt)",
    licence="US government work, public domain (17 U.S.C. 105)",
    # https://www.bis.doc.gov/dpl/dpl.txt served the file for years; since BIS moved to bis.gov it is
    # reported to redirect to an HTML page, and no replacement address has been verified.
    url_note=(
        "the official download address of dpl.txt is not known for certain "
        "(www.bis.doc.gov/dpl/dpl.txt is reported moved since bis.gov's migration)"
    ),
)
