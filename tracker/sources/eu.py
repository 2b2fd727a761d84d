"""EU Financial Sanctions Files (FSF): the consolidated list, XML format ``xmlFullSanctionsList_1_1``.

Root ``export`` (namespace http://eu.europa.ec/fpi/fsd/export; matched on local names) with one
``sanctionEntity`` per designated person or enterprise. Choices the format leaves open:

* PRIMARY name: the EU marks no primary name, so the first ``nameAlias`` in document order that is not
  ``strong="false"`` is PRIMARY (the EU lists the name of the legal act's language first); the other
  strong aliases are AKA, ``strong="false"`` ones WEAK_AKA. If every alias is weak, the first is PRIMARY.
* ``listed_on``: the ``designationDate`` attribute (the schema defines it as the date the entity was first
  sanctioned); without it, the earliest ``publicationDate`` of the entity's regulation and of every
  ``regulationSummary`` under it (publication, not entry into force: it is the date the public learns).
* Birth dates: ISO, partial when the list is partial ("1965", "1965-04"); "~" suffix when ``circa`` is
  true and "1953/1958" for year ranges (ISO 8601-2 / EDTF); a year in a non-Gregorian calendar is kept
  as text ("1343 (ISLAMIC calendar)").
* The file repeats an entity once per regime it is listed under (same logicalId, 3 cases in
  2024-05-13): the repeats are merged into one entry (see ``_merge``).
* Remarks attached to a name, birth date or citizenship go into ``remarks`` with a prefix; those on an
  identification or address go into that record's ``note``.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

from lxml import etree

from tracker.errors import FormatChanged, ParseError
from tracker.records import Address, EntityType, Identifier, ListEntry, Name, NameKind, ParsedList
from tracker.sources.base import SourceSpec
from tracker.sources.fileio import open_binary
from tracker.sources.scripts import detect_script
from tracker.sources.xmlcommon import generation_time, syntax_error

FORMAT = "eu-fsf-xml-1.1"
_ENTITY_TYPES = {"person": EntityType.INDIVIDUAL, "enterprise": EntityType.ENTITY}
_CLASSIFICATION = {"P": EntityType.INDIVIDUAL, "E": EntityType.ENTITY}
_GENDERS = {"M": "Male", "F": "Female", "?": None, "": None}
_UNKNOWN_COUNTRY = {"UNKNOWN", "00", ""}
_ID_FLAGS = (
    ("diplomatic", "diplomatic"),
    ("knownExpired", "known expired"),
    ("knownFalse", "known false"),
    ("reportedLost", "reported lost"),
    ("revokedByIssuer", "revoked by issuer"),
)

# Attributes each element may carry (from the 1.1 XSD); anything else is reported as a warning.
_COMMON = {"logicalId", "regulationLanguage"}
_COUNTRY = {"countryIso2Code", "countryDescription"}
_KNOWN_ATTRS: dict[str, set[str]] = {
    "sanctionEntity": {
        "logicalId",
        "euReferenceNumber",
        "unitedNationId",
        "designationDetails",
        "designationDate",
        "delistingDate",
    },
    "regulation": {
        "logicalId",
        "regulationType",
        "organisationType",
        "publicationDate",
        "entryIntoForceDate",
        "numberTitle",
        "programme",
    },
    "subjectType": {"code", "classificationCode"},
    "nameAlias": _COMMON
    | {"firstName", "middleName", "lastName", "wholeName", "function", "gender", "title"}
    | {"nameLanguage", "strong"},
    "citizenship": _COMMON | _COUNTRY | {"region", "acquisitionDate", "disenfranchisementDate"},
    "birthdate": _COMMON
    | _COUNTRY
    | {"circa", "calendarType", "city", "zipCode", "birthdate", "dayOfMonth", "monthOfYear"}
    | {"year", "yearRangeFrom", "yearRangeTo", "region", "place"},
    "address": _COMMON
    | _COUNTRY
    | {"city", "street", "poBox", "zipCode", "region", "place", "asAtListingTime"},
    "identification": _COMMON
    | _COUNTRY
    | {"diplomatic", "knownExpired", "knownFalse", "reportedLost", "revokedByIssuer", "issueDate"}
    | {"issuedBy", "latinNumber", "nameOnDocument", "number", "validFrom", "validTo", "region"}
    | {"identificationTypeCode", "identificationTypeDescription"},
}
# Children of a detail element (nameAlias, address, ...) that carry no list content of their own.
_DETAIL_CHILDREN = {"regulationSummary", "remark", "additionalInformation", "contactInfo"}


class _Warnings:
    """Collects warnings once per distinct message, with a count (a file can repeat one oddity 1000x)."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self._attr_sets_seen: set[tuple[str, tuple[str, ...]]] = set()

    def check_attrs(self, el: Any, tag: str) -> None:
        """Warn about attributes the XSD does not define (checked once per distinct attribute set)."""
        key = (tag, tuple(el.keys()))
        if key in self._attr_sets_seen:
            return
        self._attr_sets_seen.add(key)
        for attr in sorted(set(key[1]) - _KNOWN_ATTRS[tag]):
            self.add(f"unknown attribute {attr!r} on <{tag}>")

    def add(self, message: str) -> None:
        self.counts[message] += 1

    def as_list(self) -> list[str]:
        return [m if n == 1 else f"{m} ({n} times)" for m, n in self.counts.items()]


