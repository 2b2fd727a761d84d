"""A listed name or a query -> its parts, each with a role: what the scorer aligns.

Each side is split into tokens by the shared normaliser (tracker.names) and every token gets a role:
family, given, middle (middle names and patronymics), particle (al, bin, van ...) or, for entities and
vessels, "word" / "stop". The family name comes from, in order: the list's own last-name field;
"FAMILY, Given" comma order; an all-capitals word among mixed-case words (OFAC "Andrii Leonidovych
DERKACH"); a patronymic at the end (Russian official order FAMILY Given Patronymic); else the last word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from tracker.names import (
    ABJAD_TITLES,
    TITLES,
    Form,
    skeleton_key,
    split_comma_name,
    strip_titles,
    token_forms,
)
from tracker.names.business import business_equivalents
from tracker.names.given import given_equivalents
from tracker.names.romanise import rr_given_readings
from tracker.names.scripts import detect_script
from tracker.records import Name


class Role(StrEnum):
    FAMILY = "family"
    GIVEN = "given"
    MIDDLE = "middle"  # middle names and patronymics: optional on either side
    PARTICLE = "particle"  # al, bin, van, de ...: nearly free
    WORD = "word"  # entity / vessel name word
    STOP = "stop"  # legal form or filler word of an entity name (llc, company, of)


PARTICLES = frozenset(
    [
        "al",
        "el",
        "ul",
        "ud",
        "ad",
        "as",
        "ash",
        "at",
        "az",
        "bin",
        "ibn",
        "bint",
        "ben",
        "bat",
        "binti",
        "de",
        "da",
        "di",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "ten",
        "la",
        "le",
        "du",
        "dos",
        "das",
        "ter",
        "y",
        "e",
    ]
)


def _split(words: str) -> list[str]:
    return words.split()


# Legal forms and filler words of an entity name: optional on both sides (a listed one the query lacks,
# and a query one the listed name lacks, cost about what a particle costs). Compared by transliteration
# skeleton, so that "obshchestvo" / "obschestvo" and "aktsionernoe" / "aktsionernoye" are one word. The
# lists write one company with different forms: OFAC "KURGANMASHZAVOD PUBLIC JOINT-STOCK COMPANY", the
# EU "JSC Kurganmashzavod", the UK "АО Курганмашзавод" (English, Russian, Ukrainian and Belarusian
# forms seen in the EU, OFAC and UK lists). A state or republican unitary enterprise (ГУП, ФГУП, РУП:
# SUE, FSUE, RUE) is a legal form too. So are the Belarusian forms (ААТ, ЗАТ, ТАА: OJSC, CJSC,
# LLC), the Russian abbreviations that say what kind of company it is (НК oil company, ГК group,
# ТД trading house, АНО, НПО / НПП / НПК research and production association / enterprise /
# corporation, НИИ / ЦНИИ research institute, ОКБ / КБ / СКБ / ПКБ / МКБ design bureau, ФКП / ФГБУ /
# ФГУ / ФКУ federal enterprise or institution, ЧВК / PMC private military company: "NK Rosneft",
# "NPK TEKHMASH OAO" / „Техмаш“, "AAT BELARUSKALIY" / OJSC Belaruskali), and the legal forms of the
# EU's translations of a name ("Akciová společnost", "Fiontar Stáit Chónaidhme", "Société anonyme",
# "Zártkörűen Működő Részvénytársaság", "Avatud aktsiaselts", "DOO", "Ltda", "Pte").
ENTITY_STOPWORDS = frozenset(
    _split(
        """
    llc ltd limited inc incorporated corp corporation co company companies kompaniya kompania
    jsc ojsc cjsc pjsc ao oao zao pao nao ooo tov pat prat fgup gup fsue sue ip
    gmbh ag sa sas sarl srl spa bv nv plc lp llp fze fzco fzc fz est establishment
    joint stock liability open closed public private unitary
    obshchestvo ogranichennoi ogranichennoy ogranichennoj otvetstvennostyu otvetstvennostiu
    aktsionernoe aktsionernoye aktsionernoie aktsionerny aktsionernyi zakrytoe zakrytoye otkrytoe
    otkrytoye publichnoe publichnoye nepublichnoe tovarystvo tovarystva obmezhenoyu vidpovidalnistyu
    aktsionerne aktsyyanernaye zakrytaye adkrytaye tavarystva
    enterprise predpriyatie unitarnoe unitarnoye unitarnaye pradpryemstva rue rup sue
    concern kontsern uchrezhdenie
    the of and for in trading group holding holdings international
    akciova spolecnost spolocnost akcine bendrove akciju sabiedriba aktsiaselts avatud
    osakeyhtio avoin julkinen cuideachta comhstoic oscailte teoranta fiontar stait chonaidhme
    sociedad anonima sociedade societe anonyme societatea actiuni spolka akcyjna dionicko drustvo
    delniska druzba aktiebolag publikt aktieselskab aktiengesellschaft vennootschap openbare
    reszvenytarsasag zartkoruen nyilvanosan mukodo kumpanija societa azioni anonymi etaireia
    """
    )
)
_STOP_SKELETONS = frozenset(skeleton_key(w) for w in ENTITY_STOPWORDS)
# Abbreviated forms, compared as written: their skeletons are other words' (NNK is a company's
# name, not НК; AAT's skeleton is the particle at).
ENTITY_ABBREVIATIONS = frozenset(
    _split(
        """
    aat zat taa odo nk gk td ano npo npp npk nii tsnii okb kb skb pkb mkb fkp fgbu fgu fku pmc chvk
    zrt nyrt kft oy oyj ead ood eood ltda lda pte doo spol sro
    """
    )
)


def is_stopword(norm: str) -> bool:
    """A legal form or filler word of an entity name (ENTITY_STOPWORDS, by transliteration skeleton;
    ENTITY_ABBREVIATIONS as written)."""
    return norm in ENTITY_STOPWORDS or norm in ENTITY_ABBREVIATIONS or skeleton_key(norm) in _STOP_SKELETONS


# Words that belong to a legal form when one follows them: whose enterprise it is, in the forms of
# state companies (ФГУП, ГУП, РУП: "FEDERAL STATE UNITARY ENTERPRISE", "REPUBLICAN UNITARY
# ENTERPRISE"), and of a federal treasury enterprise or a state budgetary institution (ФКП, ФГБУ:
# "Федеральное Казенное Предприятие", "FEDERALNOE GOSUDARSTVENNOE BYUDZHETNOE UCHREZHDENIE",
# "Federal State Budgetary Enterprise"). Alone they are name words ("ISLAMIC STATE").
LEGAL_FORM_OWNERS = frozenset(
    _split(
        """
    state federal republican municipal gosudarstvennoe gosudarstvennoye federalnoe federalnoye
    respublikanskoe respublikanskoye respublikanskaye munitsipalnoe
    kazennoe kazennoye byudzhetnoe byudzhetnoye budgetary
    """
    )
)


def legal_form_flags(norms: list[str]) -> list[bool]:
    """Per word of an entity name: whether it is part of a legal form: a stopword (``is_stopword``),
    a single letter between two ("OBSHCHESTVO S OGRANICHENNOI ..."), or an owner word before one
    (``LEGAL_FORM_OWNERS``: FEDERAL STATE UNITARY ENTERPRISE)."""
    stop = [is_stopword(n) for n in norms]
    for i in range(1, len(norms) - 1):
        stop[i] = stop[i] or len(norms[i]) == 1 and stop[i - 1] and stop[i + 1]
    for i in range(len(norms) - 2, -1, -1):
        stop[i] = stop[i] or norms[i] in LEGAL_FORM_OWNERS and stop[i + 1]
    return stop


PATRONYMIC = re.compile(r"(ovich|evich|ovych|evych|ich|ovna|evna|ivna|ichna|ogly|oglu|ugli|kyzy|qizi)$")


class Part(NamedTuple):
    """One token of a prepared name: its main spelling, the other spellings lists use for it, and
    whether it was written in an abjad script (tracker.names.Form)."""

    norm: str
    raw: str
    role: Role
    skeleton: str
    alts: tuple[str, ...] = ()
    abjad: bool = False


@dataclass(frozen=True, slots=True)
class PreparedName:
    """A name ready for scoring: its parts with roles. Built once per listed name at index time."""

    text: str
    parts: tuple[Part, ...]
    is_person: bool


# Scripts whose personal names are written family name first (王君正, 리병철).
_FAMILY_FIRST = frozenset({"Hang", "Hani"})


@lru_cache(maxsize=200_000)
def _part(form: Form, role: Role) -> Part:
    # Cached: the same part recurs across names and lists (and one object pickles once).
    alts = form.alts
    if _GLUED_ARTICLE.match(form.norm) and not form.abjad:
        alts = (*alts, form.norm[2:])
    if role not in (Role.WORD, Role.STOP):
        # a person's name word: its Russian, Ukrainian and Belarusian forms (Ihar / Igor), so that
        # the index finds and the scorer aligns them (score.part_similarity says which they are)
        alts = (*alts, *(e for e in given_equivalents(form.norm) if e not in alts))
    else:
        # a business word of a company's name: the same word in the other languages (завод / PLANT,
        # комбинат / COMBINE: names.business), so that the index finds and the scorer aligns them
        alts = (*alts, *(e for e in business_equivalents(form.norm) if e not in alts))
    return Part(form.norm, form.raw, role, skeleton_key(form.norm), alts, form.abjad)


# The Arabic article written onto a Latin name word ("Elsayed" / "Sayed", "Elsebai" / "Sibai",
# "Alhassan"): the word without it is another spelling. A consonant follows the article (not "Alireza",
# "Aliasghar", "Alexander") and five letters remain (not "Albert").
_GLUED_ARTICLE = re.compile(r"^(?:al|el)[b-df-hj-np-tv-z][a-z]{4,}$")


@lru_cache(maxsize=100_000)
def _pairs(text: str) -> tuple[Form, ...]:
    """Token forms of a text; cached because given and family names recur across entries."""
    return token_forms(text)


def _raw_tokens(text: str, titles: bool = True) -> list[Form]:
    """Token forms with titles stripped (strip_titles works on norms); kept with ``titles`` False."""
    pairs = list(_pairs(text))
    if not titles:
        return pairs
    keys = [_title_key(f) for f in pairs]
    norms = strip_titles(keys)
    if len(norms) == len(pairs):
        return pairs
    start = next(i for i in range(len(pairs)) if keys[i : i + len(norms)] == norms)
    return pairs[start : start + len(norms)]


def _title_key(form: Form) -> str:
    """What strip_titles reads of a token: its norm, but a word written in an abjad script is a
    title only as the romanisation writes the script's titles (ABJAD_TITLES): آدم (adm) is Adam, not
    the abbreviation of admiral, and stays a name word."""
    if form.abjad and form.norm in TITLES and form.norm not in ABJAD_TITLES:
        return "#" + form.norm
    return form.norm


def _assign_person_roles(pairs: list[Form], family_flags: list[bool] | None) -> list[Part]:
    """Roles from explicit family flags, else from the shape of the name."""
    n = len(pairs)
    if n == 0:
        return []
    roles: list[Role]
    if family_flags is not None and any(family_flags) and not all(family_flags):
        roles = []
        seen_given = False
        # Particles ("AL-MUHANDIS") do not count as family words. Exactly two family words (Spanish
        # "RODRIGUEZ GOMEZ", Portuguese "LULA DA SILVA") are both family: either alone is accepted
        # (score_alignment). With more, the first is the family name and the rest optional. A family
        # name of particles alone is the family name (the Korean and Russian surname TEN, as Dutch "ten").
        family_words = [i for i, f in enumerate(family_flags) if f and pairs[i].norm not in PARTICLES]
        if not family_words:
            family_words = [max(i for i, f in enumerate(family_flags) if f)]
        both = len(family_words) == 2
        for i, is_family in enumerate(family_flags):
            if is_family:
                first = bool(family_words) and i == family_words[0]
                roles.append(Role.FAMILY if first or both and i in family_words else Role.MIDDLE)
            elif not seen_given:
                roles.append(Role.GIVEN)
                seen_given = True
            else:
                roles.append(Role.MIDDLE)
    elif n == 1:
        roles = [Role.FAMILY]
    elif n >= 3 and PATRONYMIC.search(pairs[-1].norm):
        # Russian official order: FAMILY Given Patronymic.
        roles = [Role.FAMILY, Role.GIVEN] + [Role.MIDDLE] * (n - 2)
    else:
        roles = [Role.GIVEN] + [Role.MIDDLE] * (n - 2) + [Role.FAMILY]
    parts = []
    for i, (form, role) in enumerate(zip(pairs, roles, strict=True)):
        # a particle attaches to the word after it: the last word, or the family name the list's order
        # gives, is the family name ("Sergey Yurevich TEN", "TEN Sergey Yurevich")
        if form.norm in PARTICLES and n > 1 and role != Role.FAMILY and i < n - 1:
            role = Role.PARTICLE
        elif role != Role.FAMILY and PATRONYMIC.search(form.norm) and len(form.norm) > 6:
            role = Role.MIDDLE
        parts.append(_part(form, role))
    return parts


def _is_upper_word(raw: str) -> bool:
    return len(raw) > 1 and raw.isupper()


def prepare_name(name: Name | str, *, is_person: bool = True, titles: bool = True) -> PreparedName:
    """Split a listed name (or a query) into role-tagged parts; a person's leading titles and ranks
    stripped unless ``titles`` is False.

    Family name from, in order: the list's own last-name field; "FAMILY, Given" comma order; an
    all-capitals word among mixed-case words (OFAC "Andrii Leonidovych DERKACH"); else the position.
    """
    if isinstance(name, str):
        name = Name(full=name)
    text = name.full
    if not is_person:
        forms = _pairs(text)
        stop = legal_form_flags([f.norm for f in forms])
        parts = [_part(form, Role.STOP if s else Role.WORD) for form, s in zip(forms, stop, strict=True)]
        return PreparedName(text, tuple(parts), False)
    if name.last and (name.first or name.middle):
        given = _raw_tokens(" ".join(p for p in (name.first, name.middle) if p))
        family = list(_pairs(name.last))
        pairs = given + family
        flags = [False] * len(given) + [True] * len(family)
        return PreparedName(text, tuple(_assign_person_roles(pairs, flags)), True)
    comma = split_comma_name(text)
    if comma is not None:
        given = _raw_tokens(comma[1])
        family = list(_pairs(comma[0]))
        flags = [False] * len(given) + [True] * len(family)
        return PreparedName(text, tuple(_assign_person_roles(given + family, flags)), True)
    pairs = _raw_tokens(text, titles)
    if len(pairs) > 1 and not text.isascii() and detect_script(text) in _FAMILY_FIRST:
        flags = [True] + [False] * (len(pairs) - 1)
        return PreparedName(text, tuple(_assign_person_roles(pairs, flags)), True)
    upper = [_is_upper_word(f.raw) for f in pairs]
    # Only scripts with letter case say anything by capitals (Latin with accents, Cyrillic, Greek).
    mixed = any(upper) and not all(upper) and all(f.raw.lower() != f.raw.upper() for f in pairs)
    return PreparedName(text, tuple(_assign_person_roles(pairs, upper if mixed else None)), True)


_PARENTHESES = re.compile(r"\s*\(([^()]*)\)")


def entity_name_forms(text: str) -> list[str]:
    """The other forms under which an entity's listed name is searched: the name without its
    parenthesised parts, and a trailing parenthesised acronym of it on its own. "KHATIBA IMAM
    AL-BUKHARI (KIB)" -> ["KHATIBA IMAM AL-BUKHARI", "KIB"]. The trailing part counts alone when it
    has two or more words ("ARMY OF GOD (GOD'S ARMY)", "OOO 'VO Technopromexport' (OOO 'VO TPE')") or
    is an acronym: one word whose letters are, in order, initials of the name's words starting with the
    first ("HIGHER INSTITUTE FOR APPLIED SCIENCES AND TECHNOLOGY (HIAST)"). Other parenthesised words
    ("(HK)", "(PAKISTAN)", "(IRGC)" inside a translation) are not the entity's name alone. [] for a
    name without parentheses."""
    if "(" not in text:
        return []
    outside = " ".join(_PARENTHESES.sub(" ", text).split())
    forms = [outside] if _WORD_CHARS.search(outside) else []
    last = list(_PARENTHESES.finditer(text))
    if forms and last and not text[last[-1].end() :].strip(" ,.;"):
        inner = last[-1].group(1).strip()
        words = _WORD_CHARS.findall(inner)
        initials = [w[0].casefold() for w in _WORD_CHARS.findall(outside)]
        if len(words) >= 2 or len(inner) >= 2 and inner.isalpha() and _is_acronym(inner.casefold(), initials):
            forms.append(inner)
    return forms


_WORD_CHARS = re.compile(r"\w+")


def _is_acronym(letters: str, initials: list[str]) -> bool:
    if not initials or letters[0] != initials[0]:
        return False
    position = 0
    for letter in letters:
        while position < len(initials) and initials[position] != letter:
            position += 1
        if position == len(initials):
            return False
        position += 1
    return True


def prepare_query(text: str, keep_titles: bool = False) -> PreparedName:
    """A free-text query: titles stripped (kept with ``keep_titles``: "General Intelligence
    Directorate" is an entity's name), "FAMILY, Given" order understood; a Korean name's given
    syllables in Revised Romanization also in the lists' McCune-Reischauer (rr_given_readings)."""
    prepared = prepare_name(Name(full=text), is_person=True, titles=not keep_titles)
    readings = rr_given_readings(tuple(p.norm for p in prepared.parts))
    if not any(readings):
        return prepared
    parts = tuple(
        p._replace(alts=(*p.alts, *(r for r in more if r not in p.alts)))
        for p, more in zip(prepared.parts, readings, strict=True)
    )
    return PreparedName(prepared.text, parts, prepared.is_person)
