"""Canada: Consolidated Canadian Autonomous Sanctions List (SEMA and JVCFOR regulations), ``sema-lmes.xml``.

Root ``data-set`` of ``record`` elements: ``Country`` (the regulation, bilingual: "Burma / Birmanie"),
either ``Entity`` or ``LastName`` + ``GivenName``, optional ``Aliases`` (comma-separated; for a person, a
one-word alias may spell one part of the name: ``fold``), ``DateOfBirth``,
``Title`` (bilingual: "Major General/major-général"), ``Schedule`` ("1", "1, Part 2", "N/A" or absent)
and ``Item`` (the number within the schedule). The list has no id: the stable key is the regulation's
English name, schedule and item ("Burma/1/17"), which is how the regulations themselves cite a person.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from difflib import SequenceMatcher
from pathlib import Path

from lxml import etree
from lxml.etree import _Element

from tracker.errors import FormatChanged, ParseError
from tracker.names.scripts import detect_script
from tracker.records import EntityType, ListEntry, Name, NameKind, ParsedList
from tracker.sources.base import SourceSpec
from tracker.sources.common import Budget, Warnings, check_xml_head, line_count, read_bytes, syntax_error
from tracker.sources.tabular import check_head

FIELDS = frozenset(
    {"Country", "Entity", "LastName", "GivenName", "Aliases", "DateOfBirth", "Title", "Schedule", "Item"}
)


def parse(path: Path) -> ParsedList:
    """Parse a sema-lmes.xml file (possibly gzipped). Raises ParseError / FormatChanged."""
    budget = Budget(path.name)
    data = read_bytes(path, budget)  # about 0.5 MB
    check_head(data[:512], path.name)
    check_xml_head(data[:512], path.name, "the Canadian SEMA list XML")  # binary data said as such
    try:
        # parsed from a stream, so the budget checks memory while the tree grows
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        root = etree.parse(budget.stream(data), parser=parser).getroot()
    except etree.XMLSyntaxError as exc:
        raise syntax_error(path.name, exc, line_count(path)) from exc
    if root.tag != "data-set":
        raise FormatChanged(f"{path.name}: root element is <{root.tag}>, not the SEMA <data-set>")
    warn = Warnings()
    entries: dict[str, ListEntry] = {}
    for record in root:
        if not isinstance(record.tag, str):
            continue
        if record.tag != "record":
            warn.add(f"data-set: unknown element <{record.tag}>")
            continue
        entry = _entry(record, warn, path.name)
        if entry.source_id in entries:
            warn.add(f"{entry.source_id} appears twice; kept the first record")
            continue
        entries[entry.source_id] = entry
    if not entries:
        raise ParseError(f"{path.name}: no records in the file")
    return ParsedList(entries=list(entries.values()), warnings=warn.as_list(), format="ca-sema-xml")


def english(label: str) -> str:
    """The English half of a bilingual label: 'Burma / Birmanie' -> 'Burma',
    'Major General/major-général' -> 'Major General'; a label without a French half as it is."""
    label = " ".join(label.split())
    for separator in (" / ", "/"):
        left, sep, right = label.partition(separator)
        if sep and left.strip() and right.strip():
            return left.strip()
    return label


def _fields(record: _Element, warn: Warnings) -> dict[str, str]:
    values: dict[str, str] = {}
    for child in record:
        if not isinstance(child.tag, str):
            continue
        if child.tag not in FIELDS:
            warn.add(f"record: unknown element <{child.tag}>")
            continue
        text = " ".join((child.text or "").split())  # also folds the no-break spaces the file has
        if text:
            values[child.tag] = text
    return values


def _entry(record: _Element, warn: Warnings, label: str) -> ListEntry:
    values = _fields(record, warn)
    regulation, item = values.get("Country"), values.get("Item")
    if not regulation or not item:
        raise FormatChanged(f"{label}: a record has no Country or Item (line {record.sourceline})")
    schedule = values.get("Schedule", "N/A")
    program = english(regulation)
    key = f"{program}/{schedule}/{item}"
    if "Entity" in values:
        entity_type = EntityType.ENTITY
        primary = Name(full=values["Entity"], kind=NameKind.PRIMARY, script=detect_script(values["Entity"]))
    elif "LastName" in values or "GivenName" in values:
        entity_type = EntityType.INDIVIDUAL
        last, first = values.get("LastName"), values.get("GivenName")
        full = " ".join(p for p in (first, last) if p)
        primary = Name(full=full, kind=NameKind.PRIMARY, first=first, last=last, script=detect_script(full))
    else:
        raise FormatChanged(f"{label}: record {key} has neither Entity nor LastName/GivenName")
    entry = ListEntry(source_id=key, entity_type=entity_type, names=[primary], programs=[program])
    for alias in split_aliases(values.get("Aliases", "")):
        entry.names.append(Name(full=alias, kind=NameKind.AKA, script=detect_script(alias)))
    entry = fold(entry)
    if "DateOfBirth" in values:
        entry.birth_dates.append(values["DateOfBirth"])
    if "Title" in values:
        entry.titles.append(english(values["Title"]))
    entry.details["schedule"] = schedule
    entry.details["item"] = item
    entry.details["regulation"] = regulation
    return entry


# The legal forms a company name ends in after a comma ("Shenzhen Huawei Co., Ltd.", "Almaz-Antey,
# JSC", "Acme, Inc."), compared by their letters in lower case: in the comma-separated Aliases such a
# piece is the end of the name before it, never a name of its own.
_LEGAL_FORMS_TEXT = """
    ltd limited inc incorporated llc llp lp plc corp corporation co company pte pteltd coltd
    colimited ltdco sa sas sarl sal sae saic spa srl sl bv nv ag kg gmbh ab as asa oy jsc pjsc
    ojsc cjsc oao zao pao ao ooo tov pp fze fzco fzc fzllc dmcc wll bsc kft zrt doo ad sro
    spzoo
