"""Context against namesakes (issue 14 item 4): does the article describe someone the list does not?

A name alone cannot tell a listed official from a footballer of the same name; the words the article
puts next to the name often can. The entry's own facts are compared with them:

- **nationality**: a country or its people's adjective (demonym) in the words that introduce the
  name ("Ukraine's Prosecutor General Andriy Kostin", "Ukrainian footballer ...", "der ukrainische
  Generalstaatsanwalt ...", "X, a Ukrainian lawyer") against the countries the lists give the person
  (nationality, citizenship, addresses: ``Candidate.countries``). Country names and English demonyms
  in many languages come from rigour's territory table; adjectives of other languages are read
  back to their country's name by their endings (ukrainisch-, ukrainien, украинск-, україн-ськ-,
  ukrainalainen, Ukraynalı, الأوكراني). A person the lists give no country is never contradicted.
- **home**: a place after "from" or "of" right after the name or in its apposition ("Vladimir
  Putin, 34, from Ohio", "Sergei Lavrov of Toronto"), after "in" following a trade ("a plumber in
  Toronto") or before a trade ("a Toronto plumber named ..."): a country, a region or a city of rigour's table, by the country it lies in. "in" after
  the name or a role is where the person is, not home ("Putin in Kyiv", "ambassador in Ankara"); a
  dateline ("MOSCOW (Reuters) -") comes before the name and is never read.
- **age**: "32-year-old", "45-jährige", "45-летний", "(45)", ", 45," next to the name, against the
  listed years of birth and the article's year (or, for an undated text, any year 1980 to now).
- **occupation**: a sports or arts occupation in those words ("pitcher", "footballer", "actress")
  that the entry's positions, titles and remarks never mention. Listed persons are officials,
  businessmen, militants; a listed gymnast's entry says so.

Programmes are not used: they name the conflict (UKRAINE-EO13660 lists Russian officials), not the
person's country. Only words in the same clause count: a comma, a colon or a full stop ends the
introduction, so "In Ukraine, Putin said" and "Ukrainian officials say Putin" contradict nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from rigour.territories import territories_intersect

from tracker.matching import Candidate
from tracker.names import TITLES, split_words
from tracker.names.posts import POST_HEADS, POST_MODIFIERS
from tracker.news.places import Places, default_places

# Words that may stand between a country word and the name it introduces, or before the name: the
# posts and their modifiers (tracker.names.posts, the list search reads too), and ranks and other
# words, in the languages of bench/news_eval2's written articles. Any other word ends the
# introduction: it may be a verb ("Ukrainian officials say Putin").
_ROLE_TEXT = """
    the a an public ministry opposition state senior top army navy military national team star
    veteran young retired rising legendary local
    millionaire officer journalist lawyer banker economist activist
    member council councillor district city regional municipal village
    soldier serviceman servicewoman tanker pilot sniper paratrooper marine gunner medic fighter
    volunteer defender hero
