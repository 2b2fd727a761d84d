"""One EU ``sanctionEntity`` element -> ListEntry: one method per child element.

The choices the format leaves open (primary name, listed_on, birth dates, remarks) are listed in the
docstring of ``tracker.sources.eu``; the repeats of one logicalId are merged there.
"""

from __future__ import annotations

from typing import Any

from tracker.errors import FormatChanged
from tracker.names.scripts import detect_script
from tracker.records import Address, EntityType, Identifier, ListEntry, Name, NameKind
from tracker.sources.common import AttributeCheck, Warnings, clean, join, local_name

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
KNOWN_ATTRS: dict[str, set[str]] = {
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


def _country(el: Any) -> str | None:
    description = clean(el.get("countryDescription"))
    if description and description not in _UNKNOWN_COUNTRY:
        return description
    code = clean(el.get("countryIso2Code"))
    return code if code not in _UNKNOWN_COUNTRY else None


class EntityBuilder:
    """Turns one ``sanctionEntity`` element into a ListEntry, one method per child element."""

    def __init__(self, el: Any, warnings: Warnings, check_attrs: AttributeCheck) -> None:
        self.el = el
        self.warnings = warnings
        self._check_attrs = check_attrs
        self.names: list[Name] = []
        self.remarks: list[str] = []
        self.pub_dates: list[str] = []
        self.entity_type: EntityType | None = None
        self.entry = ListEntry(source_id="", entity_type=EntityType.ENTITY, names=self.names)

    def build(self) -> ListEntry:
        el, entry = self.el, self.entry
        entry.source_id = clean(el.get("logicalId"))
        if not entry.source_id:
            raise FormatChanged(f"sanctionEntity without logicalId (line {el.sourceline})")
        self._check_attrs(el, "sanctionEntity")
        for key, attr in (
            ("eu_reference_number", "euReferenceNumber"),
            ("un_id", "unitedNationId"),
            ("designation_details", "designationDetails"),
            ("delisting_date", "delistingDate"),
        ):
            if value := clean(el.get(attr)):
                entry.details[key] = value
        for child in el:
            self._child(child)
        if self.entity_type is None:
            raise FormatChanged(f"sanctionEntity {entry.source_id} has no subjectType")
        entry.entity_type = self.entity_type
        self._finish_names()
        designated = clean(el.get("designationDate"))
        entry.listed_on = designated or (min(self.pub_dates) if self.pub_dates else None)
        entry.remarks = "\n".join(self.remarks) or None
        return entry

    def _child(self, child: Any) -> None:
        tag = local_name(child.tag)
        handler = self._HANDLERS.get(tag)
        if handler is not None:
            handler(self, child)
        elif tag:
            self.warnings.add(f"unknown element <{tag}> in sanctionEntity")

    def _sub_children(self, el: Any, tag: str) -> list[str]:
        """Read the small children of a detail element: collect regulation dates, return remarks."""
        remarks = []
        for child in el:
            sub = local_name(child.tag)
            if sub == "regulationSummary" or sub == "corrigendum":
                if date := child.get("publicationDate"):
                    self.pub_dates.append(date)
            elif sub == "remark":
                if text := clean(child.text):
                    remarks.append(text)
            elif sub in ("additionalInformation", "contactInfo"):
                remarks.append(f"{clean(child.get('key'))}: {clean(child.get('value'))}")
            elif sub == "publicationUrl" and tag == "regulation":
                pass  # a link to the Official Journal: no list content
            elif sub:
                self.warnings.add(f"unknown element <{sub}> in <{tag}>")
        return remarks

    def _remark(self, el: Any) -> None:
        if text := clean(el.text):
            self.remarks.append(text)

    def _additional(self, el: Any) -> None:
        self.remarks.append(f"{clean(el.get('key'))}: {clean(el.get('value'))}")

    def _regulation(self, el: Any) -> None:
        self._check_attrs(el, "regulation")
        details = self.entry.details
        if programme := clean(el.get("programme")):
            self.entry.programs.append(programme)
        if date := el.get("publicationDate"):
            self.pub_dates.append(date)
        for key, attr in (
            ("regulation", "numberTitle"),
            ("regulation_type", "regulationType"),
            ("regulation_published", "publicationDate"),
            ("regulation_in_force", "entryIntoForceDate"),
        ):
            if value := clean(el.get(attr)):
                details[key] = f"{details[key]}; {value}" if key in details else value
        self.remarks.extend(self._sub_children(el, "regulation"))

    def _subject_type(self, el: Any) -> None:
        self._check_attrs(el, "subjectType")
        code, classification = clean(el.get("code")), clean(el.get("classificationCode"))
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
        first, middle, last = (clean(el.get(a)) for a in ("firstName", "middleName", "lastName"))
        whole = clean(el.get("wholeName")) or join([first, middle, last], " ")
        notes = self._sub_children(el, "nameAlias")
        if not whole:
            self.warnings.add("nameAlias without any name")
            return
        strong = clean(el.get("strong")).lower()
        if strong not in ("", "true", "false"):
            self.warnings.add(f"unknown nameAlias strong value {strong!r}")
        title = clean(el.get("title")) or None
        self.names.append(
            Name(
                full=whole,
                kind=NameKind.WEAK_AKA if strong == "false" else NameKind.AKA,
                first=first or None,
                middle=middle or None,
                last=last or None,
                script=detect_script(whole),
                lang=clean(el.get("nameLanguage")).lower() or None,
                title=title,
            )
        )
        if title:
            self.entry.titles.append(title)
        if function := clean(el.get("function")):
            self.entry.positions.append(function)
        self._gender(clean(el.get("gender")))
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
        if region := clean(el.get("region")):
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
        city, spot = clean(el.get("city")), clean(el.get("place"))
        # place often repeats city (place="Abadan" city="Abadan"): keep it once.
        parts = [spot if spot != city else None, city, clean(el.get("zipCode"))]
        if place := join([*parts, clean(el.get("region")), _country(el)]):
            self.entry.birth_places.append(place)
        self.remarks.extend(f"birth: {note}" for note in notes)

    def _birth_date_value(self, el: Any) -> str | None:
        calendar = clean(el.get("calendarType")) or "GREGORIAN"
        if calendar not in ("GREGORIAN", "ISLAMIC", "BUDDHIST", "COPTIC", "ETHIOPIC"):
            self.warnings.add(f"unknown birthdate calendarType {calendar!r}")
        year, month, day = (el.get(a) for a in ("year", "monthOfYear", "dayOfMonth"))
        value: str | None
        if full := clean(el.get("birthdate")):
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
        circa = clean(el.get("circa")).lower()
        return f"{value}~" if circa == "true" else value

    def _identification(self, el: Any) -> None:
        self._check_attrs(el, "identification")
        notes = [
            f"issued by {v}" if (v := clean(el.get("issuedBy"))) else None,
            clean(el.get("nameOnDocument")) or None,
            f"region {v}" if (v := clean(el.get("region"))) else None,
        ]
        number, latin = clean(el.get("number")), clean(el.get("latinNumber"))
        if latin and latin != number:
            notes.append(f"latin number {latin}" if number else None)
        issued, valid_from = el.get("issueDate"), el.get("validFrom")
        if issued and valid_from and valid_from != issued:
            notes.append(f"valid from {valid_from}")
        notes += [label for attr, label in _ID_FLAGS if clean(el.get(attr)).lower() == "true"]
        notes += self._sub_children(el, "identification")
        id_type = clean(el.get("identificationTypeDescription")) or clean(el.get("identificationTypeCode"))
        self.entry.identifiers.append(
            Identifier(
                type=id_type or "identification",
                number=number or latin,
                country=_country(el),
                issued=issued or valid_from,
                expires=el.get("validTo"),
                note=join(notes, "; "),
            )
        )

    def _address(self, el: Any) -> None:
        self._check_attrs(el, "address")
        city, place = clean(el.get("city")), clean(el.get("place"))
        notes: list[str | None] = [f"place {place}" if place and city and place != city else None]
        if clean(el.get("asAtListingTime")).lower() == "true":
            notes.append("as at listing time")
        notes += self._sub_children(el, "address")
        address = Address(
            street=join([clean(el.get("street")), clean(el.get("poBox"))]),
            city=city or place or None,
            region=clean(el.get("region")) or None,
            postal_code=clean(el.get("zipCode")) or None,
            country=_country(el),
            note=join(notes, "; "),
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
