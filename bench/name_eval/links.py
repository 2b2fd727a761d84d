"""Which entries on different lists are the same person (or company, or vessel).

Three kinds of link, strongest first; every link joins entries of two different lists that are both
individuals or both non-individuals:
- ``un``: the same UN reference number (UN REFERENCE_NUMBER, EU unitedNationId, the reference at
  the start of UK "UN Ref"), e.g. ``QDi.012``.
- ``id``: the same identity or registration number (passport, national ID, tax, registration, IMO,
  SWIFT/BIC ...), when no list carries that number on two entries and, for individuals, the two
  entries share a birth year whenever both give one.
- ``name+dob``: individuals with the same name (up to order, case, accents and punctuation; at least
  two words; any script) and the same full date of birth. Such entries may be on the same list (the
  EU and the UK list some people twice, e.g. ZOLOTOV, Viktor Vasilyevich).
- ``name+year``: individuals on different lists with the same name of at least three words and a
  birth year in common (lists swap day and month: LOTSMANOV is born 1975-03-02 on the EU list and
  1975-02-03 on the UK list).
- ``dob+word``: individuals on different lists with the same full date of birth and a rare name word
  in common (a word of at least four letters, accents and case folded, that at most RARE entries of
  all lists carry): "Yuri Nikolayevich SHAMALOV" and "SHAMALOV, Yurii Nikolaevich", both born
  1970-06-10.
- ``year+words``: the same with a birth year in common (and no full dates that disagree) and two
  rare words in common (PUZYRNIKOVA, Natalya Vladislavovna, 1979 / 1979-04-11).

Links are joined transitively into groups (union-find). A group is keyed by its smallest
"source:id"; the split and the leave-one-out folds are drawn per group.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache

from bench.name_eval.common import loose_key
from tracker.records import EntityType, ListEntry

Key = str  # "source:id"

_UN_REF = re.compile(r"^\s*([A-Z]{2}[ie])\.\s?(\d{1,3})\b")
# Identifier types that name a document or a registration (OFAC's list also files websites, e-mails,
# sanction notes and dates as "identifiers": those must never link two entries).
_ID_TYPE = re.compile(
    r"passport|pasaporte|passeport|national id|identification (no|num|card)|identity|tax id|fiscal|"
    r"registration (number|id)|company number|\bimo\b|swift|\bbic\b|cedula|c\.u\.r\.p|r\.f\.c|\bnit\b|"
    r"social security|driving|birth certificate|residen|credit code|legal entity number|\binn\b|ogrn",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
RARE = 10  # a name word carried by at most this many entries of all lists is rare


def un_references(source: str, entry: ListEntry) -> set[str]:
    """UN reference numbers of an entry, as ``QDi.012`` (three digits)."""
    texts = {
        "un_sc": [entry.details.get("reference_number", "")],
        "eu_fsf": [entry.details.get("un_id", "")],
        "uk_ofsi": [entry.details.get("un_ref", "")],
    }.get(source, [])
    refs = set()
    for text in texts:
        match = _UN_REF.match(text or "")
        if match:
            refs.add(f"{match.group(1)}.{int(match.group(2)):03d}")
    return refs


def identifier_numbers(entry: ListEntry) -> set[str]:
    """Document and registration numbers, upper-case letters and digits only (an "IMO" prefix
    dropped); at least 6 characters of which at least 4 digits, so that "N/A" or "1" never link."""
    numbers = set()
    for ident in entry.identifiers:
        if not _ID_TYPE.search(ident.type or ""):
            continue
        number = re.sub(r"[^0-9A-Z]", "", (ident.number or "").upper())
        number = number.removeprefix("IMO")
        if len(number) >= 6 and sum(c.isdigit() for c in number) >= 4:
            numbers.add(number)
    return numbers


def birth_years(entry: ListEntry) -> set[str]:
    return {y for d in entry.birth_dates for y in _YEAR.findall(d)}


def is_person(entry: ListEntry) -> bool:
    return entry.entity_type == EntityType.INDIVIDUAL


class Groups:
    """Union-find over entry keys, remembering which kinds of link joined each group."""

    def __init__(self, keys: Iterable[Key]) -> None:
        self.parent = {k: k for k in keys}
        self.link_kinds: dict[Key, set[str]] = defaultdict(set)
        self.sources: dict[Key, set[str]] = {k: {k.split(":", 1)[0]} for k in self.parent}

    def find(self, key: Key) -> Key:
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a: Key, b: Key, kind: str, *, same_list_ok: bool) -> None:
        """Join the groups of ``a`` and ``b``; unless ``same_list_ok``, refuse a join that would put
        two entries of one list into one group (a chain of links through a third list)."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if not same_list_ok and self.sources[ra] & self.sources[rb]:
                return
            low, high = sorted((ra, rb))  # the smallest key is the root: a stable group key
            self.parent[high] = low
            self.link_kinds[low] |= self.link_kinds.pop(high, set())
            self.sources[low] |= self.sources.pop(high)
        self.link_kinds[self.find(a)].add(kind)

    def members(self) -> dict[Key, list[Key]]:
        groups: dict[Key, list[Key]] = defaultdict(list)
        for key in sorted(self.parent):
            groups[self.find(key)].append(key)
        return dict(groups)