_LOCAL_NAMES: dict[str, str] = {}  # memo: "{ns}tag" -> "tag" (a few dozen distinct tags)


def _local(tag: Any) -> str:
    """Local name of an element tag; "" for comments and processing instructions."""
    if not isinstance(tag, str):
        return ""
    local = _LOCAL_NAMES.get(tag)
    if local is None:
        local = _LOCAL_NAMES[tag] = tag.rpartition("}")[2]
    return local


def _clean(value: str | None) -> str:
    """Strip, and collapse runs of whitespace (the EU pads remarks with several spaces)."""
    if not value:
        return ""
    value = value.strip()
    if "  " in value or "\n" in value or "\t" in value:
        return " ".join(value.split())
    return value


def _country(el: Any) -> str | None:
    description = _clean(el.get("countryDescription"))
    if description and description not in _UNKNOWN_COUNTRY:
        return description
    code = _clean(el.get("countryIso2Code"))
    return code if code not in _UNKNOWN_COUNTRY else None


def _join(parts: list[str | None], sep: str = ", ") -> str | None:
    kept = [p for p in parts if p]
    return sep.join(kept) if kept else None


class _EntityBuilder:
    """Turns one ``sanctionEntity`` element into a ListEntry, one method per child element."""

    def __init__(self, el: Any, warnings: _Warnings) -> None:
        self.el = el
        self.warnings = warnings
        self.names: list[Name] = []
        self.remarks: list[str] = []
        self.pub_dates: list[str] = []
        self.entity_type: EntityType | None = None
        self.entry = ListEntry(source_id="", entity_type=EntityType.ENTITY, names=self.names)

    def build(self) -> ListEntry:
        el, entry = self.el, self.entry
        entry.source_id = _clean(el.get("logicalId"))
        if not entry.source_id:
            raise FormatChanged(f"sanctionEntity without logicalId (line {el.sourceline})")
        self._check_attrs(el, "sanctionEntity")
        for key, attr in (
            ("eu_reference_number", "euReferenceNumber"),
            ("un_id", "unitedNationId"),
            ("designation_details", "designationDetails"),
            ("delisting_date", "delistingDate"),
        ):
            if value := _clean(el.get(attr)):
                entry.details[key] = value
        for child in el:
            self._child(child)
        if self.entity_type is None:
            raise FormatChanged(f"sanctionEntity {entry.source_id} has no subjectType")
        entry.entity_type = self.entity_type
        self._finish_names()
        designated = _clean(el.get("designationDate"))
        entry.listed_on = designated or (min(self.pub_dates) if self.pub_dates else None)
        entry.remarks = "\n".join(self.remarks) or None
        return entry

    def _child(self, child: Any) -> None:
        tag = _local(child.tag)
        handler = self._HANDLERS.get(tag)
        if handler is not None:
            handler(self, child)
        elif tag:
            self.warnings.add(f"unknown element <{tag}> in sanctionEntity")

    def _check_attrs(self, el: Any, tag: str) -> None:
        self.warnings.check_attrs(el, tag)

    def _sub_children(self, el: Any, tag: str) -> list[str]:
        """Read the small children of a detail element: collect regulation dates, return remarks."""
        remarks = []
        for child in el:
            sub = _local(child.tag)
            if sub == "regulationSummary" or sub == "corrigendum":
                if date := child.get("publicationDate"):
                    self.pub_dates.append(date)
            elif sub == "remark":
                if text := _clean(child.text):
                    remarks.append(text)
            elif sub in ("additionalInformation", "contactInfo"):
                remarks.append(f"{_clean(child.get('key'))}: {_clean(child.get('value'))}")
            elif sub == "publicationUrl" and tag == "regulation":
                pass  # a link to the Official Journal: no list content
            elif sub:
                self.warnings.add(f"unknown element <{sub}> in <{tag}>")
        return remarks

    def _remark(self, el: Any) -> None:
        if text := _clean(el.text):
            self.remarks.append(text)

    def _additional(self, el: Any) -> None:
        self.remarks.append(f"{_clean(el.get('key'))}: {_clean(el.get('value'))}")

    def _regulation(self, el: Any) -> None:
        self._check_attrs(el, "regulation")
        details = self.entry.details
        if programme := _clean(el.get("programme")):
            self.entry.programs.append(programme)
        if date := el.get("publicationDate"):
            self.pub_dates.append(date)
        for key, attr in (
            ("regulation", "numberTitle"),
            ("regulation_type", "regulationType"),
            ("regulation_published", "publicationDate"),
            ("regulation_in_force", "entryIntoForceDate"),
        ):
            if value := _clean(el.get(attr)):
                details[key] = f"{details[key]}; {value}" if key in details else value
        self.remarks.extend(self._sub_children(el, "regulation"))

    def _subject_type(self, el: Any) -> None:
        self._check_attrs(el, "subjectType")
        code, classification = _clean(el.get("code")), _clean(el.get("classificationCode"))
        entity_type = _ENTITY_TYPES.get(code)
        if entity_type is None:
            entity_type = _CLASSIFICATION.get(classification)
            if entity_type is None:
                raise FormatChanged(
                    f"sanctionEntity {self.entry.source_id}: unknown subjectType "
                    f"code={code!r} classificationCode={classification!r}"
                )
            self.warnings.add(f"unknown subjectType code {code!r} (classified {classification})")
        self.entity_type = entity_type

    def _name_alias(self, el: Any) -> None:
        self._check_attrs(el, "nameAlias")
        first, middle, last = (_clean(el.get(a)) for a in ("firstName", "middleName", "lastName"))
        whole = _clean(el.get("wholeName")) or _join([first, middle, last], " ")
        notes = self._sub_children(el, "nameAlias")
        if not whole:
            self.warnings.add("nameAlias without any name")
            return
        strong = _clean(el.get("strong")).lower()
        if strong not in ("", "true", "false"):
            self.warnings.add(f"unknown nameAlias strong value {strong!r}")
        title = _clean(el.get("title")) or None
        self.names.append(
            Name(
                full=whole,
                kind=NameKind.WEAK_AKA if strong == "false" else NameKind.AKA,
                first=first or None,
                middle=middle or None,
                last=last or None,
                script=detect_script(whole),
                lang=_clean(el.get("nameLanguage")).lower() or None,
                title=title,
            )
        )
        if title:
            self.entry.titles.append(title)
        if function := _clean(el.get("function")):
            self.entry.positions.append(function)
        self._gender(_clean(el.get("gender")))
        self.remarks.extend(f"name {whole}: {note}" for note in notes)

    def _gender(self, code: str) -> None:
        if code not in _GENDERS:
            self.warnings.add(f"unknown gender code {code!r}")
            return
        if (gender := _GENDERS[code]) and not self.entry.gender:
            self.entry.gender = gender

    def _finish_names(self) -> None:
        if not self.names:
            raise FormatChanged(f"sanctionEntity {self.entry.source_id} has no nameAlias")
        # EU has no explicit primary name: the first strong alias in document order is PRIMARY.
        primary = next((n for n in self.names if n.kind == NameKind.AKA), self.names[0])
        primary.kind = NameKind.PRIMARY

    def _citizenship(self, el: Any) -> None:
        self._check_attrs(el, "citizenship")
        notes = self._sub_children(el, "citizenship")
        country = _country(el)
        if country:
            self.entry.citizenships.append(country)
        if region := _clean(el.get("region")):
            notes.insert(0, f"region {region}")
        for attr in ("acquisitionDate", "disenfranchisementDate"):
            if value := el.get(attr):
                notes.append(f"{attr} {value}")
        self.remarks.extend(f"citizenship {country or ''}: {note}" for note in notes)

    def _birthdate(self, el: Any) -> None:
        self._check_attrs(el, "birthdate")
        notes = self._sub_children(el, "birthdate")
        if date := self._birth_date_value(el):
            self.entry.birth_dates.append(date)
        city, spot = _clean(el.get("city")), _clean(el.get("place"))
        # place often repeats city (place="Abadan" city="Abadan"): keep it once.
        parts = [spot if spot != city else None, city, _clean(el.get("zipCode"))]
        if place := _join([*parts, _clean(el.get("region")), _country(el)]):
            self.entry.birth_places.append(place)
        self.remarks.extend(f"birth: {note}" for note in notes)

    def _birth_date_value(self, el: Any) -> str | None:
        calendar = _clean(el.get("calendarType")) or "GREGORIAN"
        if calendar not in ("GREGORIAN", "ISLAMIC", "BUDDHIST", "COPTIC", "ETHIOPIC"):
            self.warnings.add(f"unknown birthdate calendarType {calendar!r}")
        year, month, day = (el.get(a) for a in ("year", "monthOfYear", "dayOfMonth"))
        value: str | None
        if full := _clean(el.get("birthdate")):
            value = full  # always Gregorian, also when the parts are in another calendar
        elif year:
            value = year.zfill(4)
            if month:
                value += f"-{month.zfill(2)}" + (f"-{day.zfill(2)}" if day else "")
            if calendar != "GREGORIAN":
                return f"{value} ({calendar} calendar)"
        elif el.get("yearRangeFrom") or el.get("yearRangeTo"):
            value = f"{el.get('yearRangeFrom') or '..'}/{el.get('yearRangeTo') or '..'}"
        else:
            return None
        circa = _clean(el.get("circa")).lower()
        return f"{value}~" if circa == "true" else value

    def _identification(self, el: Any) -> None:
        self._check_attrs(el, "identification")
        notes = [
            f"issued by {v}" if (v := _clean(el.get("issuedBy"))) else None,
            _clean(el.get("nameOnDocument")) or None,
            f"region {v}" if (v := _clean(el.get("region"))) else None,
        ]
        number, latin = _clean(el.get("number")), _clean(el.get("latinNumber"))
        if latin and latin != number:
            notes.append(f"latin number {latin}" if number else None)
        issued, valid_from = el.get("issueDate"), el.get("validFrom")
        if issued and valid_from and valid_from != issued:
            notes.append(f"valid from {valid_from}")
        notes += [label for attr, label in _ID_FLAGS if _clean(el.get(attr)).lower() == "true"]
        notes += self._sub_children(el, "identification")
        id_type = _clean(el.get("identificationTypeDescription")) or _clean(el.get("identificationTypeCode"))
        self.entry.identifiers.append(
            Identifier(
                type=id_type or "identification",
                number=number or latin,
                country=_country(el),
                issued=issued or valid_from,
                expires=el.get("validTo"),
                note=_join(notes, "; "),
            )
        )

    def _address(self, el: Any) -> None:
        self._check_attrs(el, "address")
        city, place = _clean(el.get("city")), _clean(el.get("place"))
        notes: list[str | None] = [f"place {place}" if place and city and place != city else None]
        if _clean(el.get("asAtListingTime")).lower() == "true":
            notes.append("as at listing time")
        notes += self._sub_children(el, "address")
        address = Address(
            street=_join([_clean(el.get("street")), _clean(el.get("poBox"))]),
            city=city or place or None,
            region=_clean(el.get("region")) or None,
            postal_code=_clean(el.get("zipCode")) or None,
            country=_country(el),
            note=_join(notes, "; "),
        )
        if address.canonical():
            self.entry.addresses.append(address)

    _HANDLERS = {
        "remark": _remark,
        "additionalInformation": _additional,
        "regulation": _regulation,
        "subjectType": _subject_type,
        "nameAlias": _name_alias,
        "citizenship": _citizenship,
        "birthdate": _birthdate,
        "identification": _identification,
        "address": _address,
    }


