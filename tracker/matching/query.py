"""What a user asks search for, checked before any work: the query text and its filters.

Every problem is a UsageError with one line that says what to give instead (the CLI exits 2).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from tracker.errors import UsageError
from tracker.matching.candidate import country_code
from tracker.matching.prepare import PARTICLES, PreparedName, Role, prepare_query
from tracker.names.han_business import han_company_readings
from tracker.names.posts import POST_HEADS, POST_MODIFIERS, POSTS_ALSO_FAMILY_NAMES
from tracker.records import EntityType

MAX_QUERY_CHARS = 500  # the one limit: the CLI, the API's parameters and bodies (tracker.api) use it
MAX_QUERY_TOKENS = 12  # longer than any listed name: a pasted paragraph is not a name

ENTITY_TYPES = {
    "person": EntityType.INDIVIDUAL,
    "individual": EntityType.INDIVIDUAL,
    "entity": EntityType.ENTITY,
    "organisation": EntityType.ENTITY,
    "organization": EntityType.ENTITY,
    "vessel": EntityType.VESSEL,
    "aircraft": EntityType.AIRCRAFT,
}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")  # YYYY, YYYY-MM or YYYY-MM-DD


def check_query(query: str, keep_titles: bool = False) -> PreparedName:
    """The query prepared for scoring (prepare_query); UsageError when too long, too short or
    without letters."""
    if len(query) > MAX_QUERY_CHARS:
        raise UsageError(f"query is too long ({len(query)} characters; at most {MAX_QUERY_CHARS})")
    prepared = prepare_query(query, keep_titles)
    if not prepared.parts:
        raise UsageError("query has no letters or digits to search for")
    if sum(len(p.norm) for p in prepared.parts) < 2:
        raise UsageError(f"query {query.strip()!r} is too short: give at least two letters")
    if len(prepared.parts) > MAX_QUERY_TOKENS and not han_company_readings(query)[0]:
        # (a Chinese company's name is read a word a character: 武汉晓睿智科技有限责任公司 is 13)
        raise UsageError(f"query has {len(prepared.parts)} words; a name has at most {MAX_QUERY_TOKENS}")
    return prepared


def check_entity_type(value: EntityType | str | None) -> EntityType | None:
    """An entity type from its name or a synonym (person, organisation ...); None for any type."""
    if value is None or isinstance(value, EntityType):
        return value
    if value == "any":
        return None
    try:
        return ENTITY_TYPES[value.lower()]
    except KeyError:
        known = ", ".join([*ENTITY_TYPES, "any"])
        raise UsageError(f"unknown entity type {value!r} (known: {known})") from None


def check_dob(dob: str | None) -> str | None:
    """A date of birth as YYYY, YYYY-MM or YYYY-MM-DD; None when not given. UsageError when it is
    not one of those forms or not a calendar date (month 13, 30 February): such a date would only
    lower the score of every listed person as a "different" birth date."""
    if dob is None or not dob.strip():
        return None
    dob = dob.strip()
    if not DATE.match(dob):
        raise UsageError(f"date of birth {dob!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) for part in (dob + "-01-01")[:10].split("-"))
    try:
        date(year, month, day)
    except ValueError:
        raise UsageError(f"date of birth {dob!r} is not a calendar date") from None
    return dob


def check_country(country: str | None) -> str | None:
    """ISO alpha-2 code (lower case) of a country code or name; None when not given."""
    if country is None or not country.strip():
        return None
    code = country_code(country)
    if code is None:
        raise UsageError(f"unknown country {country!r} (give an ISO code like RU or a country name)")
    return code


# Words of a post or position that a user writes after a name ("Andrei Derkach MP", "Sergei Lavrov
# Foreign Minister", "Vladimir Putin, President") or before it ("Chairman Kim Jong Un", "Президент
# Владимир Путин"): heads, and the modifiers read only in front of a head. The one list of posts the
# news scanner reads too (tracker.names.posts), less the posts that are also family names (General,
# King, Marshal, Speaker): a name may end in one of those. Chinese and Korean posts are also
# written glued to the name (普京总统, 金正恩委员长).
POSITION_HEADS = POST_HEADS - POSTS_ALSO_FAMILY_NAMES
POSITION_MODIFIERS = POST_MODIFIERS
# What may follow a head in a post: a place or body it is the post of ("President of Russia", "MP
# for Konotop", "Ambassador to France"). A Cyrillic head takes its complement in the genitive, with
# no preposition ("президент России").
_POST_PREPOSITIONS = frozenset({"of", "for", "to", "at", "in", "from", "on"})
# A country's people's adjective before a head ("Russian President"), by the endings English gives
# them (Russian, Ukrainian, Chinese, British, Iraqi, Israeli): read so only when two name words stay.
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ian|ean|an|en|ese|ish|i)$")  # Chechen too
# Marks that start a post after the name: a comma, a dash, a semicolon or a colon.
_POST_MARK = re.compile(r"\s*[,;:]\s*|\s+[-–—]+\s+")
_BRACKETED = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_EDGE = " \t,;:-–—/"
# Words of a post after a mark read, at most, before its head ("Russian President", "People's Deputy")
_POST_LEAD = 3


def _bare(word: str) -> str:
    return word.strip(_EDGE + ".").casefold()


# Korean particles written after a post ("푸틴 대통령은", "김정은 위원장이"): topic, subject, object,
# genitive and "with" endings, longest first.
_KOREAN_PARTICLES = ("께서는", "께서", "에게", "은", "는", "이", "가", "을", "를", "의", "와", "과", "도")


def _without_particle(word: str) -> str:
    """A Korean post without the particle after it ("대통령은" -> "대통령"); the word itself when it
    is no post with a particle."""
    for particle in _KOREAN_PARTICLES:
        if word.endswith(particle) and word[: -len(particle)] in POSITION_HEADS:
            return word[: -len(particle)]
    return word


def _is_head(word: str) -> bool:
    """A head of a post, also with modifiers joined by hyphens ("Ex-Director", "Vice-President"), or
    a Korean one with its particle ("대통령은")."""
    bare = _bare(word)
    if bare in POSITION_HEADS or _without_particle(bare) in POSITION_HEADS:
        return True
    pieces = bare.split("-")
    return (
        len(pieces) > 1
        and pieces[-1] in POSITION_HEADS
        and all(p in POSITION_MODIFIERS or p in POSITION_HEADS for p in pieces[:-1])
    )


def _post_start(words: list[str]) -> int | None:
    """Where a post written after the name without a mark starts: at the first head after the first
    word, back over its modifiers (and one people's adjective when two name words stay), when the
    head ends the query, or is followed by more heads, or by a preposition and its place ("President
    of Russia"), or is Cyrillic (its complement in the genitive). None when there is no post."""
    for head in range(1, len(words)):
        if not _is_head(words[head]):
            continue
        rest = words[head + 1 :]
        cyrillic = any("\u0400" <= ch <= "\u04ff" for ch in words[head])
        if rest and not (cyrillic or all(_is_head(w) for w in rest) or _bare(rest[0]) in _POST_PREPOSITIONS):
            continue
        start = head
        while start > 1 and _bare(words[start - 1]) in POSITION_MODIFIERS:
            start -= 1
        if start > 2 and _DEMONYM.match(words[start - 1].strip(_EDGE + ".")):
            start -= 1
        return start
    return None


def _marked_post(name: str) -> int | None:
    """Where a post after a mark starts ("Vladimir Putin - Russian President", "Andrii Derkach, MP
    for Konotop"): the first mark whose text up to the next mark has a head among its first words.
    None when none has ("PUTIN, Vladimir")."""
    marks = list(_POST_MARK.finditer(name))
    for k, mark in enumerate(marks):
        if not any(ch.isalnum() for ch in name[: mark.start()]):
            continue
        end = marks[k + 1].start() if k + 1 < len(marks) else len(name)
        if any(_is_head(w) for w in name[mark.end() : end].split()[:_POST_LEAD]):
            return mark.start()
    return None


# The posts of POSITION_HEADS in Chinese and Korean, longest first: written glued after the name
# (普京总统, 金正恩委员长), they are split off it.
_CJK_HEADS = sorted(
    (w for w in POSITION_HEADS if unicodedata.name(w[0], "").split()[0] in ("CJK", "HANGUL")),
    key=len,
    reverse=True,
)


def _unglued(name: str) -> str:
    """``name`` with a Chinese or Korean post glued to its last word, or a Chinese one to its first,
    set apart ("普京总统" -> "普京 总统", "普京總統", "푸틴대통령은" -> "푸틴 대통령은", "总统普京" ->
    "总统 普京"); the same text when there is none."""
    words = name.split()
    if not words:
        return name
    first = words[0]
    if first not in POSITION_HEADS and len(words) == 1 and _script(first) == "CJK":
        for head in _CJK_HEADS:
            if len(first) > len(head) + 1 and first.startswith(head):
                return " ".join([head, first[len(head) :], *words[1:]])
    last = words[-1]
    if _without_particle(last) in POSITION_HEADS:  # 국무위원장 is one post, not 국무 and 위원장
        return name
    for particle in ("", *_KOREAN_PARTICLES):
        if particle and not last.endswith(particle):
            continue
        stem = last[: len(last) - len(particle)]
        for head in _CJK_HEADS:
            if len(stem) > len(head) and stem.endswith(head):
                return " ".join([*words[:-1], stem[: -len(head)], head + particle])
    return name


def _leading_post(words: list[str]) -> int:
    """How many words at the start of a name are a post or title before it ("Chairman Kim Jong Un",
    "Президент Владимир Путин", "Former Prime Minister X"): heads and their modifiers, when two words
    of the name stay, or one not in Latin letters ("Президент Путин"; "Premier Oil" stays whole: one
    Latin word alone finds others); 0 when none is."""
    # a people's adjective before the post, when two name words stay ("Russian President Vladimir
    # Putin", "North Korean Supreme Leader Kim Jong Un")
    start = 0
    while (
        start < 2
        and len(words) > start + 1
        and _DEMONYM.match(words[start].strip(_EDGE + "."))
        and not _is_head(words[start])  # "Chairman" ends as a demonym does
    ):
        start += 1
    lead = start
    while lead < len(words) - 1 and (_is_head(words[lead]) or _bare(words[lead]) in POSITION_MODIFIERS):
        lead += 1
    while lead > start and not _is_head(words[lead - 1]):  # "First Lady": a modifier must lead to a head
        lead -= 1
    if lead == start:
        return 0
    if start and len(words) - lead < 2:
        return 0
    # the place the post is of, when two name words stay: "President of Russia Vladimir Putin", and
    # a Cyrillic head's in the genitive, by a place's endings ("президент России", "глава Чечни")
    cyrillic = lead and any("\u0400" <= ch <= "\u04ff" for ch in words[lead - 1])
    if lead and len(words) - lead >= 4 and _bare(words[lead]) in _POST_PREPOSITIONS:
        lead += 2
    elif cyrillic and len(words) - lead >= 3 and _bare(words[lead]).endswith(("ии", "ы", "и")):
        lead += 1
    if lead == len(words) - 1 and _script(words[-1]) in ("LATIN", ""):
        return 0
    return lead


def split_query_notes(query: str) -> tuple[str, tuple[str, ...]]:
    """A query's name without the notes a user writes beside it, and those notes: text in
    parentheses or brackets ("Vladimir Putin (President)", "Oleg Deripaska [client 42]") and a
    post after the name ("Andrei Derkach MP", "Sergei Lavrov Foreign Minister", "Vladimir Putin,
    President", "Vladimir Putin President of Russia", "Vladimir Putin - Russian President", "Andrii
    Derkach, MP for Konotop", "Deripaska Oleg Ex-Director", "Владимир Путин президент"). At least
    one word of the name is kept; a query that is all note is left whole."""
    notes = [(m.group(1) or m.group(2) or "").strip() for m in _BRACKETED.finditer(query)]
    name = " ".join(_BRACKETED.sub(" ", query).split()).strip(_EDGE)
    if not any(ch.isalnum() for ch in name):
        return query, ()
    words = _unglued(name).split()
    lead = _leading_post(words)
    if lead:  # a post before the name: "Chairman Kim Jong Un", "الرئيس فلاديمير بوتين"
        notes.append(" ".join(words[:lead]).strip(_EDGE))
        name = " ".join(words[lead:]).strip(_EDGE)
    else:
        name = " ".join(words)
    cut = _marked_post(name)
    if cut is not None:
        notes.append(name[cut:].strip(_EDGE))
        name = name[:cut].strip(_EDGE)
    else:
        words = name.split()
        start = _post_start(words)
        if start is not None:
            notes.append(" ".join(words[start:]).strip(_EDGE))
            name = " ".join(words[:start]).strip(_EDGE)
    return name, tuple(n for n in notes if n)


_ALIAS_MARK = re.compile(r"^(?:a\.?k\.?a\.?|f\.?k\.?a\.?|n\.?k\.?a\.?|alias|also known as)[\s:]+", re.I)


def bracketed_names(query: str) -> list[str]:
    """The texts in a query's parentheses or brackets that could be a name of their own ("Client 42
    (Andrii Derkach)", "Mr Smith (aka Vladimir Putin)"): two words or more once an alias mark
    ("aka", "f.k.a.", "alias") is cut off; one word ("(President)", "(RU)") is a note only."""
    found = []
    for match in _BRACKETED.finditer(query):
        text = _ALIAS_MARK.sub("", (match.group(1) or match.group(2) or "").strip()).strip(_EDGE)
        if len([w for w in text.split() if any(ch.isalpha() for ch in w)]) >= 2:
            found.append(text)
    return found


_SLASH = re.compile(r"\s*/\s*")
# Other marks a user writes between a name and what goes with it ("Oleg Deripaska - Rusal", "Rusal |
# Oleg Deripaska", "Oleg Deripaska & Rusal"): a spaced dash, an en or em dash, |, ;, &, :, +, "and".
# A part between them is searched only when it has two words or more: one word alone ("Smith &
# Wesson", "AT&T") finds other people more than it finds the name (trial 2, item 1).
# And the words that join a name to its company or say whose it is, in the languages of the
# queries clients write ("Oleg Deripaska und Rusal", "... et ...", "... y ...", "... ve ...", "... и
# ...", "Oleg Deripaska of Rusal", "... at ...", "... c/o ...", "... aka ...", "... owner of ...").
_JOINER = re.compile(
    r"\s+-+\s+|\s*[–—|;&:+]\s*|\s+(?:and|und|et|y|ve|и|of|at|c/o|aka|a\.k\.a\.|owner\s+of)\s+", re.I
)
_CARE_OF = re.compile(r"\s+c/o\s+", re.I)
# The marks between one word and the rest that make the word a company's whole name (word_parts): not
# "of" or "at", which join the words of one name ("Bank of America" searched "Bank" alone and found
# TBANK at 0.86, trial 2)
_WORD_JOINER = re.compile(
    r"\s+-+\s+|\s*[–—|;&:+]\s*|\s+(?:and|und|et|y|ve|и|c/o|aka|a\.k\.a\.|owner\s+of)\s+", re.I
)


# Latin letters that look like Cyrillic or Greek ones: lists and clients mix them in ("AO
# “Белшина”", "Bладимирович" with a Latin B); a word of only these is of no script of its own.
_LOOKALIKES = frozenset("ABCEHIKMOPTXYaceiopxy")


def _script(word: str) -> str:
    """The script of a word's first letter that is no look-alike, as Unicode names it ("LATIN",
    "HANGUL", "CJK", "CYRILLIC", "ARABIC" ...); "" for a word without such a letter."""
    for char in word:
        if char.isalpha() and char not in _LOOKALIKES:
            return unicodedata.name(char, "?").split()[0]
    return ""


def name_parts(name: str) -> list[str]:
    """The parts of a query that may each be the name, when it holds several: the texts between
    slashes ("Oleg Deripaska / Rusal": a name and its company) and the runs of words in one script
    ("Kim Jong Un 김정은": a Latin name and the same name in its own script, as many client files
    and lists write it), and the texts of two words or more between other marks (_JOINER: "Oleg
    Deripaska - Rusal") or before a comma ("Oleg Deripaska, Rusal"; not a family name in capitals
    before given names: _list_order). [] for a query of one part. A search reads each part as well as the whole,
    never instead of it (tracker.search.find_matches): read whole, such a query matched nothing."""
    parts: list[str] = []
    pieces: list[str] = []
    for piece in _SLASH.split(_CARE_OF.sub(" | ", name)):
        joined = [p.strip(_EDGE) for p in _JOINER.split(piece)]
        if len(joined) > 1:
            # a particle is no word of its own here: "Al Rashid & Sons Trading" split at "&" left "Al
            # Rashid", searched alone as the bare surname RASHID (0.89, a new user's trial)
            pieces.extend(p for p in joined if _name_words(p) >= 2)
        # a comma after a name of two words or more starts a note ("Oleg Deripaska, Rusal"); after
        # one word it is the list's order ("DERKACH, Andrii"), the whole read as one name, or a
        # company before a name ("Rusal, Oleg Deripaska"): a name after it is searched too, unless
        # the word before is in capitals (the lists' family name)
        head, comma, tail = piece.partition(",")
        if comma and _words(head) >= 2 and not _list_order(head, tail):
            pieces.append(head.strip(_EDGE))
        elif comma and _words(tail) >= 2 and "," not in tail and not head.isupper():
            pieces.append(tail.strip(_EDGE))
        pieces.append(piece)
    for piece in pieces:
        runs: list[list[str]] = []
        for word in piece.split():
            script = _script(word)
            if runs and script in ("", _script(runs[-1][-1]) or script):
                runs[-1].append(word)
            else:
                runs.append([word])
        parts.extend(" ".join(run).strip(_EDGE) for run in runs)
    whole = name.strip(_EDGE)  # searched as written already
    return [p for p in dict.fromkeys(parts) if any(ch.isalpha() for ch in p) and p != whole]


def _list_order(head: str, tail: str) -> bool:
    """A comma after a family name of the lists' order: the words before it in capitals, those after
    it in mixed case ("EL HASSAN, Gaffar Mohmed", "ABU MUSAB, Abdelwadoud"). The part before it is
    then the family name, not a name of its own: searched alone it found HASSAN (0.98) and Abu Musab
    (1.0) before the person the whole names (0.97, 0.92; 12 misses of the name evaluation's tuning
    half, cross-list Latin). It is still searched alone when its words are rare (list_order_family)."""
    return head.isupper() and any(ch.isalpha() for ch in tail) and not tail.isupper()


def list_order_family(name: str) -> str | None:
    """The family name before the comma of a name in the lists' order (``_list_order``: "AL
    DABBASHI, Ahmad Mohammed"), of two words or more; None for any other name. name_parts leaves
    it out; a search reads it alone only when its words are rare on the lists (tracker.search)."""
    head, comma, tail = name.partition(",")
    if comma and "," not in tail and _words(head) >= 2 and _list_order(head, tail):
        return head.strip(_EDGE)
    return None


def _name_words(text: str) -> int:
    """The number of words with a letter in ``text`` that are no particle (al, de, van ...)."""
    return len([w for w in text.split() if any(ch.isalpha() for ch in w) and w.casefold() not in PARTICLES])


def word_parts(name: str) -> list[str]:
    """The parts of one word (of four letters or more) beside a mark in a query ("Sberbank - Moscow
    branch", "Sberbank | Moscow"): each may be a company's whole name. name_parts leaves them out
    (one word alone finds many others: "Smith & Wesson"); a search keeps only the entries they name
    whole (tracker.search.find_matches)."""
    found: list[str] = []
    for piece in _SLASH.split(_CARE_OF.sub(" | ", name)):
        joined = [p.strip(_EDGE) for p in _WORD_JOINER.split(piece)]
        if len(joined) > 1:
            found.extend(p for p in joined if _words(p) == 1 and _letters(p) >= 4)
    return [w for w in dict.fromkeys(found) if w != name.strip(_EDGE)]


def glued_parts(name: str) -> list[str]:
    """The two halves of a query of one word whose hyphen joins a name to its company
    ("Deripaska-Rusal"), each of four letters or more; [] for any other query ("Jean-Pierre
    Bemba", "Al-Assad"). A search reads each as a bare family name too (flagged "surname only")."""
    word = name.strip(_EDGE)
    halves = word.split("-")
    if " " in word or len(halves) != 2 or not all(_letters(h) >= 4 for h in halves):
        return []
    return halves


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _words(text: str) -> int:
    """The number of words with a letter in ``text``."""
    return len([w for w in text.split() if any(ch.isalpha() for ch in w)])


def without_repeats(query: str) -> str:
    """The query with a word written again right after itself dropped ("Vladimir Putin Putin", a
    surname column that repeats the full name's last word): the same as the query when none is."""
    kept: list[str] = []
    for word in query.split():
        if not kept or word.strip(_EDGE).casefold() != kept[-1].strip(_EDGE).casefold():
            kept.append(word)
    return " ".join(kept)


def bare_surname(prepared: PreparedName) -> tuple[str, frozenset[str]] | None:
    """The family name alone of a query that is one family name with its particles ("AL-ZAWAHIRI",
    "Al Assad", "de la Cruz"), and those particles: searched also as the bare family name (OFAC "AL
    ZAWAHIRI, Ayman" was found by "Zawahiri" alone at 1.00 but not by "AL-ZAWAHIRI"). None for any
    other query."""
    family = [p for p in prepared.parts if p.role != Role.PARTICLE]
    if not prepared.is_person or len(family) != 1 or len(prepared.parts) < 2 or family[0].role != Role.FAMILY:
        return None
    return family[0].raw, frozenset(p.norm for p in prepared.parts if p.role == Role.PARTICLE)
