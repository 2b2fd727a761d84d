"""One UN ``INDIVIDUAL`` or ``ENTITY`` element -> ListEntry: one method per child element.

The choices the format leaves open (name parts, original script, alias splitting, dates) are listed in
the docstring of ``tracker.sources.un``.
"""

from __future__ import annotations

import re
from typing import Any

from tracker.errors import FormatChanged
from tracker.names.scripts import detect_script
from tracker.records import Address, EntityType, Identifier, ListEntry, Name, NameKind
from tracker.sources.common import Warnings, clean, join

_ALIAS_KINDS = {
    "good": NameKind.AKA,
    "a.k.a.": NameKind.AKA,
    "": NameKind.AKA,
    "low": NameKind.WEAK_AKA,
    "f.k.a.": NameKind.FKA,
}
_GENDERS = {"male": "Male", "female": "Female", "unknown": None, "": None}
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_DETAILS = {
    "REFERENCE_NUMBER": "reference_number",
    "SUBMITTED_BY": "submitted_by",
    "SUBMITTED_ON": "submitted_on",
}
_IGNORED = {"VERSIONNUM", "SORT_KEY", "SORT_KEY_LAST_MOD"}  # see the module docstring
_ZONED_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})$")
_YEAR_RANGE = re.compile(r"^(\d{4})\s*-\s*(\d{4})$")
_PAREN_ALIAS = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)$")


def _text(el: Any) -> str:
    """Element text with stray spaces removed ("<FIRST_NAME> RI </FIRST_NAME>" in 2017)."""
    return clean(el.text)


def _date(value: str) -> str:
    """ISO date from the UN's xs:date text; drops a zone suffix; unknown text is kept as written."""
    if match := _ZONED_DATE.match(value):
        return match.group(1)
    if match := _YEAR_RANGE.match(value):
        return f"{match.group(1)}/{match.group(2)}"
    return value


def split_alias(value: str) -> list[str]:
    """Split one ALIAS_NAME into the names it packs.

    "A; B; C" -> three names; "<original script> (Latin 1; Latin 2)" -> all three. Semicolons inside
    other parentheses are kept, and a plain parenthesis ("Abu Ali (the elder)") is not split.
    """
    names: list[str] = []
    for piece in _split_top_level(value):
        match = _PAREN_ALIAS.match(piece)
        if match:
            outer, inner = match.group("outer").strip(), match.group("inner")
            if ";" in inner or detect_script(outer) != detect_script(inner):
                names.append(outer)
                names.extend(p.strip() for p in inner.split(";"))
                continue
        names.append(piece)
    return [n for n in names if n]


def _split_top_level(value: str) -> list[str]:
    if ";" not in value:
        return [value.strip()]
    pieces: list[str] = []
    current: list[str] = []
    depth = 0
    for char in value:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        if char == ";" and depth == 0:
            pieces.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    pieces.append("".join(current).strip())
    return pieces


def _values(el: Any) -> list[str]:
    """The VALUE children of a TITLE / DESIGNATION / NATIONALITY / LAST_DAY_UPDATED element."""
    return [v for child in el if child.tag == "VALUE" and (v := _text(child))]


