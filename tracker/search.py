"""Name search over the stored lists: builds the name index from the store, caches it on disk, and
finds the matches of a query (tracker.screening turns them into answers).

The cache (data/index/names.pickle) is keyed by the normaliser version and the store's newest snapshot,
so it is rebuilt after each sync that changed something and reused otherwise. When the store changed
but the entries listed now did not (an older file imported: history filled in behind the current
state), the cached names are kept and only the dates beside them read again: a search during an
archive import rebuilt the whole index (17-23 s) after every file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import product
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import Connection
from sqlalchemy.engine import Engine

from tracker import keyed_cache
from tracker.dates import year_in_name
from tracker.gcpause import long_lived
from tracker.matching import DEFAULT_THRESHOLD, Candidate, Match, NameIndex
from tracker.matching.cjk import CANTONESE_READ, cantonese_readings, is_han_text, russian_rules_fit
from tracker.matching.prepare import PARTICLES, PATRONYMIC, Role, prepare_query
from tracker.matching.query import (
    bare_surname,
    bracketed_names,
    glued_parts,
    list_order_family,
    name_parts,
    split_query_notes,
    without_repeats,
    word_parts,
)
from tracker.matching.rarity import RARE_COUNT
from tracker.matching.score import ALT_SIM, explain
from tracker.names import NORMALISER_VERSION, TITLES, hanja_as_hangul, normalize_word
from tracker.names.han_business import han_company_readings
from tracker.names.posts import POST_CASE_FORMS
from tracker.records import EntityType, entry_from_canonical
from tracker.settings import Settings
from tracker.store.queries import current_versions, index_rows, store_stamp

CACHE_FORMAT = 16  # 4: candidates carry their identifiers; 5: entity legal forms and parenthesised names; 6: glued Arabic article as another spelling; 7: names without their notes; 8: state unitary enterprise forms and owner words as legal forms; 9: rarity by consonant key; 10: names split at ';' / a.k.a., birth facts and UN notes cut; 11: a place in square brackets cut; 12: digit-only identifiers without leading zeros; 13: identifiers filed among a list's facts (OFSI business registration, IMO, list reference); 14: the bounds' token shapes, name weights and listed costs and the abjad key tables kept with the index; 15: a particle last or as the list's family name is the family name (TEN); 16: an IMO/INN number glued to its type filed under its digits


# How many times ``limit`` the bare family name of a query with particles is searched for, before the
# names without those particles are dropped ("AL-ASSAD": Asad, Asàad and a weak alias Asad of three
# entries outscore the ten AL-ASSAD names).
BARE_SURNAME_WIDTH = 10
_MAX_CHINESE_READINGS = 4  # readings of one Chinese query searched (each a search: ~10 ms)
# A word of a Russian reading aligns with a listed word at least so (score: same, transliteration).
_READ_AS_WRITTEN = 0.95
# Cantonese readings of one Chinese query searched (each a search: ~6 ms CPU); 李家超 has 12, of
# which the ones whose syllables are most often listed words come first.
_MAX_CANTONESE_READINGS = 6

# Store facts about an entry that the index does not carry, as a plain tuple of ISO day strings
# (first_seen, removed_at or None, listed_on or None): 25k of them unpickle in milliseconds.
EntryFacts = tuple[str, str | None, str | None]


@dataclass
class LoadedIndex:
    index: NameIndex
    facts: dict[tuple[str, str], EntryFacts]
    as_of: datetime | None  # None: the current lists
    content: str = ""  # of the current lists: _content_key of the versions it was built from


def load_index(engine: Engine, settings: Settings, as_of: datetime | None = None) -> LoadedIndex:
    """The index of current names (cached), or of the lists as they stood at ``as_of`` (built fresh)."""
    with engine.connect() as conn:
        if as_of is not None:
            return _build(conn, as_of)
        key = _cache_key(conn)
        cached = _read_cache(settings, key)
        if cached is not None:
            return cached
        loaded = _same_content(conn, settings)  # frozen as it is read
        if loaded is None:
            with long_lived():  # frozen like a cached index (tracker.gcpause)
                loaded = _build(conn, None)
    _write_cache(settings, key, loaded)
    return loaded


def _same_content(conn: Connection, settings: Settings) -> LoadedIndex | None:
    """The cached index with today's dates, when the entries listed now are the ones it was built
    from (the store changed behind them); else None."""
    rows = list(current_versions(conn))
    content = _content_key((r.name, r.source_key, r.content_hash) for r in rows)
    try:  # a hint, read before the whole index is: the index itself says what it holds
        if _content_path(settings).read_text() != content:
            return None
    except OSError:
        return None
    previous = keyed_cache.read(_cache_path(settings), None, LoadedIndex, freeze=True)
    if previous is None or previous.content != content:
        return None
    facts: dict[tuple[str, str], EntryFacts] = {}
    for row in rows:
        listed_on = previous.facts[(row.name, row.source_key)][2]  # from the content: unchanged
        removed = row.removed_at.date().isoformat() if row.removed_at else None
        facts[(row.name, row.source_key)] = (row.first_seen.date().isoformat(), removed, listed_on)
    return replace(previous, facts=facts)


def _content_key(versions: Iterable[tuple[str, str, str]]) -> str:
    """What the index holds, in one digest: the (source, key, content hash) of every version, with
    the index format and the normaliser version."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}:{NORMALISER_VERSION}".encode())
    for name, key, content_hash in sorted(versions):
        digest.update(f"\n{name}\t{key}\t{content_hash}".encode())
    return digest.hexdigest()


