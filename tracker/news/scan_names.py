"""The listed persons' names as the news scanner looks them up: built once per run.

Only individuals are scanned for (entity words are too generic in prose) and weak aliases are left
out (nicknames, "THE AMERICAN" only add noise). A name is kept only when it has a family part and a
written-out given or middle part, since a full-name mention needs both. Each kept name is found

- by its family name: the transliteration skeleton of each family word and its single deletions
  (SymSpell keys, so a text spelling one letter shorter still hits: Andreev / ANDREYEV);
- by its given names: skeleton, deletions, consonant key and metaphone, plus "1:<letter>" for an
  initial ("A. Derkach").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from tracker.matching import PARTICLES, Candidate, PreparedName, Role, prepare_name
from tracker.matching.rarity import RARE_COUNT, Rarity
from tracker.matching.score import PartAlignment
from tracker.names import (
    abjad_key,
    abjad_kh_fits,
    abjad_v_fits,
    abjad_vowel_qualities_fit,
    abjad_vowels_fit,
    alef_left_out,
    consonant_key,
    digraph_keys,
    f_as_v_keys,
    joined_abjad_keys,
    normalize_word,
    phonetic_key,
    skeleton_key,
    split_comma_name,
    token_forms,
    tokenize,
)
from tracker.news.persons import Person
from tracker.records import EntityType, Name, NameKind

# "a:" and two consonant classes at least: Arabic-script family names are keyed by their consonants
# (شويغو / SHOIGU is "Sk", الأسد / ASSAD "sd"); the full name's scoring decides, as in search.
ABJAD_KEY_MIN = 4
# Korean family names romanised in one or two letters whose skeleton is one letter (JO -> "e", O):
# without them a name had no family key at all (조용원, "Jo Yong Won": JO Yong-Won, four lists). Not I
# (이, also romanised RI, LEE): the English "I" would be a trigger everywhere.
_SHORT_KOREAN_FAMILIES = frozenset({"jo", "o", "u"})
# Words a name parser may tag as a given or family name that never identify a person in prose.
_NOT_GIVEN = frozenset({"the", "of", "and", "big", "little", "mr", "mrs"})
# Titles of the Arabic and Persian press written right before a surname (without capitals a word
# after one is a name): president (رئیس‌جمهور splits at its joiner, جمهور last; الرئيس), general
# ranks, sheikh. Not posts followed by what they are of: وزیر دفاع (minister of defence), فرمانده
# نیروی (commander of the force), رهبر, رئیس (head of), القائد (bench/news_eval2 tuning half).
# tracker.names.TITLES holds the romanised ones.
_ABJAD_TITLE_TEXT = """
    جمهور الرئيس سردار سرلشکر سرتیپ سپهبد شیخ الشيخ الجنرال
    آیت‌الله آيت‌الله آيةالله حجت‌الاسلام
