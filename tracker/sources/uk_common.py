"""What the two UK lists share: the retired OFSI Consolidated List (uk_ofsi) and the FCDO UK Sanctions
List (uk_fcdo) both write one row per name, with the other facts of the designation repeated on each
row, the same Name 1..Name 6 layout, dd/mm/yyyy dates with zeroed unknown parts, and multi-valued cells
numbered inline ("1) a 2) b"). ``EntryGroup`` folds the rows of one designation into a ListEntry.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from tracker.errors import ParseError
from tracker.names.scripts import detect_script
from tracker.records import Address, EntityType, Identifier, ListEntry, Name, NameKind
from tracker.sources.common import Warnings, ordered_add

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
# The column sometimes names a country instead (OFSI's 2023 and 2025 workbooks: "Russia",
# "Ukraine"; 3 names): not a data error worth a warning on every import, but no language is recorded
# for it either. Recording one would change the canonical form (and hash) of names already stored
# without it, so the next sync of an unchanged list would show them amended.
LANGUAGE_COLUMN_COUNTRIES = frozenset(
    {
        "russia",
        "russian federation",
        "ukraine",
        "belarus",
        "bulgaria",
        "serbia",
        "north macedonia",
        "iran",
        "china",
        "georgia",
        "israel",
        "north korea",
        "south korea",
        "korea",
        "greece",
        "thailand",
        "japan",
        "armenia",
        "burma",
        "myanmar",
        "pakistan",
        "kyrgyzstan",
        "kazakhstan",
        "bosnia and herzegovina",
        "romania",
        "turkey",
        "azerbaijan",
        "uzbekistan",
        "tajikistan",
        "syria",
        "iraq",
        "yemen",
        "libya",
        "egypt",
        "saudi arabia",
        "lebanon",
        "sudan",
    }
)

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
            ordered_add(self.details.setdefault(key, []), [value])

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
            ordered_add(
                self.birth_places,
                (f"{t}, {c}" if t != c else t for t, c in zip(towns, countries, strict=True)),
            )
        else:
            ordered_add(self.birth_places, towns)
            ordered_add(self.birth_places, countries)

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
    """A name from the non-Latin script columns. The language column sometimes names a country
    (LANGUAGE_COLUMN_COUNTRIES) or a script ("Cyrillic", OFSI 2023-2025): neither is a language,
    neither is warned about. The script comes from the characters and the script column only (the
    language column says "Persian" beside Latin spellings too)."""
    script = detect_script(text)
    key = language.strip().lower()
    if script in (None, "Latn"):
        script = SCRIPT_CODES.get(script_type.strip().lower(), script)
    lang = LANGUAGE_CODES.get(key) if key else None
    if key and lang is None and key not in LANGUAGE_COLUMN_COUNTRIES and key not in SCRIPT_CODES:
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


RowAdder = Callable[[EntryGroup, Callable[[str], str], Warnings], None]


def group_rows(
    rows: Iterable[Sequence[str]],
    columns: Mapping[str, int | None],
    width: int,
    id_column: tuple[str, str],
    add_row: RowAdder,
    warnings: Warnings,
    filename: str,
) -> dict[str, EntryGroup]:
    """The data rows (from line 3 of the file) grouped by designation, in the order first seen:
    ``add_row(group, get, warnings)`` reads each row through ``get(column)`` (stripped text, "" for
    a column the file lacks; ``columns`` maps a column to its index). ``id_column``: (the column
    that names the designation, what a warning calls it); a row without it is skipped with a
    warning, a blank row quietly. ParseError when no row is left."""
    groups: dict[str, EntryGroup] = {}
    key, label = id_column
    for line_no, row in enumerate(rows, start=3):
        if not any(c.strip() for c in row):
            continue
        if len(row) < width:
            row = [*row, *[""] * (width - len(row))]

        def get(column: str, row: Sequence[str] = row) -> str:
            i = columns.get(column)
            return row[i].strip() if i is not None else ""

        group_id = get(key)
        if not group_id:
            warnings.add(f"row without a {label} skipped (first at line {line_no})")
            continue
        group = groups.get(group_id)
        if group is None:
            group = groups[group_id] = EntryGroup(group_id)
        add_row(group, get, warnings)
    if not groups:
        raise ParseError(f"{filename}: no entries (header only)")
    return groups