def refresh_index(engine: Engine, settings: Settings) -> None:
    """Rebuild the cached index now (called after a sync or import that changed the store)."""
    load_index(engine, settings)


def find_matches(
    loaded: LoadedIndex,
    query: str,
    *,
    limit: int = 10,
    threshold: float = DEFAULT_THRESHOLD,
    sources: list[str] | None = None,
    entity_type: str | None = None,
    dob: str | None = None,
    country: str | None = None,
) -> list[Match]:
    """Ranked matches of ``query`` (UsageError for a query that cannot be searched); notes beside the
    name in the query (tracker.matching.query.split_query_notes) are left out and each match says
    so; a family name with its particles ("AL-ZAWAHIRI") also finds, as the bare family name, the
    listed names with those particles (tracker.matching.query.bare_surname). Han characters are read both ways: as Chinese (pinyin) and as a Korean name's Hanja (金正恩: Kim Jong Un)."""
    options: dict[str, Any] = {
        "limit": limit,
        "threshold": threshold,
        "sources": sources,
        "entity_type": entity_type,
        "dob": dob,
        "country": country,
    }
    found: list[Match] = []
    searched: set[tuple[str, str | None, bool]] = set()
    for reading in query_readings(query, loaded.index.vocab):
        found = _searched(loaded, found, searched, reading, options)
    if not any(m.score >= threshold for m in found):
        # nothing found: the name may hold one word that is no part of it ("Oleg Deripaska Rusal",
        # "Andrii Derkach Ukraine", "Emmanuel Vladimir Putin"): its last, then its first word left out
        for reading in without_one_word(query, loaded.index.person_word):
            found = _searched(loaded, found, searched, reading, options)
    return found


class Reading(NamedTuple):
    """One text a query is searched as."""

    text: str
    year: str | None  # a year of birth read from the query
    said: str  # how it was read, "" for the query as written
    # one word beside a mark: "whole", only the entries it names whole; "family", those or a family name;
    # "rare": a family name searched only when its words are rare (_rare_words)
    # "complete": only names the reading matches whole (_complete); "rare complete": those, when a
    # word of the reading is rare (_a_rare_word); "spelt": those with each word spelt as listed
    # (ALT_SIM), when a word of the reading is rare
    keep: str = ""
    titles: bool = False  # a leading title or rank read as a word of the name


def _searched(
    loaded: LoadedIndex,
    found: list[Match],
    searched: set[tuple[str, str | None, bool]],
    reading: Reading,
    options: dict[str, Any],
) -> list[Match]:
    """``found`` with the matches of one reading merged in; the same as ``found`` for a reading
    already searched (the same text with the same date of birth)."""
    with_year = {**options, "dob": options["dob"] or reading.year} if reading.year else options
    if reading.titles:
        with_year = {**with_year, "keep_titles": True}
    seen = (" ".join(reading.text.split()), with_year["dob"], reading.titles)
    if seen in searched:  # the same text read twice ("Путин": no note, no part) is searched once
        return found
    searched.add(seen)
    if reading.keep == "rare" and not _rare_words(loaded.index, reading.text):
        return found
    if reading.keep in ("rare complete", "spelt") and not _a_rare_word(loaded.index, reading.text):
        return found
    matches = _readings(loaded, reading.text, with_year)
    if reading.keep in ("complete", "rare complete"):
        matches = [m for m in matches if _complete(m)]
    elif reading.keep == "spelt":
        matches = [m for m in matches if _complete(m, ALT_SIM)]
    elif reading.keep in ("whole", "family"):
        family = reading.keep == "family"
        matches = [m for m in matches if _names_whole(m) or (family and m.kind == "surname only")]
    if reading.said:
        matches = _said(matches, reading.said)
    return _merged(found, matches, options["limit"])