def link_entries(entries: dict[str, list[ListEntry]]) -> Groups:
    """Group the entries of every list (``source -> entries``) by the links described above."""
    by_key = {f"{s}:{e.source_id}": e for s, es in entries.items() for e in es}
    groups = Groups(by_key)
    rare = _rare_words(by_key.values())
    for kind, index in (
        ("un", _index(entries, lambda s, e: un_references(s, e))),
        ("id", _index(entries, lambda s, e: identifier_numbers(e))),
        ("name+dob", _index(entries, _name_dob_keys)),
        ("name+year", _index(entries, _name_year_keys)),
        ("dob+word", _index(entries, lambda s, e: _dob_word_keys(e, rare))),
        ("year+words", _index(entries, lambda s, e: _year_words_keys(e, rare))),
    ):
        pairs = []
        for value in sorted(index):
            holders = index[value]
            sources = [k.split(":", 1)[0] for k in holders]
            if len(holders) < 2 or kind != "name+dob" and len(set(sources)) < 2:
                continue
            if kind != "name+dob" and len(sources) != len(set(sources)):
                continue  # ambiguous: two entries of one list carry it
            pairs += [(a, b) for a in holders for b in holders if a < b]
        for a, b in _unambiguous(pairs, by_key):
            if _compatible(by_key[a], by_key[b], strict=kind == "year+words"):
                groups.union(a, b, kind, same_list_ok=_same_person(by_key[a], by_key[b]))
    return groups


def _unambiguous(pairs: list[tuple[Key, Key]], by_key: dict[Key, ListEntry]) -> list[tuple[Key, Key]]:
    """Pairs of one kind of link, without those of an entry linked to two entries of one other list
    that are not one person: the EU's "Molot" plant carries the registration numbers of OFAC's
    "Molot" and of OFAC's "Severny Press"; which of them it is, the numbers cannot say."""
    partners: dict[tuple[Key, str], set[Key]] = defaultdict(set)
    for a, b in pairs:
        partners[a, b.split(":", 1)[0]].add(b)
        partners[b, a.split(":", 1)[0]].add(a)

    def clear(key: Key, other: Key) -> bool:
        found = sorted(partners[key, other.split(":", 1)[0]])
        return all(_same_person(by_key[found[0]], by_key[x]) for x in found[1:])

    return sorted({(a, b) for a, b in pairs if clear(a, b) and clear(b, a)})


def _index(entries: dict[str, list[ListEntry]], values: object) -> dict[str, list[Key]]:
    index: dict[str, list[Key]] = defaultdict(list)
    for source in sorted(entries):
        for entry in entries[source]:
            for value in sorted(values(source, entry)):  # type: ignore[operator]
                index[value].append(f"{source}:{entry.source_id}")
    return index


def _person_names(entry: ListEntry, min_words: int) -> set[str]:
    if not is_person(entry):
        return set()
    return {key for n in entry.names if len((key := loose_key(n.full)).split()) >= min_words}


def _name_dob_keys(source: str, entry: ListEntry) -> set[str]:
    dates = {d for d in entry.birth_dates if _FULL_DATE.match(d)}
    return {f"{d}|{n}" for d in dates for n in _person_names(entry, 2)}


def _name_year_keys(source: str, entry: ListEntry) -> set[str]:
    return {f"{y}|{n}" for y in birth_years(entry) for n in _person_names(entry, 3)}


def _same_person(a: ListEntry, b: ListEntry) -> bool:
    """Individuals with a full birth date in common: a list may carry such a person twice (EU lists
    KURCHENKO and JAFARI under two regimes), so their groups may hold two entries of one list."""
    if not (is_person(a) and is_person(b)):
        return False
    return bool({d for d in a.birth_dates if _FULL_DATE.match(d)} & set(b.birth_dates))


def _compatible(a: ListEntry, b: ListEntry, strict: bool = False) -> bool:
    """Both individuals or both not; individuals share a birth year when both give one (``strict``:
    and a full date when both give full dates)."""
    if is_person(a) != is_person(b):
        return False
    if is_person(a):
        ya, yb = birth_years(a), birth_years(b)
        if ya and yb and not ya & yb:
            return False
        da, db = (_full_dates(e) for e in (a, b))
        if strict and da and db and not da & db:
            return False
    return True


def _full_dates(entry: ListEntry) -> set[str]:
    return {d for d in entry.birth_dates if _FULL_DATE.match(d)}


@cache
def _folded_words(text: str) -> frozenset[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c if c.isalnum() else " " for c in folded if not unicodedata.combining(c))
    return frozenset(w for w in kept.split() if len(w) >= 4)


def _rare_words(entries: Iterable[ListEntry]) -> set[str]:
    counts: Counter[str] = Counter()
    for entry in entries:
        counts.update({w for n in entry.names for w in _folded_words(n.full)})
    return {w for w, c in counts.items() if c <= RARE}


def _entry_rare_words(entry: ListEntry, rare: set[str]) -> list[str]:
    if not is_person(entry):
        return []
    return sorted({w for n in entry.names for w in _folded_words(n.full)} & rare)


def _dob_word_keys(entry: ListEntry, rare: set[str]) -> set[str]:
    words = _entry_rare_words(entry, rare)
    return {f"{d}|{w}" for d in _full_dates(entry) for w in words}


def _year_words_keys(entry: ListEntry, rare: set[str]) -> set[str]:
    words = _entry_rare_words(entry, rare)
    pairs = [(a, b) for i, a in enumerate(words) for b in words[i + 1 :]]
    return {f"{y}|{a}|{b}" for y in birth_years(entry) for a, b in pairs}