"""
_LEGAL_FORMS = frozenset(_LEGAL_FORMS_TEXT.split())


def split_aliases(text: str) -> list[str]:
    """The names of a comma-separated Aliases field: "Htoo Wood, Htoo Wood Products" is two, but a
    piece that is only a legal form ("Ltd.", "JSC", "Co., Ltd.") belongs to the name before it:
    "Shenzhen Huawei Co., Ltd." is one company name, not "Shenzhen Huawei Co." and "Ltd."."""
    names: list[str] = []
    for piece in (piece.strip() for piece in text.split(", ")):
        if not piece:
            continue
        letters = "".join(c for c in piece.casefold() if c.isalnum())
        if names and letters in _LEGAL_FORMS:
            names[-1] = f"{names[-1]}, {piece}"
        else:
            names.append(piece)
    return names


# How alike (difflib ratio of the letters, accents and case aside) a one-word alias and a part of the
# primary name must be for the alias to be a spelling of that part. Measured on the list of 2020-04-15:
# the 45 part spellings score 0.62 (Aleksei / Alexey) to 0.96, the 7 nicknames (Batya, Givi,
# Motorola, Arina ...) at most 0.36 against the given name or surname.
_SAME_PART = 0.6


def fold(entry: ListEntry) -> ListEntry:
    """``entry`` with its names in the form the parser gives them now. Applied by the parser, and by
    tracker.store.recanonical to versions stored before canonical form 5.

    - A name written in English and French ("Central Bank of Syria/Banque centrale de Syrie"; 41
      entities and 4 aliases of the list of 2020-04-15) is two names: the English one (the
      primary name when it was the primary name) and the French one as an alias. As one name,
      "Central Bank of Syria" found nothing at the default threshold. (From form 5.)
    - Each alias of a person that spells only part of the primary name is read as the whole name
      with that part so spelt: the list writes "Sergei, Serhii SHERBAKOV" for Sergey Alekseyevich
      SHCHERBAKOV, whose commas separate "Sergei" (his given name spelt another way: the alias is
      "Sergei Alekseyevich SHCHERBAKOV") from a whole name, and "Alexander Alexandrovich" (the given
      names alone) for Aleksandr Aleksandrovich ZHAROV; a first name alone as an alias would match
      every Sergei. An alias like no part (a nickname: "Givi", "Motorola"; a whole name: "Igor
      STRELKOV") stays as it is. (From form 4.)"""
    entry.names = [part for name in entry.names for part in _languages(name)]
    primary = next((name for name in entry.names if name.kind is NameKind.PRIMARY), None)
    if entry.entity_type is not EntityType.INDIVIDUAL or primary is None:
        return entry
    given, last = (primary.first or "").split(), primary.last or ""
    if given and last:
        entry.names = [
            _completed(name, given, last) if name.kind is NameKind.AKA else name for name in entry.names
        ]
    return entry


def bilingual(text: str) -> tuple[str, str | None]:
    """The English and French halves of a name written "English/French", split at the one "/" that
    stands outside brackets with text on both sides ("Iranian Army/Armée iranienne"); ``(text,
    None)`` for any other name ("MEC Steel Mills (Hmaw Bi/Pyi/Ywama)", a name with two such "/")."""
    depth, cuts = 0, []
    for at, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char == "/" and depth == 0:
            cuts.append(at)
    if len(cuts) != 1:
        return text, None
    english, french = text[: cuts[0]].strip(), text[cuts[0] + 1 :].strip()
    return (english, french) if english and french else (text, None)


def _languages(name: Name) -> list[Name]:
    """``name``, or its English and French halves (bilingual): the French one an alias."""
    english, french = bilingual(name.full)
    if french is None:
        return [name]
    return [
        replace(name, full=english, script=detect_script(english), lang="en"),
        Name(full=french, kind=NameKind.AKA, script=detect_script(french), lang="fr"),
    ]


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, _letters(a), _letters(b)).ratio()