def _rare_words(index: NameIndex, text: str) -> bool:
    """Every word of ``text`` but its particles is rare on the lists (on at most RARE_COUNT entries:
    tracker.matching.rarity): a family name that, searched alone, names few others."""
    norms = [n for word in text.split() for n in normalize_word(word) if n not in PARTICLES]
    return bool(norms) and all(index.rarity.count(n) <= RARE_COUNT for n in norms)


def _a_rare_word(index: NameIndex, text: str) -> bool:
    """A word of ``text`` but its particles is rare on the lists (RARE_COUNT): "Vladimir Putin"
    (PUTIN), not "José Hernández", whose words name many listed people each."""
    norms = [n for word in text.split() for n in normalize_word(word) if n not in PARTICLES]
    return any(index.rarity.count(n) <= RARE_COUNT for n in norms)


def _names_whole(match: Match) -> bool:
    """A match of one word that is the whole of a listed entity's or vessel's name ("Sberbank" for
    SBERBANK; its legal form aside), spelt as listed or transliterated (a typo of one word alone is no
    evidence: "Bank" found TBANK at 0.86), not a person's family name nor one word of a longer name."""
    return (
        match.kind == "name"
        and match.candidate.entity_type != EntityType.INDIVIDUAL
        and all(
            a.query and a.listed and a.similarity >= 0.95 for a in match.alignments if a.role != Role.STOP
        )
    )


_COMPLETE_SIM = 0.85  # a typo of 0.86 (Mostafa / MUSTAFA) counts; sounds alike (0.80) does not


def _complete(match: Match, least: float = _COMPLETE_SIM) -> bool:
    """A name match with every query word aligned as another spelling of its listed word (a typo
    or the same consonants in an abjad script: ``least`` or more) and no listed given or family
    name left out."""
    if match.kind != "name":
        return False
    for a in match.alignments:
        if a.query is not None and (a.listed is None or a.similarity < least):
            return False
        if a.query is None and a.role in (Role.GIVEN, Role.FAMILY):
            return False
    return True


def _name_and_year(query: str) -> tuple[str, str | None]:
    """A query's name without its notes and a year beside it, and that year."""
    name, _ = split_query_notes(query)
    dated = year_in_name(name)
    return dated if dated is not None else (name, None)


def query_readings(query: str, words: Container[str]) -> list[Reading]:
    """The texts a query is searched as, the query as written first: another reading may only add
    matches (find_matches keeps each entry's best), so a rule that reads a word as a note ("TICKET
    PREMIER") or drops one never hides a name (trial 2). ``words``: the index's vocabulary. A new
    reading is one line here."""
    readings = [Reading(query, None, "")]
    name, notes = split_query_notes(query)
    if notes:  # "Vladimir Putin (President)": the note is not scored as name words, and that is said
        readings.append(
            Reading(name, None, "; ".join(f"'{n}' read as a note, not as name words" for n in notes))
        )
    first = name.split()[0] if len(name.split()) > 1 else ""
    if normalize_word(first)[:1] and normalize_word(first)[0] in TITLES:  # "General Intelligence ..."
        readings.append(Reading(name, None, f"'{first}' read as a word of the name", titles=True))
    # "Client 42 (Andrii Derkach)": the brackets may hold the name
    readings.extend(Reading(inner, None, f"'{inner}' searched alone") for inner in bracketed_names(query))
    dated = year_in_name(name)
    if dated is not None:  # "Oleg Deripaska 1968": also the name alone, born that year
        name, year = dated
        readings.append(Reading(name, year, f"'{year}' read as the year of birth"))
    # "Oleg Deripaska / Rusal", "Kim Jong Un 김정은", "Rusal, Oleg Deripaska"
    readings.extend(Reading(part, None, f"'{part}' searched alone") for part in name_parts(name))
    # "Sberbank - Moscow branch", "Deripaska-Rusal": one word beside a mark, a company's whole name
    readings.extend(
        Reading(w, None, f"'{w}' searched alone, as a whole name", "whole") for w in word_parts(name)
    )
    # "AL DABBASHI, Ahmad Mohammed": the family name alone finds a listed alias of it alone, when its
    # words are rare (_rare_words): "EL HASSAN, Gaffar" found HASSAN before ELHASSAN, Gaffar
    family = list_order_family(name)
    if family is not None:
        readings.append(Reading(family, None, f"'{family}' searched alone", "rare"))
    # "Deripaska-Rusal": a name and its company glued by a hyphen
    readings.extend(Reading(w, None, f"'{w}' searched alone", "family") for w in glued_parts(name))
    numbered = without_numbers(name)
    if numbered is not None:  # "Andrii Derkach 123456789": an ID number beside the name
        readings.append(Reading(numbered[0], None, f"'{numbered[1]}' read as a number, not as name words"))
    plain = without_suffixes(name, words)
    if plain != name:  # "Vladimir Putin'in": a Turkish case suffix, as the news scanner cuts it
        readings.append(Reading(plain, None, f"searched as '{plain}'"))
    # "Путина": also Путин, whose daughters are listed as PUTINA
    in_case = any(n.split()[0].casefold() in POST_CASE_FORMS for n in notes)  # "президента ..."
    forms = nominatives(name, words, several=in_case)
    readings.extend(Reading(f, None, f"'{name}' read as the case form of '{f}'") for f in forms)
    once = without_repeats(name)
    # two words of a name must stay: "JOUMA JOUMA" (a given name and a family name alike) read as
    # the one word found listed family names alone (Samir JOUMAA, surname only, 1.00)
    if once != name and len(once.split()) >= 2:
        readings.append(Reading(once, None, f"searched as '{once}'"))
    return readings