def parse(path: Path) -> ParsedList:
    """Parse an EU FSF ``xmlFullSanctionsList_1_1`` file (plain or gzipped)."""
    _check_head(path)
    warnings = _Warnings()
    entries: dict[str, ListEntry] = {}
    with open_binary(path) as fh:
        context = etree.iterparse(
            fh, events=("end",), tag="{*}sanctionEntity", huge_tree=True, remove_comments=True
        )
        try:
            for _, el in context:
                try:
                    entry = _EntityBuilder(el, warnings).build()
                except FormatChanged as exc:
                    raise FormatChanged(f"{path.name}: {exc}") from exc
                if (earlier := entries.get(entry.source_id)) is not None:
                    _merge(earlier, entry)
                else:
                    entries[entry.source_id] = entry
                el.clear()
                while el.getprevious() is not None:
                    del el.getparent()[0]
        except etree.XMLSyntaxError as exc:
            raise syntax_error(path, exc) from exc
        except (EOFError, OSError) as exc:
            raise ParseError(f"{path.name}: compressed file is truncated or corrupt ({exc})") from exc
        root = context.root
    published_at = _check_root(path, root, warnings)
    return ParsedList(
        entries=list(entries.values()), published_at=published_at, warnings=warnings.as_list(), format=FORMAT
    )