class RecordBuilder:
    """Turns one INDIVIDUAL or ENTITY element into a ListEntry, one method per child element."""

    def __init__(self, el: Any, warnings: Warnings) -> None:
        self.el = el
        self.kind = el.tag
        self.warnings = warnings
        self.parts: dict[str, str] = {}
        self.aliases: list[Name] = []
        self.original: list[Name] = []
        self.remarks: list[str] = []
        entity_type = EntityType.INDIVIDUAL if el.tag == "INDIVIDUAL" else EntityType.ENTITY
        self.entry = ListEntry(source_id="", entity_type=entity_type, names=[])

    def build(self) -> ListEntry:
        for child in self.el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _IGNORED:
                continue
            handler = self._HANDLERS.get(tag)
            if handler is not None:
                handler(self, child)
            elif tag in _DETAILS:
                if value := _text(child):
                    self.entry.details[_DETAILS[tag]] = value
            elif tag in _NAME_PARTS:
                if value := _text(child):
                    self.parts[tag] = value
            else:
                self.warnings.add(f"unknown element <{tag}> in <{self.kind}>")
        entry = self.entry
        if not entry.source_id:
            raise FormatChanged(f"<{self.kind}> without DATAID (line {self.el.sourceline})")
        primary = self._primary_name()
        if primary is None:
            raise FormatChanged(f"<{self.kind}> DATAID {entry.source_id} has no name")
        entry.names = [primary, *self.original, *self.aliases]
        entry.remarks = "\n".join(self.remarks) or None
        return entry

    def _primary_name(self) -> Name | None:
        parts = [self.parts[p] for p in _NAME_PARTS if p in self.parts]
        if not parts:
            return None
        full = " ".join(parts)
        name = Name(full=full, kind=NameKind.PRIMARY, script=detect_script(full))
        if self.kind == "INDIVIDUAL" and len(parts) > 1:
            name.first, name.last = parts[0], parts[-1]
            name.middle = " ".join(parts[1:-1]) or None
        return name

    def _dataid(self, el: Any) -> None:
        self.entry.source_id = _text(el)

    def _list_type(self, el: Any) -> None:
        if value := _text(el):
            self.entry.programs.append(value)

    def _listed_on(self, el: Any) -> None:
        self.entry.listed_on = _date(_text(el)) or None

    def _original_script(self, el: Any) -> None:
        if value := _text(el):
            self.original.append(Name(full=value, kind=NameKind.PRIMARY, script=detect_script(value)))

    def _comments(self, el: Any) -> None:
        if value := _text(el):
            self.remarks.insert(0, value)

    def _gender(self, el: Any) -> None:
        value = _text(el)
        if value.lower() not in _GENDERS:
            self.warnings.add(f"unknown GENDER value {value!r}")
            return
        self.entry.gender = _GENDERS[value.lower()]

    def _titles(self, el: Any) -> None:
        self.entry.titles.extend(_values(el))

    def _designations(self, el: Any) -> None:
        self.entry.positions.extend(_values(el))

    def _nationalities(self, el: Any) -> None:
        self.entry.nationalities.extend(_values(el))

    def _list_type_values(self, el: Any) -> None:
        for value in _values(el):
            if value != "UN List":
                self.entry.details["list_type"] = value

    def _last_updated(self, el: Any) -> None:
        if dates := sorted({_date(v) for v in _values(el)}):
            self.entry.details["last_updated"] = ", ".join(dates)

    def _fields(self, el: Any, known: frozenset[str]) -> dict[str, str]:
        """Text of the children of a sub-record; warns about children it does not know."""
        fields: dict[str, str] = {}
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag not in known:
                self.warnings.add(f"unknown element <{tag}> in <{el.tag}>")
            elif value := _text(child):
                fields[tag] = f"{fields[tag]}; {value}" if tag in fields else value
        return fields

    def _alias(self, el: Any) -> None:
        fields = self._fields(el, _ALIAS_FIELDS)
        quality = fields.get("QUALITY", "")
        kind = _ALIAS_KINDS.get(quality.lower())
        if kind is None:
            self.warnings.add(f"unknown alias QUALITY {quality!r}")
            kind = NameKind.AKA
        value = fields.get("ALIAS_NAME", "")
        for alias in split_alias(value) if value else []:
            self.aliases.append(Name(full=alias, kind=kind, script=detect_script(alias)))
        if (birth := fields.get("DATE_OF_BIRTH")) and birth.lower() != "null":
            self.entry.birth_dates.append(_date(birth))
        if place := join([fields.get("CITY_OF_BIRTH", ""), fields.get("COUNTRY_OF_BIRTH", "")]):
            self.entry.birth_places.append(place)
        if note := fields.get("NOTE"):
            self.remarks.append(f"alias {value}: {note}")

    def _birth_date(self, el: Any) -> None:
        fields = self._fields(el, _DOB_FIELDS)
        kind = fields.get("TYPE_OF_DATE", "").upper()
        if kind not in ("", "EXACT", "APPROXIMATELY", "BETWEEN"):
            self.warnings.add(f"unknown TYPE_OF_DATE {kind!r}")
        value = fields.get("DATE") or fields.get("YEAR")
        if value:
            value = _date(value)
            self.entry.birth_dates.append(f"{value}~" if kind == "APPROXIMATELY" else value)
        if "FROM_YEAR" in fields or "TO_YEAR" in fields:
            self.entry.birth_dates.append(f"{fields.get('FROM_YEAR', '..')}/{fields.get('TO_YEAR', '..')}")
        if note := fields.get("NOTE"):
            self.remarks.append(f"date of birth: {note}")

    def _birth_place(self, el: Any) -> None:
        fields = self._fields(el, _PLACE_FIELDS)
        parts = [fields.get(k, "") for k in ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY")]
        place = join(parts)
        if note := fields.get("NOTE"):
            place = f"{place} ({note})" if place else note
        if place:
            self.entry.birth_places.append(place)

    def _document(self, el: Any) -> None:
        fields = self._fields(el, _DOCUMENT_FIELDS)
        doc_type, doc_detail = fields.get("TYPE_OF_DOCUMENT", ""), fields.get("TYPE_OF_DOCUMENT2", "")
        issuing, country_of_issue = fields.get("ISSUING_COUNTRY"), fields.get("COUNTRY_OF_ISSUE")
        notes = [
            doc_detail if doc_type and doc_detail != doc_type else "",
            f"issued in {fields['CITY_OF_ISSUE']}" if "CITY_OF_ISSUE" in fields else "",
            f"country of issue {country_of_issue}"
            if issuing and country_of_issue and country_of_issue != issuing
            else "",
            fields.get("NOTE", ""),
        ]
        number = fields.get("NUMBER", "")
        if not (doc_type or doc_detail or number or any(notes)):
            return  # <INDIVIDUAL_DOCUMENT/> placeholders
        self.entry.identifiers.append(
            Identifier(
                type=doc_type or doc_detail or "document",
                number=number,
                country=issuing or country_of_issue,
                issued=_date(fields["DATE_OF_ISSUE"]) if "DATE_OF_ISSUE" in fields else None,
                note=join(notes, "; "),
            )
        )

    def _address(self, el: Any) -> None:
        fields = self._fields(el, _ADDRESS_FIELDS)
        address = Address(
            street=fields.get("STREET"),
            city=fields.get("CITY"),
            region=fields.get("STATE_PROVINCE"),
            postal_code=fields.get("ZIP_CODE"),
            country=fields.get("COUNTRY"),
            note=fields.get("NOTE"),
        )
        if address.canonical():
            self.entry.addresses.append(address)

    _HANDLERS: dict[str, Any] = {
        "DATAID": _dataid,
        "UN_LIST_TYPE": _list_type,
        "LISTED_ON": _listed_on,
        "NAME_ORIGINAL_SCRIPT": _original_script,
        "COMMENTS1": _comments,
        "GENDER": _gender,
        "TITLE": _titles,
        "DESIGNATION": _designations,
        "NATIONALITY": _nationalities,
        "LIST_TYPE": _list_type_values,
        "LAST_DAY_UPDATED": _last_updated,
        "INDIVIDUAL_ALIAS": _alias,
        "ENTITY_ALIAS": _alias,
        "INDIVIDUAL_DATE_OF_BIRTH": _birth_date,
        "INDIVIDUAL_PLACE_OF_BIRTH": _birth_place,
        "INDIVIDUAL_DOCUMENT": _document,
        "INDIVIDUAL_ADDRESS": _address,
        "ENTITY_ADDRESS": _address,
    }


_ALIAS_FIELDS = frozenset(
    {"QUALITY", "ALIAS_NAME", "DATE_OF_BIRTH", "CITY_OF_BIRTH", "COUNTRY_OF_BIRTH", "NOTE"}
)
_DOB_FIELDS = frozenset({"TYPE_OF_DATE", "DATE", "YEAR", "FROM_YEAR", "TO_YEAR", "NOTE"})
_PLACE_FIELDS = frozenset({"STREET", "CITY", "STATE_PROVINCE", "COUNTRY", "NOTE"})
_DOCUMENT_FIELDS = frozenset(
    {"TYPE_OF_DOCUMENT", "TYPE_OF_DOCUMENT2", "NUMBER", "ISSUING_COUNTRY", "COUNTRY_OF_ISSUE"}
    | {"DATE_OF_ISSUE", "CITY_OF_ISSUE", "NOTE"}
)
_ADDRESS_FIELDS = frozenset({"STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY", "NOTE"})