# Words that join the words of one name: a name never ends in one ("Bank of America" without
# "America" found the weak alias BANKOFF at 0.92, trial 2).
_JOINING_WORDS = frozenset(("of", "at", "and", "the", "for", "und", "et", "y", "ve", "i"))


def without_one_word(query: str, person_word: Callable[[str], bool | None] = lambda _: None) -> list[Reading]:
    """The name of a query of three or four words (its notes and a year beside it left out) without
    its last word ("Oleg Deripaska Rusal" -> "Oleg Deripaska", "Andrii Derkach Ukraine"), flagged;
    [] for a shorter or longer name, or when an initial would stay ("John E. Peterson" -> "John E."
    found JOHN). find_matches reads it only when nothing else was found: one unknown word after a
    name hid it (0.69), a false all clear. Not when a particle would end the name: it belongs to the
    word left out ("Matt Van Epps" -> "Matt Van" found WAN MIN, Wan Mat at 0.86, "Derrick Van Orden"
    DERYA at 0.84: 2 of 661 negatives of the test half), nor a joining word ("Bank of").

    Then the name without its first word ("Emmanuel Vladimir Putin" -> "Vladimir Putin", 0.68 as
    written; issue 13), never a middle one: only names the rest matches whole count, and only when
    a word of the rest is rare on the lists (keep "rare complete"). Any match of it made namesakes
    of names on no list ("Pablo José Hernández" -> HERNANDEZ, Jose: 42 of 688 negatives of the
    tuning half over the threshold); not after a list-order comma (the first word is the family
    name), nor when a particle or joining word would start the rest.

    ``person_word`` (NameIndex.person_word) says what the last word is on the lists: which matches
    count is ``_dropped_word_keep``'s, and whether the reading is made at all (96 of 329 Interpol
    red-notice names over the threshold came from this reading, nearly all other people,
    2026-12-01)."""
    name, year = _name_and_year(query)
    words = name.split()
    kept = words[:-1]
    if not 3 <= len(words) <= 4 or not all(sum(ch.isalpha() for ch in w) >= 2 for w in words):
        return []
    readings = []
    last = normalize_word(kept[-1])
    if not (last and (last[-1] in PARTICLES or last[-1] in _JOINING_WORDS)):
        keep = _dropped_word_keep(name, words, person_word)
        if keep is not None:
            said = f"'{words[-1]}' left out: one word of the query dropped"
            readings.append(Reading(" ".join(kept), year, said, keep))
    second = normalize_word(words[1])
    if "," not in name and not (second and (second[0] in PARTICLES or second[0] in _JOINING_WORDS)):
        said = f"'{words[0]}' left out: one word of the query dropped"
        readings.append(Reading(" ".join(words[1:]), year, said, "rare complete"))
    return readings