"""
_ROLE_WORDS = POST_HEADS | POST_MODIFIERS | frozenset(_ROLE_TEXT.split())
# Occupations that sanctions entries (officials, businessmen, militants) almost never hold; stems
# (lower case) matched at a word's start. English, German, French, Russian, Turkish, Finnish.
_OCCUPATIONS = (
    "footballer", "football player", "soccer", "striker", "midfielder", "goalkeeper",
    "pitcher", "quarterback", "batsman", "cricketer", "tennis", "golfer", "boxer", "athlete",
    "sprinter", "swimmer", "cyclist", "skater", "skier", "jockey", "racing driver", "actor",
    "heavyweight", "middleweight", "welterweight", "lightweight", "featherweight", "bantamweight",
    "flyweight", "wrestler",
    # team sports' positions and officials (AG News, BBC 2004-05: "outfield slugger Carlos Lee",
    # "the new coach Antonio Lopez"); not forward (a verb's particle: "put forward")
    "slugger", "outfielder", "infielder", "shortstop", "winger", "coach", "referee", "umpire",
    "actress", "singer", "rapper", "musician", "guitarist", "pianist", "violinist", "composer",
    "dancer", "ballerina", "comedian", "novelist", "poet", "painter", "sculptor", "filmmaker",
    "fußballer", "fussballer", "schauspieler", "sänger", "footballeur", "acteur", "actrice",
    "chanteu", "футболист", "актёр", "актер", "актрис", "певиц", "певец", "futbolcu", "oyuncu",
    "şarkıcı", "jalkapalloilija", "näyttelijä", "laulaja",
    # everyday trades (a namesake's news: "a local baker named Vladimir Putin"); not chef (German
    # and French for a chief) nor cook (a family name)
    "baker", "butcher", "plumber", "carpenter", "electrician", "mechanic", "farmer", "fisherman",
    "hairdresser", "barber", "waiter", "waitress", "cashier", "shopkeeper", "grocer", "nurse",
    "teacher", "schoolteacher", "student", "schoolboy", "schoolgirl", "pensioner", "retiree",
    "postman", "janitor", "gardener", "bricklayer", "welder", "tailor", "florist", "librarian",
    # more trades of ISCO-08 (the ILO's International Standard Classification of Occupations), its
    # unit groups' English titles; a stem never a word's start that is no trade (not miner: minerals;
    # not vet: veteran; not doctor or engineer, which listed militants' remarks often are)
    "driver", "cabbie", "trucker", "chauffeur", "courier", "cleaner", "labourer", "laborer",
    "builder", "roofer", "plasterer", "locksmith", "shoemaker", "cobbler", "salesman", "saleswoman",
    "receptionist", "bartender", "barista", "accountant", "dentist", "pharmacist", "firefighter",
    "fireman", "lifeguard", "paramedic", "photographer", "programmer", "housewife", "nanny",
)  # fmt: skip
_OCCUPATION_WORDS = frozenset(o for o in _OCCUPATIONS if " " not in o)
# Adjective endings of country words (longest first), and what to put back to get the country's name
# as rigour writes it in that language: ukrainisch-en -> Ukrain+e, украин-ский -> украин+а,
# росси-йский -> росси+я, ukrain-ien -> ukrain+e, Ukrayna-lı, ukraina-lainen, (ال)روس-ي -> روس+يا.
_ADJECTIVE_ENDINGS = (
    "ischen", "ischer", "isches", "ische", "isch",
    "ьского", "ьской", "ьский", "ьская", "ського", "ської", "ський", "ська", "ськy",
    "йского", "йской", "йский", "йская", "ского", "ской", "ский", "ская", "ские", "ских",
    "ienne", "iens", "ien", "aise", "ais", "ane", "an", "ese", "ian", "i",
    "ы", "и", "у", "ой", "ою",
    "lainen", "läinen", "laisen", "läisen",
    "lı", "li", "lu", "lü",
    "ية", "ي", "ی",
)  # fmt: skip
_COUNTRY_ENDINGS = ("", "e", "a", "ia", "ya", "y", "я", "а", "ия", "ія", "ien", "يا", "ية", "یه", "ان")
_AGE_BEFORE = re.compile(
    r"(\d{1,3})\s*[-‐‑]?\s*(?:year[-‐‑ ]old|jährige[nrs]?|летн\w*|річн\w*|vuotia\w*|yaşındaki)"
    r"(?:\W+\w+){0,2}\W*$",
    re.IGNORECASE,
)
_AGE_AFTER = re.compile(
    r"^(?:['’]s)?\s*(?:\(\s*(\d{1,3})\s*\)|,\s*(?:aged\s+|age\s+)?(\d{1,3})\s*(?:,|ans\b|years?\b|лет\b|года\b)"
    r"|,\s*an?\s+(\d{1,3})\s*[-‐‑ ]\s*year[-‐‑ ]old\b)",  # "Sergei Lavrov, a 34-year-old plumber"
    re.IGNORECASE,
)
# "a baker named X", "a student called X": the name after an occupation
_NAMED = frozenset({"named", "called"})
# ... unless the words after the name make "named" a verb with an object and its complement: "a
# Canadian diplomat named Sergei Lavrov as a key figure", "named X to the board", "called X a liar"
_NAMED_AS_VERB = re.compile(r"\s+(?:as|to|a|an|the|his|her|their|its|among|one|chief|head)\b", re.IGNORECASE)
_FIRST_ARTICLE_YEAR = 1980  # an undated text: any year from the oldest corpus era to now
_INTRO_WORDS = 5  # words before a name read as its introduction
# the comma after a name, and an age between commas ("Vladimir Putin, 34, from Ohio")
# or an age in an apposition's article ("Sergei Lavrov, a 34-year-old plumber", the "a" read with it)
_APPOSITION = re.compile(
    r"\s*,\s*(?:\d{1,3}\s*,\s*|an?\s+\d{1,3}\s*[-‐‑ ]\s*year[-‐‑ ]old\s+)?", re.IGNORECASE
)
# The article says outright that the person is not the famous one: "Sergei Lavrov (not the foreign
# minister)", "..., no relation to the Russian minister", "(not to be confused with ...)"
_DENIAL = re.compile(
    r"\s*[(,]\s*((?:not\s+the|no\s+relation|not\s+related|not\s+to\s+be\s+confused)\b[^()\n.;,]*)",
    re.IGNORECASE,
)
# "from Ohio", "of New York": a preposition and one or two capitalised words, the person's home when
# they are a place (rigour's table: countries, regions, capitals and large cities)
_HOME = re.compile(r"\s*(from|of|in)\s+([^\W\d_a-z][^\W\d_]*)(?:\s([^\W\d_a-z][^\W\d_]*))?")
_POSSESSIVE = re.compile(r"['’]s$")
_HOME_MARK = "@"  # starts a word of ``_apposition`` naming a home place: "@from Ohio" (no word does)


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """What the lists say about one person that an article can contradict."""

    countries: frozenset[str]  # ISO 3166 alpha-2, lower case (nationality, citizenship, addresses)
    birth_years: tuple[int, ...]
    occupations: frozenset[str]  # _OCCUPATIONS stems the entries' positions / titles / remarks hold


def person_facts(members: Iterable[Candidate], roles: Iterable[str]) -> PersonFacts:
    """The facts of one person from their entries (``members``) and the text of their positions,
    titles and remarks (``roles``)."""
    countries: set[str] = set()
    years: set[int] = set()
    for candidate in members:
        countries.update(candidate.countries)
        years.update(int(d[:4]) for d in candidate.birth_dates if d[:4].isdigit())
    text = " ".join(roles).lower()
    occupations = frozenset(o for o in _OCCUPATIONS if o in text)
    return PersonFacts(frozenset(countries), tuple(sorted(years)), occupations)


def namesake_reason(
    text: str, start: int, end: int, facts: PersonFacts, year: int | None, places: Places | None = None
) -> str | None:
    """Why the person named at text[start:end] is probably not the listed person ``facts`` describe
    (a sentence for the explanation), or None when nothing near the name contradicts the lists.
    ``year``: the article's year, None when undated; ``places``: the territory table (the scan
    index's copy; rigour's when None)."""
    places = places or default_places()
    denial = _DENIAL.match(text, end)
    if denial:
        return f'the article says "{denial.group(1).strip()}"'
    before = _introduction(text, start, end, places)
    after = _apposition(text, end, places)
    for word in (*before, *after):
        home = word.startswith(_HOME_MARK)  # "from Ohio": a region's or a city's country too
        if not home and before and word == before[-1] and _POSSESSIVE.search(word):
            # "Kherson's district council member X": the city or region the person serves
            city = _POSSESSIVE.sub("", word)
            if _country_of_word(word, places) is None and places.home_country(city) is not None:
                word, home = f"{_HOME_MARK}of {city}", True
        preposition, _, place = word[1:].partition(" ")
        country = places.home_country(place) if home else _country_of_word(word, places)
        if country and facts.countries and not territories_intersect([country], facts.countries):
            listed = ", ".join(sorted(facts.countries))
            said = f"places this person in {place}"  # "of Toronto", "a plumber in Toronto"
            if not home:
                said = f'calls this person "{word}"'
            elif preposition == "from":
                said = f"calls this person from {place}"
            return f"the article {said} ({country}); the lists say {listed}"
    for word in (*before, *after):
        low = word.lower()
        occupation = next((o for o in _OCCUPATION_WORDS if low.startswith(o)), None)
        if occupation and occupation not in facts.occupations:
            return f'the article calls this person "{word}"; the lists\' positions and remarks do not'
    age = _age(text, start, end)
    if age is not None and facts.birth_years and not _age_fits(age, facts.birth_years, year):
        born = ", ".join(map(str, facts.birth_years))
        when = f"in {year}" if year else "in an undated article"
        return f"the article gives the age {age} {when}; the lists give birth in {born}"
    return None


def _introduction(text: str, start: int, end: int, places: Places) -> list[str]:
    """The words right before the name text[start:end] in the same clause (nearest first): roles,
    titles and occupations, then at most one country word ("Ukraine's Prosecutor General"). Any
    other word (a verb, a preposition, another name, a number) or punctuation ends it; so does
    "named" read as a verb ("a diplomat named X as a key figure": ``_NAMED_AS_VERB``)."""
    parts = split_words(text[max(0, start - 160) : start])
    verb = _NAMED_AS_VERB.match(text, end) is not None
    words: list[str] = []
    for k in range(len(parts) - 2, 0, -2):  # words are the odd items, the last item is a gap
        gap = parts[k + 1]
        if gap.strip() or gap.count("\n") > 1 or ("\n" in gap and k + 2 == len(parts)):
            # punctuation (a dash, a comma, a hyphen of a compound): the clause ends; so does a line
            # break right before the name: a headline above it ("... invasion of Ukraine" / "Putin
            # approves ...": RUWA titles and their descriptions, bench/news_eval2 tuning half)
            break
        word = parts[k]
        named = word.lower() in _NAMED and k >= 3 and not parts[k - 1].strip() and not verb
        if named and (_between(parts[k - 2]) or _nationality_named(parts, k - 2, places)):
            continue  # "a local baker named X", "a Canadian named X": the word before introduces the name
        if _between(word):
            words.append(word)
            if len(words) >= _INTRO_WORDS:
                break
            continue
        if not parts[k - 1].endswith(("-", "‐", "‑")):  # "pro-Russian" is no nationality
            pair = f"{parts[k - 2]} {word}" if k >= 3 and parts[k - 1] == " " else ""
            words.append(pair if pair and _country_of_word(pair, places) else word)  # "North Korean"
            if words[:-1] and _is_trade(words[-2]) and places.home_country(word) is not None:
                words.append(f"{_HOME_MARK}in {word}")  # "a Toronto plumber": where the trade is plied
        break
    return words


def _nationality_named(parts: list[str], k: int, places: Places) -> bool:
    """Is parts[k] a country word after an indefinite article ("a Canadian named X": someone
    introduced by nationality; "Canada named X" is a country acting, so no)?"""
    return (
        k >= 3
        and parts[k - 2].lower() in ("a", "an")
        and not parts[k - 1].strip()
        and _country_of_word(parts[k], places) is not None
    )


def _apposition(text: str, end: int, places: Places) -> list[str]:
    """What the words right after the name say of the person: a phrase of roles and a country word
    between commas ("Andriy Kostin, Ukraine's prosecutor general, said"), after an age ("Vladimir
    Putin, 34, a baker"); a home place ("Vladimir Putin, 34, from Ohio", "Sergei Lavrov of Toronto",
    "Sergei Lavrov, a plumber in Toronto") as ``_HOME_MARK`` + preposition + its name; [] when the
    words after the comma are anything else ("Putin, Germany's Scholz said").

    "in" names a home only after a trade ("a plumber in Toronto"): after the name or a role it is
    where the person is or works ("Putin in Kyiv", "Russia's ambassador in Ankara"). A dateline
    ("MOSCOW (Reuters) - Putin said") is before the name: never read here."""
    tail = text[end : end + 100]
    home = _home(tail, 0, places)
    if home is not None and not home.startswith(_HOME_MARK + "in "):
        return [home]  # "Sergei Lavrov of Toronto", "Vladimir Putin from Ohio"
    match = _APPOSITION.match(tail)
    if match is None:
        return []
    home = _home(tail, match.end(), places)
    if home is not None and not home.startswith(_HOME_MARK + "in "):
        return [home]  # "Vladimir Putin, 34, from Ohio"
    parts = split_words(tail[match.end() :])
    words: list[str] = []
    offset = match.end() + len(parts[0])
    for k in range(1, len(parts), 2):
        word = parts[k]
        following = parts[k + 2] if k + 2 < len(parts) and not parts[k + 1].strip() else ""
        modifier = _is_trade(following)  # "a taxi driver", "a ballet dancer"
        if not (_between(word) or modifier or _country_of_word(word, places)) or len(words) >= _INTRO_WORDS:
            home = _home(tail, offset - len(parts[k - 1]), places) if words else None
            trade = any(map(_is_trade, words))
            if home is not None and (trade or not home.startswith(_HOME_MARK + "in ")):
                place = home.partition(" ")[2]
                if _before_a_name(tail, tail.find(place, offset - len(parts[k - 1])) + len(place)):
                    return []  # "Putin, the President of Turkey, Recep Tayyip Erdogan": the next one's
                return [*words, home]  # "a plumber in Toronto", "the mayor of Moscow"
            return []
        words.append(word)
        gap = parts[k + 1] if k + 1 < len(parts) else ""
        offset += len(word) + len(gap)
        if gap.strip():  # the phrase is closed by punctuation
            if _before_a_name(tail, offset - len(gap)):
                return []  # the phrase introduces the name after it, not the one before
            return words if gap.strip()[0] in ",.;:)" else []
    return []


# a comma and then two capitalised words: a phrase between two names introduces the second one
# ("with Vladimir Putin, the President of Turkey, Recep Tayyip Erdogan, said": bench/news_eval2)
_NAME_NEXT = re.compile(r"\s*,\s*[^\W\d_a-zа-яё][^\W\d_]+\s+[^\W\d_a-zа-яё][^\W\d_]*")


def _before_a_name(tail: str, at: int) -> bool:
    """Does tail[at:] open with a comma and a capitalised name of two words at least?"""
    return _NAME_NEXT.match(tail, at) is not None


def _home(tail: str, at: int, places: Places) -> str | None:
    """``_HOME_MARK`` + "from Ohio" when tail[at:] opens with a preposition and a place (two words
    when both are one: "from New York"), else None."""
    match = _HOME.match(tail, at)
    if match is None:
        return None
    preposition, first, second = match.groups()
    for place in (f"{first} {second}", first) if second else (first,):
        if places.home_country(place) is not None:
            return f"{_HOME_MARK}{preposition} {place}"
    return None


def _is_trade(word: str) -> bool:
    """Is ``word`` an occupation of ``_OCCUPATIONS`` (a stem at its start: "plumbers")?"""
    low = word.lower()
    return any(low.startswith(o) for o in _OCCUPATION_WORDS)


def _between(word: str) -> bool:
    """Can ``word`` stand in a name's introduction: a role, a title, an occupation (lists of words in
    several languages: an unknown word may be a verb, "Ukrainian officials say Putin")."""
    low = word.lower()
    return low in _ROLE_WORDS or low in TITLES or _is_trade(low)


def country_of_word(word: str, places: Places | None = None) -> str | None:
    """The country (ISO alpha-2, lower case) a word names or describes: "Ukraine's", "Ukrainian",
    "ukrainischen", "украинский", "ukrainien", "Ukraynalı", "الأوكراني"; None for other words. Codes
    ("US", "in") never count: a word needs four letters. ``places``: as for ``namesake_reason``."""
    return _country_of_word(word, places or default_places())


@lru_cache(maxsize=20_000)
def _country_of_word(word: str, places: Places) -> str | None:
    word = re.sub(r"['’](s|nin|nın|un|ün|in|ın)$", "", word, flags=re.IGNORECASE)
    if word.startswith("ال"):
        word = word[2:]
    if len(word) < 4 or not word.replace(" ", "").isalpha():
        return None
    found = _territory(word, places)
    if found:
        return found
    low = word.lower()
    for ending in _ADJECTIVE_ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            stem = low[: len(low) - len(ending)]
            for back in _COUNTRY_ENDINGS:
                found = _territory(stem + back, places)
                if found:
                    return found
    return None


def _territory(name: str, places: Places) -> str | None:
    if len(name) < 4:
        return None
    return places.country(name)  # a region or a city is no nationality; "Soviet" names no country today


def _age(text: str, start: int, end: int) -> int | None:
    before = _AGE_BEFORE.search(text[max(0, start - 40) : start])
    if before:
        return int(before.group(1))
    after = _AGE_AFTER.match(text[end : end + 30])
    if after:
        return int(after.group(1) or after.group(2) or after.group(3))
    return None


def _age_fits(age: int, birth_years: tuple[int, ...], year: int | None) -> bool:
    """Can a person born in one of ``birth_years`` be ``age`` in the article's ``year``, give or
    take a year (an age copied from last year's story, a birthday not yet known)? In ``year`` a
    person born in B is year - B - 1 or year - B: so B from year - age - 2 to year - age + 1
    ("Sergei Lavrov, 74", born 1950, fits an article of 2023 to 2026). Undated: any year from
    ``_FIRST_ARTICLE_YEAR`` to now."""
    if not 10 <= age <= 110:
        return True  # not an age: a number, a count
    if year is not None:
        return any(year - age - 2 <= born <= year - age + 1 for born in birth_years)
    today = date.today().year
    return any(_FIRST_ARTICLE_YEAR - 1 <= born + age <= today + 2 for born in birth_years)


__all__ = ["PersonFacts", "country_of_word", "namesake_reason", "person_facts"]
