"""OFAC Enhanced XML (Sanctions List Service: ``SDN_ENHANCED.XML``, ``CONS_ENHANCED.XML``, program exports).

Root ``sanctionsData`` (ns ``.../exports/ENHANCED_XML``): ``publicationInfo/dataAsOf``, reference tables,
then ``entities/entity``. The entity ``id`` is the OFAC uid of the legacy XML and CSV, so the entries come
out under the same stable key and, field by field, in the SAME canonical form the legacy parsers give
(``tracker.sources.ofac_common``): a store can switch formats without phantom changes.

Mapping (checked against the legacy consolidated.xml of 2024-05-06 on every shared uid):
* ``names/name``: the primary Latin translation's formatted last / first name; ``isPrimary`` -> primary,
  ``aliasType`` + ``isLowQuality`` -> a.k.a. / weak a.k.a. / f.k.a. / n.k.a.
* ``features``: Birthdate, Place of Birth, Nationality / Citizenship Country, Gender and the vessel
  features go to their fields; every other feature becomes an identifier of that type, as the legacy
  ``idList`` writes it. ``identityDocuments`` become identifiers; ``addresses`` addresses.
* Facts the legacy formats do not carry are NOT kept, on purpose (keeping them would make every switch
  between formats a change): non-Latin translations of names and addresses, relationships, legal
  authorities, sanctions types and list memberships, feature comments and reliabilities.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from lxml import etree
from lxml.etree import _Element

from tracker.errors import FormatChanged, ParseError
from tracker.records import Address, ListEntry, Name, NameKind, ParsedList
from tracker.sources.common import Budget, Warnings, read_bytes, syntax_error
from tracker.sources.ofac_canonical import fold
from tracker.sources.ofac_common import AKA_KINDS, ENTITY_TYPES, add_id, make_name, ofac_date

ROOT = "sanctionsData"

# Enhanced vessel features -> the legacy vesselInfo keys (ofac_common.VESSEL_DETAILS values); from the
# featureTypes table of the 2024-08-28 IRGC export.
VESSEL_FEATURES = {
    "Vessel Call Sign": "call_sign",
    "VESSEL TYPE": "vessel_type",
    "Vessel Flag": "vessel_flag",
    "Vessel Owner": "vessel_owner",
    "Vessel Tonnage": "tonnage",
    "Vessel Gross Registered Tonnage": "gross_registered_tonnage",
}
# Features that are fields of the entry rather than identifiers.
_FIELD_FEATURES = {
    "Birthdate": "birth_dates",
    "Place of Birth": "birth_places",
    "Nationality Country": "nationalities",
    "Citizenship Country": "citizenships",
}
_ADDRESS_PARTS = {
    "ADDRESS1": "address1",
    "ADDRESS2": "address2",
    "ADDRESS3": "address3",
    "CITY": "city",
    "STATE/PROVINCE": "region",
    "POSTAL CODE": "postal_code",
    "REGION": "area",
}
_ENTITY_CHILDREN = frozenset(
    {
        "generalInfo",
        "sanctionsLists",
        "sanctionsPrograms",
        "sanctionsTypes",
        "legalAuthorities",
        "names",
        "addresses",
        "features",
        "identityDocuments",
        "relationships",
    }
)


def is_enhanced(head: bytes) -> bool:
    """True when the first bytes of an XML file open an Enhanced XML ``sanctionsData`` root."""
    return b"<sanctionsData" in head


def parse_enhanced(path: Path) -> ParsedList:
    """Parse an Enhanced XML file (possibly gzipped). Raises ParseError / FormatChanged."""
    budget = Budget(path.name)
    return parse_enhanced_bytes(read_bytes(path, budget), path.name, budget)


def parse_enhanced_bytes(data: bytes, label: str, budget: Budget | None = None) -> ParsedList:
    """Parse the Enhanced XML in ``data`` (already counted into ``budget`` when one is given)."""
    warn = Warnings()
    entries: list[ListEntry] = []
    published: datetime | None = None
    programs: list[str] = []  # publicationInfo/filters/sanctionsPrograms: a program export
    events = etree.iterparse(
        (budget or Budget(label)).stream(data),
        events=("end",),
        tag=("{*}entity", "{*}dataAsOf", "{*}sanctionsProgram"),
        resolve_entities=False,
        no_network=True,
        huge_tree=True,
    )
    try:
        for _event, elem in events:
            if etree.QName(elem).localname == "dataAsOf":
                published = _data_as_of(elem.text, warn)
                continue
            if etree.QName(elem).localname == "sanctionsProgram":
                if _in_filters(elem) and elem.text:
                    programs.append(elem.text.strip())
                continue
            if etree.QName(elem.getparent()).localname != "entities":
                continue  # an <entity> inside another element is not a designation
            entries.append(_entry(elem, warn, label))
            elem.clear(keep_tail=False)
            while elem.getprevious() is not None:
                del elem.getparent()[0]
    except etree.XMLSyntaxError as exc:
        raise syntax_error(label, exc, data.count(b"\n") + 1) from exc
    root = events.root
    if root is None or etree.QName(root).localname != ROOT:
        found = etree.QName(root).localname if root is not None else "none"
        raise FormatChanged(f"{label}: root element is <{found}>, not the OFAC Enhanced <{ROOT}>")
    if root.find("{*}entities") is None:
        raise FormatChanged(f"{label}: no <entities> element in the Enhanced XML")
    if not entries:
        raise ParseError(f"{label}: no entities in the file")
    if published is None:
        warn.add("publicationInfo has no dataAsOf")
    if programs:
        warn.add(
            f"a program export ({', '.join(programs)}): only part of the list; stored as the whole list it "
            "would delist every other entry (the shrink guard stops that once the full list is stored)"
        )
    return ParsedList(
        entries=entries, published_at=published, warnings=warn.as_list(), format="ofac-enhanced"
    )


def _in_filters(elem: _Element) -> bool:
    """True for a sanctionsProgram of publicationInfo/filters (the export's program filter)."""
    parent = elem.getparent()
    grand = parent.getparent() if parent is not None else None
    return grand is not None and etree.QName(grand).localname == "filters"


def _data_as_of(text: str | None, warn: Warnings) -> datetime | None:
    """'2025-01-10T00:00:00' or '2024-05-24T15:59:26.4511801-04:00' (7 fraction digits) -> naive UTC."""
    value = (text or "").strip()
    head, dot, rest = value.partition(".")
    if dot:  # Python reads at most 6 fraction digits: cut the 7th, keep the offset
        digits = len(rest) - len(rest.lstrip("0123456789"))
        value = f"{head}.{rest[: min(digits, 6)]}{rest[digits:]}"
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        warn.add(f"publicationInfo: unreadable dataAsOf {text!r}")
        return None
    return stamp.astimezone(UTC).replace(tzinfo=None) if stamp.tzinfo else stamp


def _local(elem: _Element) -> str:
    tag = elem.tag
    return tag[tag.find("}") + 1 :] if isinstance(tag, str) else ""


# The legacy files are pure ASCII (0 non-ASCII bytes in sdn.xml 2024-05-07 and consolidated.xml
# 2024-05-06); the Enhanced XML writes typographic quotes ("Sana’a", "Manufacturer’s") where they write
# ASCII ones. Folded so the same value gives the same canonical form in every format.
_ASCII_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def _child_text(elem: _Element, name: str) -> str | None:
    for child in elem:
        if _local(child) == name:
            text = (child.text or "").strip().translate(_ASCII_QUOTES)
            return text or None
    return None


def _child(elem: _Element, name: str) -> _Element | None:
    for child in elem:
        if _local(child) == name:
            return child
    return None


def _entry(elem: _Element, warn: Warnings, label: str) -> ListEntry:
    uid = (elem.get("id") or "").strip()
    if not uid:
        raise FormatChanged(f"{label}: an entity has no id (line {elem.sourceline})")
    general = _child(elem, "generalInfo")
    type_text = _child_text(general, "entityType") if general is not None else None
    entity_type = ENTITY_TYPES.get((type_text or "").lower())
    if entity_type is None:
        raise FormatChanged(f"{label}: uid {uid}: unknown entityType {type_text!r}")
    entry = ListEntry(source_id=uid, entity_type=entity_type, names=[])
    for child in elem:
        name = _local(child)
        if name and name not in _ENTITY_CHILDREN:
            warn.add(f"entity: unknown element <{name}>")
    if general is not None:
        entry.remarks = _child_text(general, "remarks")
        title = _child_text(general, "title")
        if title:
            entry.titles.append(title)
    _linked_to(entry, elem)
    for program in elem.iterfind("{*}sanctionsPrograms/{*}sanctionsProgram"):
        if program.text and program.text.strip():
            entry.programs.append(program.text.strip())
    _names(entry, elem, warn)
    if not any(n.kind == NameKind.PRIMARY for n in entry.names):
        raise FormatChanged(f"{label}: uid {uid}: entity has no primary name")
    for feature in elem.iterfind("{*}features/{*}feature"):
        _feature(entry, feature, warn)
    for document in elem.iterfind("{*}identityDocuments/{*}identityDocument"):
        _document(entry, document, warn)
    for address in elem.iterfind("{*}addresses/{*}address"):
        _address(entry, address)
    return fold(entry)


def _linked_to(entry: ListEntry, elem: _Element) -> None:
    """The legacy files write relationships into the remarks, in relationship id order:
    'text; (Linked To: A; Linked To: B)'."""
    related: list[tuple[int, str]] = []
    for relationship in elem.iterfind("{*}relationships/{*}relationship"):
        name = _child_text(relationship, "relatedEntity")
        rel_id = relationship.get("id") or ""
        if name:
            related.append((int(rel_id) if rel_id.isdigit() else 0, name))
    if related:
        linked = "(" + "; ".join(f"Linked To: {name}" for _, name in sorted(related)) + ")"
        entry.remarks = f"{entry.remarks}; {linked}" if entry.remarks else linked


def _names(entry: ListEntry, elem: _Element, warn: Warnings) -> None:
    for name_elem in elem.iterfind("{*}names/{*}name"):
        if _child_text(name_elem, "isPrimary") == "true":
            kind, category = NameKind.PRIMARY, "strong"
        else:
            alias = (_child_text(name_elem, "aliasType") or "").lower()
            category = "weak" if _child_text(name_elem, "isLowQuality") == "true" else "strong"
            found = AKA_KINDS.get((alias, category))
            if found is None:
                warn.add(f"name: unknown aliasType {alias!r}, kept as a.k.a.")
                found = NameKind.WEAK_AKA if category == "weak" else NameKind.AKA
            kind = found
        latin = _latin_translation(name_elem)
        if latin is None:
            warn.add("name: no Latin translation, name skipped")
            continue
        name = _make_name(kind, latin, entry, weak=category == "weak" and kind != NameKind.PRIMARY)
        if name is not None:
            entry.names.append(name)


def _latin_translation(name_elem: _Element) -> _Element | None:
    """The primary translation in Latin script (the one the legacy formats publish)."""
    fallback = None
    for translation in name_elem.iterfind("{*}translations/{*}translation"):
        if _child_text(translation, "script") != "Latin":
            continue
        if _child_text(translation, "isPrimary") == "true":
            return translation
        fallback = fallback if fallback is not None else translation
    return fallback


def _make_name(kind: NameKind, translation: _Element, entry: ListEntry, weak: bool) -> Name | None:
    """Legacy parity: a weak (low-quality) alias is written whole into lastName ('AL-ZAHAR, Mahmoud')."""
    if weak:
        full = _child_text(translation, "formattedFullName")
        return make_name(kind, full, None, entry.entity_type) if full else None
    last = _child_text(translation, "formattedLastName")
    first = _child_text(translation, "formattedFirstName")
    if not last and not first:
        full = _child_text(translation, "formattedFullName")
        return make_name(kind, full, None, entry.entity_type) if full else None
    return make_name(kind, last, first, entry.entity_type)


def _feature(entry: ListEntry, feature: _Element, warn: Warnings) -> None:
    feature_type = _child_text(feature, "type") or ""
    value = _child_text(feature, "value")
    if not feature_type or not value:
        warn.add(f"feature {feature_type or '?'}: no value, skipped")
        return
    target = _FIELD_FEATURES.get(feature_type)
    if target == "birth_dates":
        entry.birth_dates.append(ofac_date(value))
    elif target is not None:
        getattr(entry, target).append(value)
    elif feature_type in VESSEL_FEATURES:
        entry.details[VESSEL_FEATURES[feature_type]] = value
    else:
        add_id(entry, feature_type, value)  # Gender, aircraft details and the rest, as the legacy idList


def _document(entry: ListEntry, document: _Element, warn: Warnings) -> None:
    doc_type = _child_text(document, "type") or ""
    number = _child_text(document, "documentNumber")
    if not doc_type or not number:
        warn.add("identityDocument without type or documentNumber skipped")
        return
    add_id(
        entry,
        doc_type,
        number,
        _child_text(document, "issuingCountry"),
        _enhanced_date(_child(document, "issueDate")),
        _enhanced_date(_child(document, "expirationDate")),
    )


_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _enhanced_date(elem: _Element | None) -> str | None:
    """A date period as the legacy text ('27 Oct 2008', 'Oct 2008', '2008'), which add_id turns into the
    same ISO form as the legacy file: a whole year or month period is written as that year or month."""
    if elem is None:
        return None
    begin, end = _child_text(elem, "fromDateBegin"), _child_text(elem, "toDateEnd")
    if not begin:
        return None
    year, month, day = begin[:4], int(begin[5:7]), int(begin[8:10])
    if end and end != begin:
        if end[5:] == "12-31" and begin[5:] == "01-01" and end[:4] == year:
            return year
        if end[:7] == begin[:7] and day == 1:
            return f"{_MONTH_NAMES[month - 1]} {year}"
    return f"{day:02d} {_MONTH_NAMES[month - 1]} {year}"


def _address(entry: ListEntry, elem: _Element) -> None:
    parts: dict[str, str] = {}
    translation = _latin_translation(elem)
    if translation is not None:
        for part in translation.iterfind("{*}addressParts/{*}addressPart"):
            key = _ADDRESS_PARTS.get(_child_text(part, "type") or "")
            value = _child_text(part, "value")
            if key and value:
                parts[key] = value
    lines = [parts[k] for k in ("address1", "address2", "address3") if k in parts]
    area, country = parts.get("area"), _child_text(elem, "country")
    if area and not country:  # the legacy files write a region without a country as "Region: Gaza"
        country, area = f"Region: {area}", None
    address = Address(
        street=", ".join(lines) or None,
        city=parts.get("city"),
        region=parts.get("region"),
        postal_code=parts.get("postal_code"),
        country=country,
        note=f"region: {area}" if area else None,
    )
    if address.canonical():
        entry.addresses.append(address)


__all__ = ["is_enhanced", "parse_enhanced", "parse_enhanced_bytes"]