def _dropped_word_keep(name: str, words: list[str], person_word: Callable[[str], bool | None]) -> str | None:
    """Which matches of a query without its last word count (a Reading's ``keep``): all ("") when
    the word is surely no name of the person: a word only of listed entities' names (a company, a
    country: "Ukraine"), a word of two letters or fewer ("na"), a word the query already has, or any
    word of a query in list order ("HAFIZ, Said Khan": after the comma come given and middle
    names, which the lists leave out). Else only names the rest of the query matches whole
    ("complete"): the word may be the name of another person (Interpol's "JOSE IGNACIO GONZALEZ
    PERDOMO" found GONZALEZ PENUELAS, Ignacio at 0.96) or a company the lists do not name ("Oleg
    Deripaska Rusal"). Three words stay of four, or the word is a patronymic: a list's spelling
    with one more name of an Arabic chain, or the patronymic a list leaves out (6 cross-list
    queries of the name evaluation's tuning half). Where two words would stay, see the comment
    below; None: no such reading."""
    last = words[-1]
    norms = normalize_word(last)
    if "," in name or sum(ch.isalpha() for ch in last) <= 2:
        return ""
    if set(norms) & {n for w in words[:-1] for n in normalize_word(w)}:
        return ""
    known = [person_word(n) for n in norms]
    if known and not any(known) and False in known:
        return ""
    if len(words) > 3 or any(PATRONYMIC.search(n) and len(n) > 6 for n in norms):
        return "complete"
    # Two words would stay. A word of a listed person's name is the query's family name, not one
    # the lists leave out: none ("Qasem Sulaimani Rahimi" is not SOLEIMANI, Qasem; 1.00 before).
    # An unknown word may be a company ("Oleg Deripaska Rusal") or the family name of someone on
    # no list: the two words must be spelt as listed and one of them rare ("spelt"; Interpol's
    # "MOHAMMED ALI EGE" found Ali MOHAMMED at 1.00, "ZAHID HOSSAIN KHOKON" HUSAYN, Wahid at 0.87).
    return None if any(known) else "spelt"


_NUMBER = re.compile(r"^[#№(\[]?[A-Z]{0,3}\d[\d\-]{4,}[)\]]?$", re.I)
# a short number (not a year, which is read as one): up to three digits, a mark before and up to
# two letters after ("3", "#12", "3x", "(2)")
_SHORT_NUMBER = re.compile(r"^[#№(\[]?(?:no\.?)?\d{1,3}[a-z]{0,2}[)\]]?$", re.I)


def without_numbers(name: str) -> tuple[str, str] | None:
    """(the name without them, the numbers) for a name with an ID number beside it ("Andrii Derkach
    123456789", "Oleg Deripaska #4509 123456", "Oleg Deripaska AB1234567"): words of five digits or
    more, with up to three letters before them, and short numbers ending the name (a row's counter
    or a copy's mark: "Vladimir Putin 3", "Andrii Derkach 5", "Vladimir Putin 3x", "(2)": trial 3
    screened 3,000 such lines as no match), when two words of the name stay; else None."""
    words = name.split()
    numbers = [w for w in words if _NUMBER.match(w.strip(",;:"))]
    for word in reversed(words):
        if word in numbers or not _SHORT_NUMBER.match(word.strip(",;:")):
            break
        numbers.append(word)
    kept = [w for w in words if w not in numbers]
    if not numbers or len([w for w in kept if any(ch.isalpha() for ch in w)]) < 2:
        return None
    return " ".join(kept).strip(" ,;:-"), " ".join(numbers)


def without_suffixes(name: str, words: Container[str]) -> str:
    """``name`` with the Turkish case suffix after an apostrophe cut off each word ("Vladimir
    Putin'in" -> "Vladimir Putin"), by the news scanner's rule (tracker.news.inflect.apostrophe_suffix:
    "O'Brien" stays), except a word that is whole a listed name's word (``words``: the index's
    vocabulary): an apostrophe also writes the Arabic ع or hamza, and "Esma'il" or "Siba'i" cut to
    "Esma", "Siba" found other people (bound13, 2026-12-01)."""
    from tracker.news.inflect import apostrophe_suffix

    def cut(word: str) -> str:
        if any(w in words for w in normalize_word(word)):
            return word
        return word[: len(word) - apostrophe_suffix(word)]

    return " ".join(cut(w) if "'" in w or "’" in w else w for w in name.split())


