"""What the matcher knows about one listed entry: its names and the facts used to adjust a score."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from rigour.territories import lookup_territory

from tracker.matching.identifiers import entry_identifiers
from tracker.records import EntityType, ListEntry, Name, NameKind


@dataclass(slots=True)
class Candidate:
    """One entry of one list, reduced to what search needs. ``key`` is (source, source_id)."""

    key: tuple[str, str]
    entity_type: EntityType
    names: list[Name]
    primary_name: str
    birth_dates: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # ISO 3166 alpha-2, lower case
    programs: list[str] = field(default_factory=list)
    # (type, number) of the identifiers search finds it by (tracker.matching.identifiers)
    identifiers: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def from_entry(cls, source: str, entry: ListEntry) -> Candidate:
        raw_countries = [*entry.nationalities, *entry.citizenships]
        raw_countries += [a.country for a in entry.addresses if a.country]
        return cls(
            key=(source, entry.source_id),
            entity_type=entry.entity_type,
            names=list(without_notes(entry.names)),
            primary_name=entry.primary_name,
            birth_dates=list(entry.birth_dates),
            countries=sorted({c for c in map(country_code, raw_countries) if c}),
            programs=list(entry.programs),
            identifiers=entry_identifiers(((i.type, i.number) for i in entry.identifiers), entry.details),
        )


# A note the list writes in parentheses after a name, no words of it (DFAT: "Encep Nurjaman (birth
# name)", "El Para (combat name)", "Nik Mohammad (previously listed as)", "... (Previously listed as.
# In Arabic: رياض محمد ...)"; UN: "Abdel Ilah Sabri (false identity related to ...)", "Abubakar
# (original script: Абубакар)"): read as words, "Name1" matched "(birth name)" as a family name.
_NOTE = re.compile(
    r"\s*\(([^()]*\b(?:listed as|birth name|combat name|name at birth|nom de guerre|false identity|"
    r"original script)\b[^()]*)\)?\s*$",
    re.IGNORECASE,
)
_IN_LANGUAGE = re.compile(r"\b(?:In [A-Z][a-z]+|original script):\s*(.+?)\s*$", re.IGNORECASE)
# Facts the list glues to an alias (UN: "Safia Farkash Mohammed Al-Hadad, born 1 Jan. 1953 (Oman
# passport ...)", "Khirullah Said Wali Khairkhwa, born in Kandahar on 01 Jan.1967", "Mohammad Ishaq
# Akhund born in 1963"): the name is what comes before. "born" must be followed by a date or place
# word: Born is a family name too.
_BORN = re.compile(r",?\s+born\s+(?:in\b|on\b|c\.|circa\b|about\b|\d).*$", re.IGNORECASE | re.DOTALL)
# Names the list writes in one field (UN: "COMPAGNIE AERIENNE DES GRANDS LACS (CAGL) ; GREAT LAKES
# BUSINESS COMPANY (GLBC)"; OFSI: "DANA HOLDINGS A.K.A DANA ASTRA", "MOSTOTREST; OPEN JOINT STOCK
# COMPANY 'MOSTOTREST'"; CSL: "JSC Almaz-Antey MSDB, f.k.a., Otkrytoe ..."): each is a name. An
# a.k.a. must stand between words ("AKA INTEGRAL SERVICES" and "YK-AKA" are names).
# A place the list writes in square brackets after a name (EU: "Political Security Directorate
# [Syria]", "Direktorat Politische Sicherheit [Syrien]": 96 names of the list of 2024-05-13), or other
# names (CSL: "Astronautics Research Institute [aka Astronautics Systems Research Center, ...]"): read
# as words, the exact name scored 0.75.
_BRACKETED = re.compile(r"\s*\[([^\[\]]*)\]\s*$")
_BRACKETED_AKA = re.compile(r"^(?:a\.?k\.?a|f\.?k\.?a)\.?\s+", re.IGNORECASE)
# A ";" separates names only beside a space: ";;" inside a text is no list of names.
_SEPARATOR = re.compile(r"\s*;\s+|\s+;\s*|,?\s+(?:a\.?k\.?a|f\.?k\.?a|n\.?k\.?a)\b\.?,?\s+", re.IGNORECASE)


def without_notes(names: Iterable[Name]) -> Iterator[Name]:
    """``names`` with a trailing note (in parentheses, or a place in square brackets) or glued birth
    facts cut off and the names one field holds (separated by ";" or "a.k.a.") apart; a name the
    note gives in another script ("In Arabic: X", "original script: X") or after "aka" in square
    brackets follows as a name of the same kind. A name cut keeps its parts
    (first, last ...); the pieces of a split one are whole names only."""
    for name in names:
        pieces = [p for p in _SEPARATOR.split(name.full) if p.strip(" ,;")]
        if (
            len(pieces) == 1
            and _NOTE.search(name.full) is None
            and _BORN.search(name.full) is None
            and _BRACKETED.search(name.full) is None
        ):
            yield name
            continue
        found = [
            n for piece in pieces for n in _piece_names(name, piece.strip(" ,;"), whole=len(pieces) == 1)
        ]
        yield from found or [name]  # a note alone ("[Syria]") stays what the list wrote


def _piece_names(name: Name, full: str, whole: bool) -> Iterator[Name]:
    """The name ``full`` (a piece of ``name``) without its note, and the name the note gives in
    another script; with its parts when it is the whole of ``name`` less a note."""
    written = None
    bracketed = _BRACKETED.search(full)
    others: list[str] = []
    if bracketed is not None:
        full = full[: bracketed.start()]
        aka = _BRACKETED_AKA.match(bracketed.group(1))
        others = [o.strip() for o in bracketed.group(1)[aka.end() :].split(",") if o.strip()] if aka else []
    note = _NOTE.search(full)
    if note is not None:
        full, written = full[: note.start()], _IN_LANGUAGE.search(note.group(1))
    full = _BORN.sub("", full).strip(" ,;")
    if full:
        yield replace(name, full=full) if whole else Name(full, name.kind, script=name.script, lang=name.lang)
    if written:
        yield Name(written.group(1), name.kind)
    for other in others:
        yield Name(other, name.kind)


# Compact rows of a candidate for the pickled search index: plain tuples, enums as their position.
_TYPES = list(EntityType)
_KINDS = list(NameKind)


class LazyCandidates(list[Any]):
    """Candidates of an unpickled index, rebuilt from compact rows when first touched."""

    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        super().__init__([None] * len(rows))
        self._rows = rows

    def __getitem__(self, position: Any) -> Any:
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        value = super().__getitem__(position)
        if value is None:
            value = candidate_from_row(self._rows[position])
            super().__setitem__(position, value)
        return value

    def __iter__(self) -> Any:
        return (self[i] for i in range(len(self)))


def candidate_row(c: Candidate) -> tuple[Any, ...]:
    """A candidate as a tuple of strings, numbers and lists (see ``candidate_from_row``)."""
    names = [
        (n.full, _KINDS.index(n.kind), n.first, n.middle, n.last, n.script, n.lang, n.title) for n in c.names
    ]
    return (
        c.key,
        _TYPES.index(c.entity_type),
        names,
        c.primary_name,
        c.birth_dates,
        c.countries,
        c.programs,
        c.identifiers,
    )


def candidate_from_row(row: tuple[Any, ...]) -> Candidate:
    """The candidate of a ``candidate_row``."""
    key, type_code, names, primary, births, countries, programs, identifiers = row
    return Candidate(
        (key[0], key[1]),
        _TYPES[type_code],
        [
            Name(full, _KINDS[kind], first, middle, last, script, lang, title)
            for full, kind, first, middle, last, script, lang, title in names
        ],
        primary,
        births,
        countries,
        programs,
        [(kind, number) for kind, number in identifiers],
    )


@lru_cache(maxsize=4096)
def country_code(text: str | None) -> str | None:
    """ISO alpha-2 code (lower case) for a country code or name, None when unknown.

    rigour's ``lookup_territory``: codes first, then ~29,000 territory names (strong, weak, places).
    Its first call builds the name table (about 1 s of CPU with rigour 2.6, measured 2026-11); every
    later call is a dictionary lookup.
    """
    if not text or not text.strip():
        return None
    territory = lookup_territory(text.strip())
    if territory is None:
        return None
    return str(territory.ftm_country or territory.code).lower()
