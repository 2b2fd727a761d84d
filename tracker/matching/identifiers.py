"""Search by identifier: a passport, national ID, tax or registration number, crypto address, IMO
number or call sign finds its entry exactly, whatever punctuation either side writes.

Numbers are compared in a compact form: letters and digits only, upper case ("IMO 9405978",
"imo9405978" -> IMO9405978; "52-024-2258" -> 520242258). Each listed number is filed under its whole
compact form and under each of its words that holds a digit and at least MIN_PIECE characters, so
"9405978" finds "IMO 9405978" and "973406" finds "Yemeni national identification number 973406";
a number written glued to its type ("IMO9253325") is also filed under its digits.

Only values that read as numbers are filed: a compact form of MIN_CHARS to MAX_CHARS characters with a
digit in it, and at most MAX_WORDS words (OFAC files free text such as "Secondary sanctions risk: ..."
as identifiers). Dates (OFAC's "Organization Established Date") are left out by their type. Call
signs are the exception: a quarter of OFAC's are letters only ("UBRR"), so a one-word query of
MIN_CHARS to MAX_CALL_SIGN letters is also looked up (no other filed key lacks a digit).
A query's label words are dropped before its lookup ("Passport ET855378" is looked up as ET855378,
"IMO 9187629" as 9187629, which finds "IMO 9187629" by its filed number word). A number of digits
only is compared without its leading zeros, on both sides: a spreadsheet drops them (passport
085635076 exported as 85635076 found nothing, trial 2).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MIN_CHARS = 4  # a shorter "number" (a licence "175") would match too many queries by chance
MIN_PIECE = 5  # a word of a longer value filed on its own ("IMO 9405978" -> 9405978)
MAX_CHARS = 100  # longer than any crypto address (Monero: 95) or registration number on the lists
MAX_WORDS = 5
MAX_CALL_SIGN = 10  # ITU call signs have at most 7 characters; a few lists add a suffix
CALL_SIGN = "Call sign"
# Words that name an identifier's type before its number, as users and lists write them (OFAC's
# types "Passport", "National ID No.", "Tax ID No.", "Registration Number", "IMO", "Call Sign",
# "SWIFT/BIC"; ISO/ITU names MMSI, LEI; Russian INN/OGRN/KPP; "no.", "#", "№").
LABEL_WORDS = frozenset(
    """passport passeport pasaporte reisepass national personal identity identification id card
    tax taxpayer tin inn ogrn ogrnip kpp vat ssn nin registration reg company imo mmsi call sign
    callsign swift bic swift/bic lei no nr num number code № паспорт инн огрн кпп""".split()  # noqa: SIM905
) | {""}
_LABEL_SPLIT = re.compile(r"[\s:]+")
_NOT_ALNUM = re.compile(r"[\W_]+")
_WORD_SPLIT = re.compile(r"[\s,;:/]+")
_DIGIT = re.compile(r"\d")
# Types written glued to their number (ISO/ITU IMO and MMSI, Russian INN/OGRN/OGRNIP/KPP); a
# passport's letters ("ET855378") are part of its number, so only these are cut off.
_GLUED_LABEL = re.compile(r"(?:IMO|MMSI|INN|OGRNIP|OGRN|KPP)(\d+)")
_DATE_TYPE = re.compile(r"\bdate\b", re.IGNORECASE)


def compact(text: str) -> str:
    """Letters and digits of ``text``, upper case ("IMO 9405978" -> "IMO9405978")."""
    return _NOT_ALNUM.sub("", text).upper()


def is_number(text: str) -> bool:
    """Does ``text`` read as an identifier (see the module docstring)?"""
    key = compact(text)
    return MIN_CHARS <= len(key) <= MAX_CHARS and bool(_DIGIT.search(key)) and len(text.split()) <= MAX_WORDS


def identifier_keys(kind: str, number: str) -> list[str]:
    """The compact forms a listed identifier is filed under (none when it is not a number)."""
    if kind == CALL_SIGN and _is_call_sign(number):
        return [compact(number)]
    if _DATE_TYPE.search(kind) or not is_number(number):
        return []
    keys = [_unpadded(compact(number))]
    for word in _WORD_SPLIT.split(number):
        for piece in (_unpadded(compact(word)), _unglued(compact(word))):
            if len(piece) >= MIN_PIECE and _DIGIT.search(piece) and piece not in keys:
                keys.append(piece)
    return keys


def _unglued(key: str) -> str:
    """The number of a compact key whose type is glued before it ("IMO9253325" -> "9253325",
    "INN7707083893" -> "7707083893": the OpenSanctions Ukraine war list writes its vessels' IMO
    numbers so, and "IMO 9253325" found nothing, trial 4); "" when ``key`` is no such form."""
    match = _GLUED_LABEL.fullmatch(key)
    return _unpadded(match.group(1)) if match else ""


def _unpadded(key: str) -> str:
    """A compact key of digits only without its leading zeros (kept when fewer than MIN_CHARS
    digits would be left: "0012" stays)."""
    if not key.isdigit() or not key.startswith("0"):
        return key
    bare = key.lstrip("0")
    return bare if len(bare) >= MIN_CHARS else key


def _is_call_sign(text: str) -> bool:
    return len(text.split()) == 1 and MIN_CHARS <= len(compact(text)) <= MAX_CALL_SIGN


def strip_label(query: str) -> str:
    """``query`` without the label words a user writes before a number ("Passport ET855378",
    "National ID No. 123", "IMO: 9187629", "call sign UBRR" -> the number); unchanged when it
    has no such label or nothing would be left."""
    words = _LABEL_SPLIT.split(query.strip())
    label = 0
    while label < len(words) - 1 and words[label].casefold().strip(".:#") in LABEL_WORDS:
        label += 1
    return " ".join(words[label:]) if label else query


def query_key(query: str) -> str | None:
    """The compact form an identifier query is looked up by, its label words dropped (see
    strip_label); None when the query is not a number (nor one word that could be a call sign)."""
    query = strip_label(query).strip()
    return _unpadded(compact(query)) if is_number(query) or _is_call_sign(query) else None


def entry_identifiers(
    identifiers: Iterable[tuple[str, str]], details: dict[str, str]
) -> list[tuple[str, str]]:
    """(type, number) of an entry's identifiers worth searching, with the numbers a list files
    among its facts (``details``): OFAC's vessel call sign, and the OFSI workbook's business
    registration numbers, IMO number and UK Sanctions List reference, which its "Other
    Information" tags (trial 3: the UK's 110178954871 and RUS2299 found nothing); in list order
    without repeats."""
    found = [(kind, number) for kind, number in identifiers if identifier_keys(kind, number)]
    for key, kind in _DETAIL_NUMBERS:
        for number in _SEPARATED.split(details.get(key, "")):
            number = number.strip().strip(".")
            if number and identifier_keys(kind, number):
                found.append((kind, number))
    return list(dict.fromkeys(found))


# Facts of ``details`` that hold numbers a user searches by (the parsers' keys), and their types.
_DETAIL_NUMBERS = (
    ("call_sign", CALL_SIGN),
    ("business_registration", "Business Registration Number"),
    ("imo", "IMO"),
    ("uk_sanctions_list_ref", "UK Sanctions List Ref"),
)
# Numbers of one fact are written "(1) 123 (2) 456", "123; 456" or "123, 456".
_SEPARATED = re.compile(r"\(\d{1,2}\)|[;,]")
