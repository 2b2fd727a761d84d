"""UK OFSI Consolidated List (retired 28 January 2026), for importing archived copies.

Two formats, told apart by content:

* the old CSV (2014-2018): Windows-1252, line 1 ``Last Updated,dd/mm/yyyy``, line 2 a 29-column header;
* the 2022-format ``ConList.xlsx``: the same two preamble rows, 36 columns (adds the non-Latin script
  name, alias quality, passport/ID details and the UK Sanctions List designation date).

Both carry one row per name (and, in the old CSV, per date of birth and address too); rows are grouped
by ``Group ID`` into one entry. The grouping helpers here are shared with the FCDO parser (uk_fcdo),
whose list has the same one-row-per-name shape.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from tracker.errors import FormatChanged, ParseError
from tracker.records import Address, EntityType, Identifier, ListEntry, Name, NameKind, ParsedList
from tracker.sources.fileio import read_bytes
from tracker.sources.scripts import detect_script

# ----------------------------------------------------------------------------------------------------
# Shared helpers (also used by uk_fcdo)
# ----------------------------------------------------------------------------------------------------

ENTITY_TYPES = {
    "individual": EntityType.INDIVIDUAL,
    "entity": EntityType.ENTITY,
    "ship": EntityType.VESSEL,
    "aircraft": EntityType.AIRCRAFT,
}

# Name types of both lists, lower-cased. "Primary name variation" is a spelling variant of the primary
# name (FCDO guidance, Feb 2022); it is kept as a strong alias so the one primary name stays unique.
NAME_KINDS = {
    "primary name": NameKind.PRIMARY,
    "prime alias": NameKind.PRIMARY,  # old OFSI CSV
    "primary name variation": NameKind.AKA,
    "aka": NameKind.AKA,
    "alias": NameKind.AKA,
    "fka": NameKind.FKA,
}

ALIAS_QUALITY = {
    "good quality": False,
    "good": False,
    "high quality": False,
    "low quality": True,
    "low": True,
}

# "Non-Latin Script Language" is a language name; the model wants a code (ISO 639-1).
LANGUAGE_CODES = {
    "russian": "ru",
    "ukrainian": "uk",
    "belarusian": "be",
    "belarussian": "be",
    "bulgarian": "bg",
    "serbian": "sr",
    "macedonian": "mk",
    "persian": "fa",
    "persian/farsi": "fa",
    "farsi": "fa",
    "arabic": "ar",
    "chinese": "zh",
    "mandarin": "zh",
    "georgian": "ka",
    "hebrew": "he",
    "korean": "ko",
    "greek": "el",
    "spanish": "es",
    "thai": "th",
    "japanese": "ja",
    "armenian": "hy",
    "burmese": "my",
    "pashto": "ps",
    "urdu": "ur",
    "kyrgyz": "ky",
    "kazakh": "kk",
    "bosnian": "bs",
    "romanian": "ro",
    "turkish": "tr",
    "azerbaijani": "az",
    "uzbek": "uz",
    "tajik": "tg",
}

# "Non-Latin Script Type" -> ISO 15924; only used when the characters themselves say nothing.
SCRIPT_CODES = {
    "cyrillic": "Cyrl",
    "arabic": "Arab",
    "persian": "Arab",
    "greek": "Grek",
    "chinese": "Hani",
    "georgian": "Geor",
    "hebrew": "Hebr",
    "hangul": "Hang",
    "korean": "Hang",
    "thai": "Thai",
    "armenian": "Armn",
    "japanese": "Jpan",
}

_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_MY = re.compile(r"^(\d{1,2})/(\d{4})$")
_YEAR = re.compile(r"^\d{4}$")


@lru_cache(maxsize=8192)
def uk_date(text: str) -> str:
    """dd/mm/yyyy -> ISO, with OFSI's zeroed parts as partial dates ("00/00/1980" -> "1980",
    "00/05/1980" and "05/1980" -> "1980-05"); anything else is kept as written."""
    text = text.strip()
    match = _DMY.match(text)
    if match:
        day, month, year = int(match[1]), int(match[2]), match[3]
        if month == 0:
            return year
        if day == 0:
            return f"{year}-{month:02d}"
        try:
            return date(int(year), month, day).isoformat()
        except ValueError:
            return text
    match = _MY.match(text)
    if match and 1 <= int(match[1]) <= 12:
        return f"{match[2]}-{int(match[1]):02d}"
    return text


def uk_published(text: str) -> datetime | None:
    """The list's own publication date: "dd/mm/yyyy", "dd-Mon-yyyy", "d Month yyyy" or ISO."""
    text = text.strip()
    for fmt in ("%d/%m/%Y", "%d-%b-%Y", "%d-%B-%Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%d/%m/%Y %H:%M"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


# Inline numbering as the UK lists write it: "1) a 2) b", "(1) a (2) b", "(1)-(2) a", "a) x b) y".
_NUMBERING = re.compile(r"(?:^|(?<=\s)|(?<=\.))\(?(?:\d{1,2}|[a-h])\)(?:\s*-\s*\(?(?:\d{1,2}|[a-h])\))?\s*")
_STARTS_NUMBERED = re.compile(r"^\(?(?:\d{1,2}|[a-h])\)")


@lru_cache(maxsize=8192)  # rows repeat the same cells once per name: cache, not re-split
def split_numbered(text: str) -> tuple[str, ...]:
    """Split a multi-valued cell that uses inline numbering; a plain cell is one value.
    Placeholders ("-") and trailing full stops are dropped."""
    text = text.strip()
    if not text:
        return ()
    parts = _NUMBERING.split(text) if _STARTS_NUMBERED.match(text) else [text]
    values = []
    for part in parts:
        value = part.strip().rstrip(".;,").strip()
        if value and value != "-":
            values.append(value)
    return tuple(values)


def cell_text(value: Any) -> str:
    """A spreadsheet or CSV cell as stripped text (dates as dd/mm/yyyy, whole numbers without ".0")."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class Warnings:
    """Collects warnings once per distinct message, with a count, in first-seen order."""

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}

    def add(self, message: str) -> None:
        self._counts[message] = self._counts.get(message, 0) + 1

    def as_list(self) -> list[str]:
        return [m if n == 1 else f"{m} ({n} rows)" for m, n in self._counts.items()]


def _ordered_add(target: list[str], values: Iterable[str]) -> None:
    for value in values:
        if value and value not in target:
            target.append(value)


class EntryGroup:
    """Accumulates the rows of one designation (one row per name) into a ListEntry, de-duplicating the
    facts that the list repeats on every row."""

    def __init__(self, source_id: str) -> None:
        self.source_id = source_id
        self.entity_type: EntityType | None = None
        self.names: dict[tuple[Any, ...], Name] = {}
        self.programs: list[str] = []
        self.birth_dates: list[str] = []
        self.birth_places: list[str] = []
        self.nationalities: list[str] = []
        self.identifiers: dict[tuple[str, str], Identifier] = {}
        self.addresses: dict[tuple[Any, ...], Address] = {}
        self.listed_on: list[str] = []
        self.gender: str | None = None
        self.titles: list[str] = []
        self.positions: list[str] = []
        self.remarks: list[str] = []
        self.details: dict[str, list[str]] = {}

    def set_type(self, value: str, warnings: Warnings) -> None:
        kind = ENTITY_TYPES.get(value.strip().lower())
        if kind is None:
            warnings.add(f"unknown designation type {value!r}: entry kept as entity")
            kind = EntityType.ENTITY
        if self.entity_type is None:
            self.entity_type = kind
        elif self.entity_type != kind:
            warnings.add(f"{self.source_id}: rows disagree on the designation type; kept {self.entity_type}")

    def add_name(self, name: Name) -> None:
        key = (name.full, name.kind, name.script, name.lang, name.title)
        self.names.setdefault(key, name)

    def add_detail(self, key: str, value: str) -> None:
        if value:
            _ordered_add(self.details.setdefault(key, []), [value])

    def add_identifier(self, ident: Identifier) -> None:
        existing = self.identifiers.get((ident.type, ident.number))
        if existing is None:
            self.identifiers[(ident.type, ident.number)] = ident
        elif ident.note and not existing.note:
            existing.note = ident.note

    def add_address(self, address: Address) -> None:
        key = (address.street, address.city, address.postal_code, address.country)
        if any(key):
            self.addresses.setdefault(key, address)

    def add_birth_place(self, towns: Sequence[str], countries: Sequence[str]) -> None:
        # Numbered towns and countries pair up only when both lists have the same length.
        if towns and len(towns) == len(countries):
            _ordered_add(
                self.birth_places,
                (f"{t}, {c}" if t != c else t for t, c in zip(towns, countries, strict=True)),
            )
        else:
            _ordered_add(self.birth_places, towns)
            _ordered_add(self.birth_places, countries)

    def build(self) -> ListEntry:
        details = {key: "; ".join(values) for key, values in self.details.items() if values}
        return ListEntry(
            source_id=self.source_id,
            entity_type=self.entity_type or EntityType.ENTITY,
            names=list(self.names.values()),
            programs=self.programs,
            birth_dates=self.birth_dates,
            birth_places=self.birth_places,
            nationalities=self.nationalities,
            identifiers=list(self.identifiers.values()),
            addresses=list(self.addresses.values()),
            listed_on=min(self.listed_on) if self.listed_on else None,
            gender=self.gender,
            titles=self.titles,
            positions=self.positions,
            remarks="\n".join(self.remarks) or None,
            details=details,
        )


def make_name(
    parts: Sequence[str], kind: NameKind, entity_type: EntityType | None, title: str
) -> Name | None:
    """A Latin name from Name 1..Name 6 (Name 6 is the family name, or the whole name of an entity)."""
    given = [p for p in parts[:5] if p]
    last = parts[5] if len(parts) > 5 else ""
    full = " ".join([*given, last]).strip()
    if not full:
        return None
    name = Name(full=full, kind=kind, script=detect_script(full), title=title or None)
    if entity_type == EntityType.INDIVIDUAL:
        name.first = given[0] if given else None
        name.middle = " ".join(given[1:]) or None
        name.last = last or None
    return name


def non_latin_name(text: str, kind: NameKind, script_type: str, language: str, warnings: Warnings) -> Name:
    script = detect_script(text)
    if script in (None, "Latn"):
        script = SCRIPT_CODES.get(script_type.strip().lower(), script)
    lang = None
    if language:
        lang = LANGUAGE_CODES.get(language.strip().lower())
        if lang is None:
            warnings.add(f"unknown non-Latin script language {language!r}: language not recorded")
    return Name(full=text, kind=kind, script=script, lang=lang)


def name_kind(name_type: str, quality: str, warnings: Warnings) -> NameKind:
    kind = NAME_KINDS.get(name_type.strip().lower())
    if kind is None:
        warnings.add(f"unknown name type {name_type!r}: name kept as aka")
        kind = NameKind.AKA
    if quality:
        weak = ALIAS_QUALITY.get(quality.strip().lower())
        if weak is None:
            warnings.add(f"unknown alias quality {quality!r}: ignored")
        elif weak and kind == NameKind.AKA:
            kind = NameKind.WEAK_AKA
    return kind


def paired_identifiers(kind: str, numbers: str, notes: str) -> list[Identifier]:
    """Identifiers from a numbered "number" cell and its numbered "details" cell; the notes pair up by
    position when both have the same count, else every note is attached to a lone number."""
    number_list = split_numbered(numbers)
    note_list = split_numbered(notes)
    if not number_list:
        # Old CSV: one free-text cell holds the numbers and their notes together.
        return [Identifier(type=kind, number=text) for text in note_list]
    if len(number_list) == len(note_list):
        return [
            Identifier(type=kind, number=n, note=note) for n, note in zip(number_list, note_list, strict=True)
        ]
    joined = "; ".join(note_list) or None
    if len(number_list) == 1:
        return [Identifier(type=kind, number=number_list[0], note=joined)]
    return [Identifier(type=kind, number=n) for n in number_list]


def sniff_text_file(data: bytes, what: str, filename: str) -> None:
    """Reject input that cannot be the expected CSV: empty, binary, an HTML/XML page."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise ParseError(f"{filename}: file is empty, not {what}")
    if b"\x00" in data[:4096]:
        raise ParseError(f"{filename}: binary file, not {what}")
    lowered = head[:200].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        raise ParseError(f"{filename}: got an HTML page, not {what}")
    if lowered.startswith(b"<"):
        raise ParseError(f"{filename}: got an XML/HTML document, not {what}")


def decode_text(data: bytes, warnings: Warnings, preferred: str) -> str:
    """Decode with the list's declared encoding, falling back (with a warning) to the other one.
    UTF-8 is tried strictly first when it is the preferred encoding or the file starts with a BOM."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    order = ["utf-8", "cp1252"] if preferred == "utf-8" else ["cp1252", "utf-8"]
    if preferred != "utf-8":
        # cp1252 accepts almost any byte; a file that is valid UTF-8 with non-ASCII text is UTF-8.
        try:
            text = data.decode("utf-8")
            if not text.isascii():
                warnings.add("file is UTF-8, not the Windows-1252 the list used: decoded as UTF-8")
            return text
        except UnicodeDecodeError:
            pass
    for encoding in order:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding != preferred:
            warnings.add(f"file is not {preferred}: decoded as {encoding}")
        return text
    warnings.add(f"file is not {preferred}: undecodable bytes replaced")
    return data.decode(preferred, errors="replace")


# ----------------------------------------------------------------------------------------------------
# OFSI specifics
# ----------------------------------------------------------------------------------------------------

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
    data = read_bytes(path)
    if data[:2] == b"PK":
        return _parse_xlsx(data, path.name)
    sniff_text_file(data, WHAT, path.name)
    return _parse_csv(data, path.name)


def _parse_csv(data: bytes, filename: str) -> ParsedList:
    warnings = Warnings()
    text = decode_text(data, warnings, preferred="cp1252")
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        first = next(rows, None)
        header = next(rows, None)
    except csv.Error as exc:
        raise ParseError(f"{filename}: not a readable CSV ({exc})") from exc
    published = _preamble_date(first, filename)
    if header is None:
        raise ParseError(f"{filename}: file ends after the 'Last Updated' line (no header)")
    try:
        return _parse_rows(header, rows, published, warnings, "ofsi-csv", filename)
    except csv.Error as exc:
        raise ParseError(f"{filename}: CSV is malformed ({exc})") from exc


def _parse_xlsx(data: bytes, filename: str) -> ParsedList:
    import openpyxl  # imported here: only workbook imports pay for it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ParseError(f"{filename}: not a readable .xlsx workbook ({exc})") from exc
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        first = next(rows, None)
        header = next(rows, None)
        published = _preamble_date(None if first is None else [cell_text(v) for v in first], filename)
        if header is None:
            raise ParseError(f"{filename}: workbook ends after the 'Last Updated' row (no header)")
        body = ([cell_text(v) for v in row] for row in rows)
        return _parse_rows([cell_text(v) for v in header], body, published, Warnings(), "ofsi-xlsx", filename)
    except (zipfile.BadZipFile, KeyError, EOFError) as exc:
        raise ParseError(f"{filename}: workbook is truncated or corrupt ({exc})") from exc
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
    width = len(header)
    getters = {c: index.get(c) for c in KNOWN_COLUMNS}
    groups: dict[str, EntryGroup] = {}
    for line_no, row in enumerate(rows, start=3):
        if not any(row):
            continue
        if len(row) < width:
            row = list(row) + [""] * (width - len(row))

        def get(column: str, row: Sequence[str] = row) -> str:
            i = getters[column]
            return row[i].strip() if i is not None else ""

        group_id = get("Group ID")
        if not group_id:
            warnings.add(f"row without a Group ID skipped (first at line {line_no})")
            continue
        group = groups.get(group_id)
        if group is None:
            group = groups[group_id] = EntryGroup(group_id)
        _add_row(group, get, warnings)
    if not groups:
        raise ParseError(f"{filename}: no entries (header only)")
    entries = [g.build() for g in groups.values()]
    return ParsedList(entries=entries, published_at=published, warnings=warnings.as_list(), format=fmt)


def _add_row(group: EntryGroup, get: Any, warnings: Warnings) -> None:
    group.set_type(get("Group Type"), warnings)
    kind = name_kind(get("Alias Type"), get("Alias Quality"), warnings)
    title = get("Title")
    titles = split_numbered(title)
    _ordered_add(group.titles, titles)
    parts = [get(f"Name {i}") for i in range(1, 7)]
    name = make_name(parts, kind, group.entity_type, title if len(titles) == 1 else "")
    if name is not None:
        group.add_name(name)
    non_latin = get("Name Non-Latin Script")
    if non_latin:
        script_type, language = get("Non-Latin Script Type"), get("Non-Latin Script Language")
        group.add_name(non_latin_name(non_latin, kind, script_type, language, warnings))

    _ordered_add(group.birth_dates, (uk_date(d) for d in split_numbered(get("DOB"))))
    group.add_birth_place(split_numbered(get("Town of Birth")), split_numbered(get("Country of Birth")))
    _ordered_add(group.nationalities, split_numbered(get("Nationality")))
    _ordered_add(group.positions, split_numbered(get("Position")))
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
        _ordered_add(group.programs, [regime])
    listed = get("Listed On")
    if listed:
        _ordered_add(group.listed_on, [uk_date(listed)])
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