"""


@dataclass(slots=True)
class ScanName:
    """One listed name of one person (``owner``: the index of the person in ``ScanNames.persons``)."""

    owner: int
    parts: tuple[str, str | None, str | None, str | None]  # the listed name: full, first, middle, last
    family: frozenset[str]  # skeletons of its family parts
    family_raw: frozenset[str]  # the family-name words as the list writes them

    def __reduce__(self) -> tuple[type[ScanName], tuple[object, ...]]:
        """Pickled as its constructor's arguments: 33,700 names of the five lists unpickle in 0.073
        CPU s, against 0.087 as slots set one by one."""
        return ScanName, (self.owner, self.parts, self.family, self.family_raw)


@dataclass
class ScanNames:
    """Listed persons' names keyed by family-name and given-name keys (name ids, ascending).

    ``candidates`` are the individual entries; ``persons`` groups them (one person on several lists,
    ``tracker.news.persons``): each person is the list of its candidates' positions, the primary first.
    """

    # the individual entries as given to ``fill``: kept in memory, not in a cached index (what a
    # scan needs of them is below: ``keys``, ``source_counts``, ``fact_counts``)
    candidates: list[Candidate] = field(default_factory=list)
    keys: list[tuple[str, str]] = field(default_factory=list)  # (source, id) per candidate position
    source_counts: list[int] = field(default_factory=list)  # person -> lists they are on
    fact_counts: list[int] = field(default_factory=list)  # person -> dates of birth + countries listed
    persons: list[list[int]] = field(default_factory=list)
    names: list[ScanName] = field(default_factory=list)
    # (tuples: a cached index unpickles ~20 % faster than with lists)
    family_keys: dict[str, tuple[int, ...]] = field(default_factory=dict)
    given_keys: dict[str, tuple[int, ...]] = field(default_factory=dict)
    given_vocabulary: frozenset[str] = frozenset()  # skeletons of listed given names
    surnames: dict[str, tuple[int, ...]] = field(default_factory=dict)  # family skeleton -> persons
    # family skeleton -> (person, spelling) of each listed family name (Peskov / Peskova apart)
    surname_norms: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    spellings: list[int] = field(default_factory=list)  # person -> distinct listed name spellings
    # person -> family skeletons of their primary names (on any of their lists): the names a
    # surname alone may name them by (not an a.k.a.: "GATWICK, Simon" of Simon Gatwech DUAL)
    primary_families: list[frozenset[str]] = field(default_factory=list)
    entity_words: dict[str, int] = field(default_factory=dict)  # family skeleton -> entities naming it
    list_count: int = 0  # lists (sources) the individuals come from
    # how common each name word is on the lists: the weights ``tracker search`` scores with
    rarity: Rarity = field(default_factory=Rarity.empty)
    _prepared: dict[int, PreparedName] = field(default_factory=dict, repr=False)  # by name id

    def fill(
        self, candidates: Iterable[Candidate], persons: Mapping[tuple[str, str], Person] | None = None
    ) -> None:
        """Add every individual of ``candidates`` (call once, on an empty object); entries that
        ``persons`` links are one person."""
        family_keys: dict[str, set[int]] = defaultdict(set)
        given_keys: dict[str, set[int]] = defaultdict(set)
        surnames: dict[str, set[int]] = defaultdict(set)
        surname_norms: dict[str, set[tuple[int, str]]] = defaultdict(set)
        vocabulary: set[str] = set()
        prepared_cache: dict[tuple[str, str | None, str | None, str | None], PreparedName] = {}
        person_of: dict[tuple[tuple[str, str], ...], int] = {}
        seen_by_owner: dict[int, set[tuple[str, ...]]] = {}
        entity_words: dict[str, int] = defaultdict(int)
        entries_of: dict[str, int] = defaultdict(int)  # name word -> entries holding it
        primary: dict[int, set[str]] = defaultdict(set)
        for candidate in candidates:
            for norm in {
                n for name in candidate.names for f in token_forms(name.full) for n in (f.norm, *f.alts)
            }:
                entries_of[norm] += 1
            if candidate.entity_type != EntityType.INDIVIDUAL:
                for word in {skeleton_key(n) for name in candidate.names for n in tokens_of(name.full)}:
                    entity_words[word] += 1
                continue
            link = persons.get(candidate.key) if persons else None
            group = link.listings if link else (candidate.key,)
            owner = person_of.get(group)
            if owner is None:
                owner = person_of[group] = len(self.persons)
                self.persons.append([])
            self.persons[owner].append(len(self.candidates))
            self.candidates.append(candidate)
            seen = seen_by_owner.setdefault(owner, set())  # one name on three lists is scored once
            for name in candidate.names:
                if name.kind == NameKind.WEAK_AKA:
                    continue
                cache_key = (name.full, name.first, name.middle, name.last)
                prepared = prepared_cache.get(cache_key)
                if prepared is None:
                    prepared = prepared_cache[cache_key] = prepare_name(name, is_person=True)
                signature = tuple(f"{p.norm}/{p.role}" for p in prepared.parts)
                if signature in seen:
                    if name.kind == NameKind.PRIMARY:  # one list's a.k.a. another's primary name
                        primary[owner].update(_first_family(prepared, family_words(name, prepared)))
                    continue
                seen.add(signature)
                family_raw = family_words(name, prepared)
                # "Shaykh Yunis THE MAURITANIAN": an upper-case word of a descriptive alias is no
                # family name; as a key, "The" made 8,022 of the 37,810 triggers in BBC 2004-05
                family = [
                    p
                    for p in prepared.parts
                    if p.raw in family_raw
                    and (len(p.skeleton) >= 2 or p.norm in _SHORT_KOREAN_FAMILIES)
                    and p.norm not in _NOT_GIVEN
                ]
                others = [
                    p
                    for p in prepared.parts
                    if p.role in (Role.GIVEN, Role.MIDDLE)
                    and p.raw not in family_raw
                    and len(p.norm) > 1
                    and p.norm not in _NOT_GIVEN
                ]
                if not family or not others:
                    continue  # a single-word name cannot make a full-name mention
                name_id = len(self.names)
                abjads = {"a:" + abjad_key(p.norm) for p in family}
                keys = {p.skeleton for p in family} | {a for a in abjads if len(a) >= ABJAD_KEY_MIN}
                fields = (name.full, name.first, name.middle, name.last)
                self.names.append(ScanName(owner, fields, frozenset(keys), family_raw))
                self._prepared[name_id] = prepared
                explicit = explicit_family(name, prepared)
                if name.kind == NameKind.PRIMARY:
                    primary[owner].update(_first_family(prepared, family_raw))
                for part in family:
                    if explicit:
                        surnames[part.skeleton].add(owner)
                        surname_norms[part.skeleton].add((owner, part.norm))
                    for key in skeleton_keys(part.skeleton):
                        family_keys[key].add(name_id)
                    abjad = "a:" + abjad_key(part.norm)
                    if len(abjad) >= ABJAD_KEY_MIN:  # Arabic-script text is keyed so
                        family_keys[abjad].add(name_id)
                        if explicit:
                            surnames[abjad].add(owner)
                            surname_norms[abjad].add((owner, part.norm))
                for first, second in zip(others, others[1:], strict=False):
                    # two given names Arabic script writes as one word (ابومهدی: Abu Mahdi; Persian
                    # محمدجواد: ZARIF, Mohammad Javad), keyed as search's scorer joins them
                    # (score._abjad_joined): a Latin pair too (trial1 item 3)
                    if len(first.norm) > 1 and len(second.norm) > 1:
                        for key in joined_abjad_keys(first.norm, second.norm):
                            given_keys["a:" + key].add(name_id)
                for part in others:
                    if part.role == Role.GIVEN:
                        vocabulary.add(part.skeleton)
                    given_keys["1:" + part.skeleton[0]].add(name_id)  # an initial: "A. Derkach"
                    for key in given_name_keys(part.norm, part.skeleton):
                        given_keys[key].add(name_id)
                    if len(part.norm) > 2:
                        given_keys["a:" + abjad_key(part.norm)].add(name_id)
        self.family_keys = {k: tuple(sorted(v)) for k, v in family_keys.items()}
        self.given_keys = {k: tuple(sorted(v)) for k, v in given_keys.items()}
        self.given_vocabulary = frozenset(vocabulary)
        self.surnames = {k: tuple(sorted(v)) for k, v in surnames.items()}
        self.surname_norms = {k: tuple(sorted(v)) for k, v in surname_norms.items()}
        self.spellings = [
            len({n.full for c in members for n in self.candidates[c].names}) for members in self.persons
        ]
        self.primary_families = [frozenset(primary.get(owner, ())) for owner in range(len(self.persons))]
        self.entity_words = {k: v for k, v in entity_words.items() if k in surnames}
        self.list_count = len({c.key[0] for c in self.candidates})
        self.rarity = Rarity({n: c for n, c in entries_of.items() if c > RARE_COUNT})
        if persons:  # each person's primary listing first
            for members in self.persons:
                link = persons.get(self.candidates[members[0]].key)
                if link is not None:
                    members.sort(key=lambda c: link.listings.index(self.candidates[c].key))
        self.keys = [c.key for c in self.candidates]
        self.source_counts = [len({self.keys[c][0] for c in members}) for members in self.persons]
        self.fact_counts = [
            sum(len(self.candidates[c].birth_dates) + len(self.candidates[c].countries) for c in members)
            for members in self.persons
        ]

    def prepared(self, name_id: int) -> PreparedName:
        """The scorer's form of listed name ``name_id``, prepared on first use: a cached index is
        read without them (preparing ~40,000 names on load would cost more than the few a scan
        scores)."""
        found = self._prepared.get(name_id)
        if found is None:
            full, first, middle, last = self.names[name_id].parts
            listed = Name(full, first=first, middle=middle, last=last)
            found = self._prepared[name_id] = prepare_name(listed, is_person=True)
        return found

    def abjad_spelled_owner(self, raw: str, norm: str) -> int | None:
        """The listed person whose family name the Arabic-script word ``raw`` (normalised ``norm``)
        spells, or None. A Latin family name is spelled when its consonants are the word's (a ف may
        write a v: لافروف, LAVROV) and its vowels fit the long vowels the word writes, as search
        judges a word of the script against a Latin one, with a vowel ending the Latin name written
        at the word's end too (``spells_abjad``): رئیسی is RAISI, not REYES (no last vowel) nor
        ROSSI (o for ی); بوتين is PUTIN, not PUTINA. A listed name in the script spells it when it
        is the same word. Of several persons spelled so, the one on more lists than every other
        (PUTIN, Vladimir on three; three other PUTINs on one each), else nobody."""
        ranked = self.abjad_spelled_owners(raw, norm)
        if len(ranked) <= 1:
            return next(iter(ranked), None)
        top, second = (self.source_counts[o] for o in ranked[:2])
        return ranked[0] if top > second else None

    def abjad_spelled_owners(self, raw: str, norm: str) -> list[int]:
        """Every listed person whose family name the Arabic-script word ``raw`` spells (as
        ``abjad_spelled_owner`` judges it), the one on most lists first."""
        key = abjad_key(norm)
        fitting = {
            owner
            for k in (key, *sorted(f_as_v_keys(key) | digraph_keys(key)))
            for owner, listed in self.surname_norms.get("a:" + k, ())
            if listed == norm or spells_abjad(raw, norm, listed)
        }
        return sorted(fitting, key=lambda o: (-self.source_counts[o], o))

    def sources_of(self, owner: int) -> int:
        """On how many different lists a person is (how widely they are listed)."""
        return self.source_counts[owner]


# A given name written as one word of two joined syllables: Korean Jong-un, Kjong-thä, Cantonese
# Yuet-ngor, French Jean-Pierre.
_JOINED_WORD = re.compile(r"([^\W\d_]+)[-‐‑]([^\W\d_]+)")


def half_of_joined_given(full: str, alignments: Iterable[PartAlignment]) -> str | None:
    """The listed given name of two joined halves ("Kjong-thä") of which the text gives one only, or
    None. The halves are one name: "King Kong" (the film, BBC 2004-05) matched Kjong-thä ČONG with
    thä as a missing middle name, as "Kim Jong" would KIM Jong-un."""
    given = {Role.GIVEN, Role.MIDDLE}
    matched = {a.listed for a in alignments if a.listed and a.query and a.role in given}
    missing = {a.listed for a in alignments if a.listed and not a.query and a.role in given}
    for joined in _JOINED_WORD.finditer(full):
        first, second = joined.groups()
        if (first in matched and second in missing) or (second in matched and first in missing):
            return joined.group()
    return None


def _first_family(prepared: PreparedName, family_raw: frozenset[str]) -> set[str]:
    """The skeleton of the first family-name word of a name that is no particle: the one the press
    names the person by alone. Of two family names the second is not (AVELLAN MEDAL: "Medal of
    Honor" named him; MADURO MOROS is "Maduro"), nor a particle (AL-ASSAD is "Assad")."""
    for part in prepared.parts:
        if part.raw in family_raw and part.norm not in PARTICLES and len(part.skeleton) >= 2:
            return {part.skeleton}
    return set()


def spells_abjad(raw: str, norm: str, listed: str) -> bool:
    """Does the Arabic-script word ``raw`` (normalised ``norm``) spell the Latin name ``listed``, both
    with the same consonant classes: a vowel wherever the word writes one, of a quality its letter
    may stand for, no written alef left out, v and kh as the script writes them (the checks of
    tracker.matching.score for a word of the script against a Latin one), and a vowel ending the Latin
    name written at the word's end (ا و ي, or Persian ه)?"""
    if listed[-1] in "aeiou" and norm[-1] not in "awyh'":
        return False  # the script writes a last vowel: بوتين is no PUTINA
    return (
        abjad_vowels_fit(norm, listed)
        and abjad_v_fits(norm, listed)
        and abjad_kh_fits(norm, listed)
        and abjad_vowel_qualities_fit(raw, listed)
        and not alef_left_out(raw, listed)
    )


@cache
def abjad_titles() -> frozenset[str]:
    """``_ABJAD_TITLE_TEXT`` normalised (each word's last token: الرئيس -> ryys)."""
    return frozenset(normalize_word(w)[-1] for w in _ABJAD_TITLE_TEXT.split())


def family_words(name: Name, prepared: PreparedName) -> frozenset[str]:
    """The family-name words of a listed name: the list's last-name field, the part before the comma,
    capitalised words in a mixed-case name (EU "Delcy Eloina RODRÍGUEZ GÓMEZ"), or the scorer's
    family role. Particles (al, van) are left out: they are never the word a text is keyed on."""
    words: set[str] = {p.raw for p in prepared.parts if p.role == Role.FAMILY}
    if name.last:
        words.update(t.raw for t in tokenize(name.last))
    comma = split_comma_name(name.full)
    if comma is not None:
        words.update(t.raw for t in tokenize(comma[0]))
    raws = [p.raw for p in prepared.parts]
    upper = [r for r in raws if len(r) > 1 and r.isupper()]
    if upper and len(upper) < len(raws):
        words.update(upper)
    return frozenset(p.raw for p in prepared.parts if p.raw in words and p.role != Role.PARTICLE)


def tokens_of(text: str) -> list[str]:
    return [n for word in text.replace(",", " ").split() for n in normalize_word(word) if len(n) > 2]


def explicit_family(name: Name, prepared: PreparedName) -> bool:
    """Does the list itself say which word is the family name (a last-name field, "FAMILY, Given",
    an upper-case family word in a mixed-case name)? A bare surname is looked up only among those:
    descriptive aliases ("Abu Ahmad (the American)") have no family name to speak of."""
    if "(" in name.full:
        return False  # "Abdel Ilah Sabri (false identity related to ... South African ...)"
    if name.last or split_comma_name(name.full) is not None:
        return True
    raws = [p.raw for p in prepared.parts]
    upper = [r for r in raws if len(r) > 1 and r.isupper()]
    return bool(upper) and len(upper) < len(raws)


def skeleton_keys(skeleton: str) -> list[str]:
    """Blocking keys of one skeleton: itself and, from five letters on, its single deletions."""
    if len(skeleton) < 5:
        return [skeleton]
    return [skeleton, *{skeleton[:i] + skeleton[i + 1 :] for i in range(len(skeleton))}]


def given_name_keys(norm: str, skeleton: str) -> list[str]:
    """Keys under which a given name is found: skeleton, deletions, consonant and phonetic keys."""
    keys = skeleton_keys(skeleton)
    # Ukrainian h is Russian g (Yevhen / Yevgeniy, Serhii / Sergey): one consonant key for both
    consonants = consonant_key(norm).replace("g", "h")
    if len(consonants) >= 3:
        keys.append("c:" + consonants)
    phonetic = phonetic_key(norm)
    if len(phonetic) >= 3:
        keys.append("p:" + phonetic)
    return keys