_MAX_NOMINATIVES = 3  # readings of a case form searched (each a search)


def nominatives(name: str, words: Container[str] = (), *, several: bool = False) -> list[str]:
    """The nominatives a Cyrillic name may be a case form of, by the news scanner's ending table
    (tracker.names.variants.nominative_forms: "Путина" -> Путин, "Деркача" -> Деркач); [] for any
    other query. The lists give the nominative; a genitive that is itself a listed name (PUTINA,
    Putin's daughters) was found alone, the person it names missed (trial 1). A name of two or three
    words is read once, each word in the first of its nominatives that is a listed name's word
    (``words``: the index's vocabulary), else as written ("Игоря Сечина" -> "Игорь Сечин", "Путина
    Владимира", "Игорем Сечиным": full names in the genitive and the instrumental were a false all
    clear, trial 1 item A1); with ``several`` (the name followed a post in the genitive: "президента
    Владимира Путина") a word none of whose nominatives is listed is read in its first."""
    from tracker.names.variants import nominative_forms

    parts = name.split()
    if not parts or not all("\u0400" <= ch <= "\u04ff" for ch in "".join(parts)):
        return []
    if len(parts) == 1:
        return list(nominative_forms(parts[0])[:_MAX_NOMINATIVES])
    if len(parts) > 3:
        return []

    def nominative(word: str) -> str:
        forms = nominative_forms(word)
        listed = [f for f in forms if any(w in words for w in normalize_word(f))]
        return listed[0] if listed else forms[0] if several and forms else word

    read = " ".join(nominative(w) for w in parts)
    return [read] if read != " ".join(parts) else []


def _said(matches: list[Match], said: str) -> list[Match]:
    """Matches of another reading of the query, each saying which."""
    return [replace(m, explanation=f"{m.explanation}; {said}") for m in matches]


def _readings(loaded: LoadedIndex, query: str, options: dict[str, Any]) -> list[Match]:
    """Matches of one text of the query, with the readings tracker reads it in: as written, a family
    name without its particles, a Russian name in Chinese characters, Hanja as Korean."""
    limit = options["limit"]
    found = loaded.index.search(query, **options)
    surname = bare_surname(prepare_query(query))
    if surname is not None:
        family, particles = surname
        # more than ``limit`` asked: the names without those particles (Asad, ASSOCIATION ...) go
        wider = {**options, "limit": limit * BARE_SURNAME_WIDTH}
        same = [m for m in loaded.index.search(family, **wider) if particles <= _listed_particles(m)]
        found = _merged(found, _with_particles(same, query), limit)
    russian = [
        m
        for reading in russian_readings(query, loaded.index.vocab)
        for m in _read_as_russian(loaded.index.search(reading, **options), query, reading)
    ]
    if russian:
        found = _merged(found, russian, limit)
    cantonese = [
        m
        for reading in cantonese_queries(query, loaded.index.vocab)
        for m in _read_as_cantonese(loaded.index.search(reading, **options), query, reading)
    ]
    if cantonese:
        found = _merged(found, cantonese, limit)
    readings, own = han_company_readings(query)
    company = [
        m
        for reading in readings
        for m in _read_as_company(loaded.index.search(reading, **options), query, own)
    ]
    if company:
        found = _merged(found, company, limit)
    # (a Chinese company's name is no Korean name in Hanja, and reads as too many syllables)
    korean = None if readings else hanja_as_hangul(query)
    if korean is None:
        return found
    best = {m.key: m for m in found}
    for match in loaded.index.search(korean, **options):
        if match.key not in best or match.score > best[match.key].score:
            best[match.key] = _in_hanja(match, query, korean)
    merged = sorted(best.values(), key=lambda m: (-m.score, m.kind != "identifier", m.key))
    return merged[:limit]


