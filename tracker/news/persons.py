"""One person, several lists: which individual entries of the loaded lists are the same person.

The news scanner reports a person once with all their listings (issue 14 item 3). Two entries are
linked when they share

- a UN reference (the UN list's own reference number, the EU's ``un_id``, the UK's ``un_ref``);
- an identity document number (passport, national ID, tax number...: at least 6 letters and digits,
  one of them a digit; not the Chinese Commercial Code, which spells a name, not a person);
- a name (the same words up to transliteration, in any order; or two rare words of a longer name,
  the other name being those two words) and the same FULL date of birth;
- when neither gives a full date: a whole name of three words or more and the same years of birth
  (one year, or the same span: OFAC "01 Jan 1961 to 31 Dec 1963", EU "1961/1963"), and no
  contradicting country (when both give countries they share one). A year alone is shared by too
  many namesakes for two words ("Muhammad Ali", 1970); a name of three words and the same span of
  years is one person on the lists seen (Yahya Ibrahim Hassan SINWAR on OFAC and the EU, trial 2).

A link by reference or document also needs two name words in common (consonant keys: Hosein /
Hosain): lists carry copying slips (an EU entry holding another person's passport number or UN
reference), and such a slip must not make two persons one.

Links are transitive (union-find): an OFAC entry linked to the EU one by name and birth date and
the EU one linked to the UN one by reference are one person.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations

from tracker.matching.candidate import country_code
from tracker.names import consonant_key, normalize_word, skeleton_key
from tracker.records import EntityType, ListEntry, NameKind

Key = tuple[str, str]

_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_YEAR_NAME_WORDS = 3  # words of a whole name that link entries born in the same years only
_NOT_A_PERSON_ID = ("chinese commercial code", "sanction", "transactions prohibited", "executive order")
_ALNUM = re.compile(r"[^0-9A-Z]")
# A pair of name words links two entries born the same day only when one of them is this rare (on at
# most this many individual entries): "Viktor Medvedchuk" yes, "Muhammad Ali" never.
_RARE_WORD = 30


@dataclass(frozen=True, slots=True)
class Person:
    """The listings of one person, the primary one first (the entry with the most names)."""

    listings: tuple[Key, ...]

    @property
    def sources(self) -> int:
        """On how many different lists the person is."""
        return len({source for source, _ in self.listings})


def name_signature(full: str) -> tuple[str, ...]:
    """The words of a name as sorted transliteration skeletons: the same name in any order/spelling."""
    words = [skeleton_key(norm) for word in full.replace(",", " ").split() for norm in normalize_word(word)]
    return tuple(sorted(w for w in words if w))


def _name_words(entry: ListEntry) -> list[frozenset[str]]:
    """Consonant keys of the words of each strong name of the entry."""
    found = []
    for name in entry.names:
        if name.kind != NameKind.WEAK_AKA:
            keys = {
                consonant_key(n) or n for w in name.full.replace(",", " ").split() for n in normalize_word(w)
            }
            found.append(frozenset(keys))
    return found


def _same_name(a: list[frozenset[str]], b: list[frozenset[str]]) -> bool:
    return any(len(x & y) >= min(2, len(x), len(y)) for x in a for y in b)


def _link_keys(entry: ListEntry, rare: set[str] | None = None) -> Iterator[str]:
    for field_name in ("reference_number", "un_id", "un_ref"):
        value = entry.details.get(field_name)
        if value and (field_name != "reference_number" or "." in value):  # UN refs look like KPi.076
            yield "un:" + value.strip().upper()
    for identifier in entry.identifiers:
        kind = identifier.type.lower()
        if any(word in kind for word in _NOT_A_PERSON_ID):
            continue
        number = _ALNUM.sub("", identifier.number.upper())
        if len(number) >= 6 and any(c.isdigit() for c in number) and len(identifier.number) <= 30:
            yield "id:" + number
    dates = [d for d in entry.birth_dates if _FULL_DATE.match(d)]
    if dates:
        for name in entry.names:
            if name.kind == NameKind.WEAK_AKA:
                continue
            signature = name_signature(name.full)
            # the whole name, and for longer names each pair of its words (OFAC "MEDVEDCHUK, Viktor"
            # and UK "Viktor Volodymyrovich MEDVEDCHUK", born the same day)
            forms = {signature} if len(signature) >= 2 else set()
            if len(signature) >= 3 and rare is not None:
                forms.update(
                    pair
                    for pair in combinations(signature, 2)
                    if rare & set(pair) and min(map(len, pair)) >= 3
                )
            for form in forms:
                for date in dates:
                    yield f"nd:{date}:{' '.join(form)}"


def _birth_years(entry: ListEntry) -> str | None:
    """ "1961-1963" (or "1961") when the entry gives years of birth but no full date, else None."""
    if not entry.birth_dates or any(_FULL_DATE.match(d) for d in entry.birth_dates):
        return None
    years = sorted({int(y) for d in entry.birth_dates for y in _YEAR.findall(d)})
    if not years:
        return None
    return f"{years[0]}-{years[-1]}" if years[0] != years[-1] else str(years[0])


def _year_link_keys(entry: ListEntry) -> Iterator[str]:
    years = _birth_years(entry)
    if years is None:
        return
    for name in entry.names:
        if name.kind == NameKind.WEAK_AKA:
            continue
        signature = name_signature(name.full)
        if len(signature) >= _YEAR_NAME_WORDS:
            yield f"ny:{years}:{' '.join(signature)}"


def _countries(entry: ListEntry) -> frozenset[str]:
    raw = [*entry.nationalities, *entry.citizenships, *(a.country for a in entry.addresses if a.country)]
    return frozenset(c for c in map(country_code, raw) if c)


def _countries_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    return not (a and b) or not a.isdisjoint(b)


def link_persons(entries: Iterable[tuple[Key, ListEntry]]) -> dict[Key, Person]:
    """Every individual's key -> the Person it belongs to (entities are left out)."""
    parent: dict[Key, Key] = {}

    def find(key: Key) -> Key:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    entries = list(entries)
    counts: Counter[str] = Counter()
    for _key, entry in entries:
        if entry.entity_type == EntityType.INDIVIDUAL:
            counts.update({w for n in entry.names for w in name_signature(n.full)})
    rare = {w for w, c in counts.items() if c <= _RARE_WORD and len(w) >= 4}
    first_by_link: dict[str, list[Key]] = {}
    names: dict[Key, int] = {}
    words: dict[Key, list[frozenset[str]]] = {}
    countries: dict[Key, frozenset[str]] = {}
    for key, entry in entries:
        if entry.entity_type != EntityType.INDIVIDUAL:
            continue
        parent.setdefault(key, key)
        names[key] = len(entry.names)
        words[key] = _name_words(entry)
        by_years = list(_year_link_keys(entry))
        if by_years:
            countries[key] = _countries(entry)
        for link in (*_link_keys(entry, rare), *by_years):
            others = first_by_link.setdefault(link, [])
            for other in others:
                if link.startswith("ny:") and not _countries_agree(countries[other], countries[key]):
                    continue  # the same name and years, of another country: a namesake
                if link.startswith(("nd:", "ny:")) or _same_name(words[other], words[key]):
                    a, b = find(other), find(key)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
                    break
            others.append(key)
    groups: dict[Key, list[Key]] = {}
    for key in parent:
        groups.setdefault(find(key), []).append(key)
    persons: dict[Key, Person] = {}
    for members in groups.values():
        members.sort(key=lambda k: (-names[k], k))
        person = Person(tuple(members))
        for key in members:
            persons[key] = person
    return persons