def _merge(entry: ListEntry, other: ListEntry) -> None:
    """Fold a second ``sanctionEntity`` with the same logicalId into the first.

    The file repeats an entity once per sanctions regime it is listed under (3 logicalIds in the
    2024-05-13 file: e.g. 547 under AFG and TAQA); it is one designated person, so one entry.
    """
    for name in other.names:
        if name.kind == NameKind.PRIMARY:
            name.kind = NameKind.AKA  # the first element's primary name stays the primary
    known = {(n.full, n.lang) for n in entry.names}
    entry.names.extend(n for n in other.names if (n.full, n.lang) not in known)
    for attr in ("programs", "birth_dates", "birth_places", "nationalities", "citizenships"):
        target: list[str] = getattr(entry, attr)
        target.extend(v for v in getattr(other, attr) if v not in target)
    for attr in ("titles", "positions", "identifiers", "addresses"):
        items: list[Any] = getattr(entry, attr)
        items.extend(v for v in getattr(other, attr) if v not in items)
    dates = [d for d in (entry.listed_on, other.listed_on) if d]
    entry.listed_on = min(dates) if dates else None
    entry.gender = entry.gender or other.gender
    entry.remarks = _join([entry.remarks, other.remarks], "\n")
    for key, value in other.details.items():
        if key not in entry.details:
            entry.details[key] = value
        elif value not in entry.details[key].split("; "):
            entry.details[key] = f"{entry.details[key]}; {value}"