def russian_readings(query: str, words: Container[str]) -> list[str]:
    """A Russian name written in Chinese characters (普京, 拉夫罗夫, 弗拉基米尔·普京) or Hangul (푸틴,
    블라디미르 푸틴) read back in Latin letters by the Xinhua convention or the Korean rules for
    Russian names, as the news scanner reads them (tracker.news.inflect.pinyin_russian_readings,
    russian_readings): each part's readings of five letters or more that are a listed name's word
    (``words``: the index's vocabulary), the given name before the family name; [] for any other
    query, or when a part reads as no listed word."""
    from tracker.news.inflect import is_han, is_hangul, pinyin_russian_readings
    from tracker.news.inflect import russian_readings as hangul_russian_readings

    text = query.strip()
    if 1 <= len(text.split()) <= 3 and all(is_hangul(c) for c in text.replace(" ", "")):
        reads = [hangul_russian_readings(p) for p in text.split()]
    else:
        parts = text.split("·")
        if len(parts) > 3 or not all(2 <= len(p) <= 6 and all(map(is_han, p)) for p in parts):
            return []
        from pypinyin import lazy_pinyin  # loaded only for a query in Chinese characters

        reads = [pinyin_russian_readings(tuple(lazy_pinyin(p))) for p in parts]
    # a lone word is a name only when long (ordinary words read as short names); beside another
    # part a given name of four letters (Igor, Oleg, Ivan) is read too
    shortest = 5 if len(reads) == 1 else 4
    kept: list[list[str]] = []
    for readings in reads:
        read = [r for r in readings if len(r) >= shortest and r in words]
        if not read:
            return []
        kept.append(read[:_MAX_CHINESE_READINGS])
    return [" ".join(words_) for words_ in product(*kept)][:_MAX_CHINESE_READINGS]


def _read_as_russian(matches: list[Match], query: str, reading: str) -> list[Match]:
    """Matches of a Chinese or Korean query's Russian reading, saying how it was read, as the news scanner
    takes them: persons of Russia or a neighbour, or of no known country
    (tracker.matching.cjk.russian_rules_fit: 比东 read as bidon is no BIDON of Guinea-Bissau), whose
    name has each word of the reading up to transliteration (a reading is a guess from syllables:
    杨洋 read as yanan is no MANAN, Abdul)."""
    from tracker.news.inflect import is_hangul

    script = "Korean" if any(is_hangul(c) for c in query) else "Chinese"
    said = f"'{query.strip()}' read from {script} as {reading}"
    return [
        replace(m, explanation=f"{m.explanation}; {said}")
        for m in matches
        if m.candidate.entity_type == EntityType.INDIVIDUAL
        and russian_rules_fit(m.candidate.countries)
        and all(a.similarity >= _READ_AS_WRITTEN for a in m.alignments if a.query)
    ]


def cantonese_queries(query: str, words: Container[str]) -> list[str]:
    """A Hong Kong name in Chinese characters (林鄭月娥, 鄧炳強, 李家超: three or four characters, no
    space) read in Cantonese as Hong Kong's government romanises names (tracker.matching.cjk.
    cantonese_readings: "lam cheng yuet ngor"), as the news scanner reads them: pinyin reads them
    otherwise (lin zheng yue e) and finds nobody. Only readings whose family name is a listed word
    (``words``: the index's vocabulary), those with most listed syllables first, at most
    ``_MAX_CANTONESE_READINGS``; [] for any other query."""
    text = query.strip()
    if not 3 <= len(text) <= 4 or not is_han_text(text) or " " in text:
        return []
    readings = [r for r in cantonese_readings(text) if r[0] in words]
    readings.sort(key=lambda r: -sum(syllable in words for syllable in r))
    return [" ".join(r) for r in readings[:_MAX_CANTONESE_READINGS]]


def _read_as_cantonese(matches: list[Match], query: str, reading: str) -> list[Match]:
    """Matches of a Chinese query's Cantonese reading, saying how it was read: persons of Hong
    Kong, Macau or China (CANTONESE_READ), whose name has each syllable of the reading up to
    transliteration (a reading is a guess from characters, as in _read_as_russian)."""
    said = f"'{query.strip()}' read in Cantonese as {reading}"
    return [
        replace(m, explanation=f"{m.explanation}; {said}")
        for m in matches
        if m.candidate.entity_type == EntityType.INDIVIDUAL
        and not CANTONESE_READ.isdisjoint(c.casefold() for c in m.candidate.countries)
        and all(a.similarity >= _READ_AS_WRITTEN for a in m.alignments if a.query)
    ]


def _read_as_company(matches: list[Match], query: str, own: tuple[str, ...]) -> list[Match]:
    """Matches of a Chinese company name's Latin reading (tracker.names.han_business), saying how
    it was read: companies and other non-persons whose name spells each pinyin word of the firm's
    own name letter for letter, its syllables joined or not (SHEN ZHONG for shenzhong; xiaorui is
    not XIAORUIZHI, which the scorer takes at 0.95); a business word may be translated otherwise
    (TECHNOLOGY, SCIENCE AND TECHNOLOGY)."""

    def letters(text: str) -> str:
        return "".join(c for c in text.casefold() if c.isalnum())

    said = f"'{query.strip()}' read as a Chinese company's name"
    return [
        replace(m, explanation=f"{m.explanation}; {said}")
        for m in matches
        if m.candidate.entity_type != EntityType.INDIVIDUAL
        and all(
            any(letters(a.listed) == letters(a.query) == word for a in m.alignments if a.query and a.listed)
            for word in own
        )
    ]


