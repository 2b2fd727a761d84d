"""Which entries on different lists are the same person (or company, or vessel).

Kinds of link, strongest first; every link joins entries of two different lists that are both
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
- ``same``: two entries of ONE list that are one person or company listed twice: a UN reference or
  a document number in common, the same entity type, birth years that agree and a name of two words
  or more in common (loose_key). A shared number alone is not enough: the EU gives KIM Kyong Ok and
  KIM Tong-Ho one UN reference, and RYU Jin's passport number also to KIL Jong Hun. (The same name
  and full birth date on one list is already a ``name+dob`` link.)
- ``entity-name``: companies and other organisations (not vessels or aircraft: two ships may share
  a name) on different lists that carry the same name of at least two words (up to order, case,
  accents and punctuation; any script; weak aliases left out), when no list carries it on two
  entries: the EU's, OFAC's and the UK's "JSC Zaliv Shipyard" / "Shipyard Zaliv JSC", "Aman
  Damascus Joint Stock Company" (502 groups linked by nothing else). Without it, leave-one-out
  queries of a company found its own entry on another list and counted a miss (the lists give
  companies few shared registration numbers).

No link joins two individuals who cannot be one person (``conflict``): Slavic patronymics that
name two fathers ("Sergey Ivanovich MOROZOV" and "Igor Nikolayevich MOROZOV", born the same day), or,
for a link by name words, full birth dates that all disagree beyond a typo. A link that would put two
such entries into one group, directly or through a chain, is dropped and counted in ``Groups.dropped``.

Links are joined transitively into groups (union-find). A group is keyed by its smallest
"source:id"; the split and the leave-one-out folds are drawn per group.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache

from rapidfuzz.distance import Levenshtein

from bench.name_eval.common import loose_key
from tracker.names.normalize import name_tokens, skeleton_key
from tracker.records import EntityType, ListEntry, NameKind

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
# Slavic patronymics as tracker's normaliser writes them (Cyrillic romanised): Russian and Belarusian
# -ovich / -evich / -ovna / -evna, Ukrainian -ovych / -evych / -ivna. National spellings (Swedish
# -ovitj, Czech -ovič, German -owitsch) are not read as patronymics, so they never make a conflict.
_PATRONYMIC = re.compile(r"(?:ovich|evich|ovych|evych|ovna|evna|ivna)$")
# Links whose birth dates are compared (see ``conflict``): those by name words. A shared identifier
# or a shared full name of three words and a birth year outweighs dates that disagree: the lists copy
# dates with typos (the UN and the UK give KIM TONG CHOL 1966-01-28 and 1966-01-27; the UK gives
# RYZHKOV, Nikolai Ivanovich 1929-01-21 where the EU and OFAC give 1929-09-28).
DATED_LINKS = frozenset({"name+dob", "dob+word", "year+words"})


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
        self.keys: dict[Key, list[Key]] = {k: [k] for k in self.parent}
        # (link kind, reason) -> how many pairs of that kind were refused as two people
        self.dropped: Counter[tuple[str, str]] = Counter()

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
            self.keys[low] += self.keys.pop(high)
        self.link_kinds[self.find(a)].add(kind)

    def conflict(self, a: Key, b: Key, by_key: dict[Key, ListEntry], *, dates: bool) -> str | None:
        """Why ``a`` and ``b`` cannot be one person, or None: patronymics are compared across every
        member of both groups (a chain through an entry that gives no patronymic must not join two
        fathers' sons), birth dates between ``a`` and ``b`` only (one list's typo must not split a group)."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return None
        if any(conflict(by_key[x], by_key[y], dates=False) for x in self.keys[ra] for y in self.keys[rb]):
            return "patronymics"
        return conflict(by_key[a], by_key[b], dates=dates)

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
        ("entity-name", _index(entries, lambda s, e: _entity_name_keys(e))),
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
                _join(groups, a, b, kind, by_key, same_list_ok=_same_person(by_key[a], by_key[b]))
    for a, b in _listed_twice(entries, by_key):
        _join(groups, a, b, "same", by_key, same_list_ok=True)
    return groups


def _join(
    groups: Groups, a: Key, b: Key, kind: str, by_key: dict[Key, ListEntry], *, same_list_ok: bool
) -> None:
    reason = groups.conflict(a, b, by_key, dates=kind in DATED_LINKS)
    if reason:
        groups.dropped[kind, reason] += 1
        return
    groups.union(a, b, kind, same_list_ok=same_list_ok)