def _check_head(path: Path) -> None:
    """Fail early, with a clear message, on an empty file, an HTML page or the legacy 1.0 format."""
    with open_binary(path) as fh:
        try:
            head = fh.read(4096)
        except (EOFError, OSError) as exc:
            raise ParseError(f"{path.name}: compressed file is truncated or corrupt ({exc})") from exc
    text = head.decode("utf-8", "replace").lstrip("\ufeff \t\r\n").lower()
    if not text:
        raise ParseError(f"{path.name}: file is empty")
    if text.startswith(("<!doctype html", "<html")) or "<html" in text[:512]:
        raise ParseError(f"{path.name}: got an HTML page, not the EU sanctions XML")
    if not text.startswith("<"):
        raise ParseError(f"{path.name}: not an XML file (starts with {text[:20]!r})")
    if re.search(r"<whole[\s>]", text):
        raise FormatChanged(
            f"{path.name}: EU 1.0 'WHOLE' format is not supported; use xmlFullSanctionsList_1_1"
        )


def _check_root(path: Path, root: Any, warnings: _Warnings) -> datetime | None:
    if root is None:
        raise ParseError(f"{path.name}: no XML element found")
    if _local(root.tag) != "export":
        raise FormatChanged(
            f"{path.name}: unknown root element <{_local(root.tag)}>, expected <export> "
            "(EU xmlFullSanctionsList_1_1)"
        )
    for child in root:
        if (tag := _local(child.tag)) and tag != "sanctionEntity":
            warnings.add(f"unknown element <{tag}> in <export>")
    return generation_time(root, "generationDate", warnings)


FSF = SourceSpec(
    name="eu_fsf",
    title="EU Financial Sanctions Files (consolidated list)",
    publisher="European Commission (FISMA)",
    parse=parse,
    default_url=(
        "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content"
        "?token=dG9rZW4tMjAxNw"
    ),
    timeout=300,
    retries=5,
    file_suffix=".xml",
)