def _listed_particles(match: Match) -> frozenset[str]:
    """The particles of the listed name a match aligned ("AL" of "AL ZAWAHIRI, Ayman"), lower case."""
    return frozenset(a.listed.casefold() for a in match.alignments if a.role == Role.PARTICLE and a.listed)


def _merged(first: list[Match], second: list[Match], limit: int) -> list[Match]:
    """The best match of each entry over two searches, ranked as a search ranks them."""
    best = {m.key: m for m in first}
    for match in second:
        if match.key not in best or match.score > best[match.key].score:
            best[match.key] = match
    return sorted(best.values(), key=lambda m: (-m.score, m.kind != "identifier", m.key))[:limit]


def _with_particles(matches: list[Match], query: str) -> list[Match]:
    """Matches of a query's bare family name, saying how they were found."""
    said = f"family name searched without the particles of '{query.strip()}', which the listed name has"
    return [replace(m, explanation=f"{m.explanation}; {said}") for m in matches]


def _in_hanja(match: Match, hanja: str, korean: str) -> Match:
    """A match found through the Korean reading of a Hanja query, explained with the query's own
    characters (each Han character reads as one Hangul syllable, place by place) and saying so."""
    if match.kind != "name" or len(hanja) != len(korean):
        return match
    back = {k: h for k, h in zip(korean, hanja, strict=True) if k != h}
    table = str.maketrans(back)
    alignments = tuple(a._replace(query=a.query.translate(table)) if a.query else a for a in match.alignments)
    said = explain(list(match.alignments), match.notes)
    rest = match.explanation[len(said) :] if match.explanation.startswith(said) else ""
    text = explain(list(alignments), (*match.notes, f"Hanja read in Korean: {korean}"))
    return replace(match, alignments=alignments, explanation=text + rest)


def search(loaded: LoadedIndex, query: str, **options: Any) -> list[dict[str, Any]]:
    """Ranked results as plain dicts (rows of tracker.screening.results, from the index alone;
    `tracker search` completes them from the store). ``options``: as ``find_matches``."""
    from tracker.screening.results import result_row

    return [
        result_row(m, loaded.facts.get(m.key), loaded.as_of) for m in find_matches(loaded, query, **options)
    ]


def _build(conn: Connection, as_of: datetime | None) -> LoadedIndex:
    candidates: list[Candidate] = []
    facts: dict[tuple[str, str], EntryFacts] = {}
    versions: list[tuple[str, str, str]] = []
    for row in index_rows(conn, as_of):
        entry = entry_from_canonical(json.loads(row.data))
        candidates.append(Candidate.from_entry(row.name, entry))
        removed = row.removed_at.date().isoformat() if row.removed_at else None
        facts[(row.name, row.source_key)] = (row.first_seen.date().isoformat(), removed, entry.listed_on)
        versions.append((row.name, row.source_key, row.content_hash))
    content = _content_key(versions) if as_of is None else ""
    return LoadedIndex(NameIndex.build(candidates), facts, as_of, content)


def _cache_key(conn: Connection) -> str:
    newest, versions, forms = store_stamp(conn)
    return f"{CACHE_FORMAT}:{NORMALISER_VERSION}:{newest}:{versions}:{forms}"


def _cache_path(settings: Settings) -> Path:
    return settings.data_dir / "index" / "names.pickle"


def _read_cache(settings: Settings, key: str) -> LoadedIndex | None:
    # Frozen: the index lives until the next reload (see tracker.keyed_cache.read).
    return keyed_cache.read(_cache_path(settings), key, LoadedIndex, freeze=True)


def _content_path(settings: Settings) -> Path:
    return settings.data_dir / "index" / "names.content"


def _write_cache(settings: Settings, key: str, loaded: LoadedIndex) -> None:
    keyed_cache.write(_cache_path(settings), key, loaded)
    with contextlib.suppress(OSError):  # a hint only (see _same_content)
        _content_path(settings).write_text(loaded.content)