def _alike(a: str, b: str) -> bool:
    return _ratio(a, b) >= _SAME_PART


def _completed(alias: Name, given: list[str], last: str) -> Name:
    """The primary name with its given names (the first ones) or its surname spelt as ``alias``, or
    ``alias`` unchanged when it is no such part."""
    words = alias.full.split()
    if len(words) > len(given):
        return alias
    ratio = _ratio(alias.full, last)
    first_ratio = _ratio(words[0], given[0])
    # the given names spelt another way, none of them the surname ("Amir Ali Hajizadeh" is whole)
    if all(_alike(word, part) for word, part in zip(words, given, strict=False)) and (
        (len(words) > 1 and _ratio(words[-1], last) < _ratio(words[-1], given[len(words) - 1]))
        or (len(words) == 1 and first_ratio > ratio)
    ):
        first, surname = " ".join([*words, *given[len(words) :]]), last
    elif len(words) == 1 and ratio >= _SAME_PART:
        first, surname = " ".join(given), alias.full
    else:
        return alias
    full = f"{first} {surname}"
    return Name(full=full, kind=alias.kind, first=first, last=surname, script=detect_script(full))


def _letters(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if c.isalpha())


SEMA = SourceSpec(
    name="ca_sema",
    title="Consolidated Canadian Autonomous Sanctions List (SEMA, JVCFOR)",
    publisher="Global Affairs Canada",
    parse=parse,
    default_url=(
        "https://www.international.gc.ca/world-monde/assets/office_docs/international_relations-"
        "relations_internationales/sanctions/sema-lmes.xml"
    ),
    live=True,
    file_suffix=".xml",
    format="XML sema-lmes.xml (data-set/record)",
    licence="Open Government Licence - Canada",
    fold=fold,
)