def _listed_twice(entries: dict[str, list[ListEntry]], by_key: dict[Key, ListEntry]) -> list[tuple[Key, Key]]:
    """Pairs of entries of one list that are one person or company listed twice (``same`` above)."""
    pairs = set()
    for values in (lambda s, e: un_references(s, e), lambda s, e: identifier_numbers(e)):
        for holders in _index(entries, values).values():
            for i, a in enumerate(holders):
                for b in holders[i + 1 :]:
                    ea, eb = by_key[a], by_key[b]
                    if a.split(":", 1)[0] != b.split(":", 1)[0] or ea.entity_type != eb.entity_type:
                        continue
                    if _compatible(ea, eb) and _full_names(ea) & _full_names(eb):
                        pairs.add((min(a, b), max(a, b)))
    return sorted(pairs)


def _entity_name_keys(entry: ListEntry) -> set[str]:
    """An organisation's names of two words or more as loose keys (``entity-name`` above); none
    for individuals, vessels and aircraft."""
    return _full_names(entry) if entry.entity_type == EntityType.ENTITY else set()


def _full_names(entry: ListEntry) -> set[str]:
    """Loose keys of an entry's names of two words or more, weak aliases left out."""
    return {
        key
        for n in entry.names
        if n.kind != NameKind.WEAK_AKA and len((key := loose_key(n.full)).split()) >= 2
    }


def conflict(a: ListEntry, b: ListEntry, *, dates: bool = True) -> str | None:
    """Why two individuals cannot be one person, or None (never for non-individuals):
    - "patronymics": both carry a Slavic patronymic and none of one is a spelling of one of the other
      (``one_father``). An entry's aliases count too: GIRKIN, Igor Vsevolodovich is also STRELKOV,
      Igor Ivanovich on one entry, and either patronymic agrees with him.
    - "birth dates" (only with ``dates``): both give full dates and no two of them agree, where a
      day and month swapped (LOTSMANOV 1975-03-02 / 1975-02-03) or one field differing (a typo:
      1986-11-23 / 1986-11-22) still agree."""
    if not (is_person(a) and is_person(b)):
        return None
    pa, pb = patronymics(a), patronymics(b)
    if (
        pa
        and pb
        and not (
            any(one_father(x, y) for x in pa for y in pb | _fathers(b))
            or any(one_father(x, y) for x in _fathers(a) for y in pb)
        )
    ):
        return "patronymics"
    da, db = _full_dates(a), _full_dates(b)
    if dates and da and db and not any(_dates_agree(x, y) for x in da for y in db):
        return "birth dates"
    return None


def patronymics(entry: ListEntry) -> set[str]:
    """The fathers' names in an entry's Slavic patronymics: each patronymic's skeleton key (tracker's
    normaliser) without its ending ("Petrovich", "Петрович", "Petrovych" -> "petr"); weak aliases left out."""
    return {stem for n in entry.names if n.kind != NameKind.WEAK_AKA for stem in _patronymic_stems(n.full)}


def _fathers(entry: ListEntry) -> set[str]:
    """Skeleton keys of the words of an entry's names that carry no patronymic: a father's name may
    stand there as a plain word (the EU's "Vladislav Vladimir NOVAK", the UK's "Vladislav
    Vladimirovich NOVAK", both aliases of PLAHOTNIUC). Lenient on purpose: any word counts, a
    given name too, so a doubt keeps the link."""
    return {
        skeleton_key(token)
        for n in entry.names
        if n.kind != NameKind.WEAK_AKA and not _patronymic_stems(n.full)
        for token in name_tokens(n.full)
    }


@cache
def _patronymic_stems(text: str) -> frozenset[str]:
    return frozenset(
        _PATRONYMIC.sub("", skeleton_key(token))
        for token in name_tokens(text)
        if len(token) > 6 and _PATRONYMIC.search(token) and _PATRONYMIC.search(skeleton_key(token))
    )


def one_father(x: str, y: str) -> bool:
    """Two patronymic stems are spellings of one father's name: the Ukrainian h for g folded
    (Serhiyovych / Sergeevich, Hryhorovych / Grigorievich), then at most one edit apart, or two
    when one stem has five letters or more (Semonovich / Semenovich, Oleksandrivna / Aleksandrovna,
    Volodymyrivna / Vladimirovna, Belarusian Syarheevich / Sergeevich). Ivanovich / Nikolaevich,
    Aleksandrovich / Alekseevich and Vladimirovich / Vadimovich name two fathers."""
    x, y = x.replace("h", "g"), y.replace("h", "g")
    return Levenshtein.distance(x, y) <= (2 if max(len(x), len(y)) >= 5 else 1)


def _dates_agree(x: str, y: str) -> bool:
    """Two full dates (YYYY-MM-DD) agree: equal, day and month swapped, or one field different."""
    fx, fy = x.split("-"), y.split("-")
    return fx == fy or fx == [fy[0], fy[2], fy[1]] or sum(p != q for p, q in zip(fx, fy, strict=True)) <= 1


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
