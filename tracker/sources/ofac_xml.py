"""OFAC legacy XML (``sdn.xml``, ``consolidated.xml``): one ``sdnEntry`` per designation.

The namespace changed over the years (``http://tempuri.org/sdnList.xsd`` until ~2020, the Sanctions
List Service URL since), so every element is matched on its local name.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from lxml import etree
from lxml.etree import _Element

from tracker.errors import FormatChanged, ParseError
from tracker.records import Address, ListEntry, NameKind, ParsedList
from tracker.sources.common import (
    Budget,
    Warnings,
    check_xml_head,
    free_element,
    local_name,
    read_bytes,
    syntax_error,
)
from tracker.sources.ofac_canonical import fold
from tracker.sources.ofac_common import (
    AKA_KINDS,
    ENTITY_TYPES,
    VESSEL_DETAILS,
    add_id,
    make_name,
    ofac_date,
)


def parse_xml(path: Path) -> ParsedList:
    """Parse an OFAC legacy XML file (possibly gzipped)."""
    # Reading it whole (21 MB) is faster than streaming through GzipFile, and small enough.
    budget = Budget(path.name)
    return parse_xml_bytes(read_bytes(path, budget), path.name, budget)


def parse_xml_bytes(data: bytes, label: str, budget: Budget | None = None) -> ParsedList:
    """Parse the legacy XML in ``data`` (already counted into ``budget`` when one is given)."""
    check_xml_head(data[:4096], label, "the OFAC XML")
    state = _State(label)
    events = etree.iterparse(
        (budget or Budget(label)).stream(data),
        events=("start", "end"),
        tag=("{*}sdnList", "{*}sdnEntry", "{*}publshInformation"),
        resolve_entities=False,
        no_network=True,
        huge_tree=True,
    )
    try:
        for event, elem in events:
            state.handle(event, elem)
    except etree.XMLSyntaxError as exc:
        raise syntax_error(label, exc, data.count(b"\n") + 1) from exc
    return state.finish(events.root)


def _text(elem: _Element) -> str | None:
    text = elem.text
    if text is None:
        return None
    text = text.strip()
    return text or None


class _State:
    """Iterparse state: the root seen, the header, the entries so far."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.root_seen = False
        self.published_at: datetime | None = None
        self.record_count: int | None = None
        self.entries: list[ListEntry] = []
        self.warnings = Warnings()

    def handle(self, event: str, elem: _Element) -> None:
        name = local_name(elem.tag)
        if event == "start":
            if name == "sdnList" and elem.getparent() is None:
                self.root_seen = True
            return
        if name == "sdnEntry":
            if not self.root_seen:
                raise FormatChanged(f"{self.label}: sdnEntry outside an <sdnList> root")
            self.entries.append(_entry(elem, self.warnings, self.label))
            free_element(elem)
        elif name == "publshInformation":
            self._header(elem)
            free_element(elem)

    def _header(self, elem: _Element) -> None:
        for child in elem:
            name = local_name(child.tag)
            value = _text(child)
            if name == "Publish_Date" and value:
                try:
                    self.published_at = datetime.strptime(value, "%m/%d/%Y")
                except ValueError:
                    self.warnings.add(f"publshInformation: unreadable Publish_Date {value!r}")
            elif name == "Record_Count" and value:
                if not value.isdigit():
                    raise FormatChanged(f"{self.label}: Record_Count is not a number: {value!r}")
                self.record_count = int(value)
            elif name:
                self.warnings.add(f"publshInformation: unknown element <{name}>")

    def finish(self, root: _Element | None) -> ParsedList:
        if root is None or local_name(root.tag) != "sdnList":
            found = local_name(root.tag) if root is not None else "none"
            raise FormatChanged(f"{self.label}: root element is <{found}>, not the OFAC <sdnList>")
        if self.record_count is not None and self.record_count != len(self.entries):
            raise ParseError(
                f"{self.label}: Record_Count says {self.record_count} entries but the file has "
                f"{len(self.entries)} (incomplete file?)"
            )
        if self.record_count is None:
            self.warnings.add("publshInformation: no Record_Count, entry count not verified")
        return ParsedList(
            entries=self.entries,
            published_at=self.published_at,
            warnings=self.warnings.as_list(),
            format="ofac-xml",
        )


# ---------------------------------------------------------------------------------------------------
# one sdnEntry


def _entry(elem: _Element, warn: Warnings, label: str) -> ListEntry:
    fields: dict[str, str] = {}
    lists: list[tuple[str, _Element]] = []
    for child in elem:
        name = local_name(child.tag)
        if not name:
            continue
        if name in _SCALARS:
            value = _text(child)
            if value is not None:
                fields[name] = value
        elif name in _LIST_HANDLERS:
            lists.append((name, child))
        else:
            warn.add(f"sdnEntry: unknown element <{name}>")
    uid = fields.get("uid")
    if not uid:
        raise FormatChanged(f"{label}: an sdnEntry has no <uid> (line {elem.sourceline})")
    sdn_type = fields.get("sdnType", "")
    entity_type = ENTITY_TYPES.get(sdn_type.lower())
    if entity_type is None:
        raise FormatChanged(f"{label}: uid {uid}: unknown sdnType {sdn_type!r}")
    entry = ListEntry(source_id=uid, entity_type=entity_type, names=[])
    primary = make_name(NameKind.PRIMARY, fields.get("lastName"), fields.get("firstName"), entity_type)
    if primary is None:
        raise FormatChanged(f"{label}: uid {uid}: entry has no name")
    entry.names.append(primary)
    if "title" in fields:
        entry.titles.append(fields["title"])
    entry.remarks = fields.get("remarks")
    for name, child in lists:
        _LIST_HANDLERS[name](entry, child, warn)
    return fold(entry)


_SCALARS = frozenset({"uid", "firstName", "lastName", "title", "sdnType", "remarks"})


def _items(parent: _Element, item_name: str, warn: Warnings) -> list[dict[str, str]]:
    """Children named ``item_name`` as {local name: text}; anything else is warned about."""
    out: list[dict[str, str]] = []
    for item in parent:
        tag = item.tag
        if local_name(tag) != item_name:
            if isinstance(tag, str):
                warn.add(f"{local_name(parent.tag)}: unknown element <{local_name(tag)}>")
            continue
        values: dict[str, str] = {}
        for field in item:
            text = field.text
            if text is not None:
                text = text.strip()
                tag = field.tag
                field_name = local_name(tag)
                if text and field_name:
                    values[field_name] = text
        out.append(values)
    return out


def _check_fields(values: dict[str, str], known: frozenset[str], where: str, warn: Warnings) -> None:
    if values.keys() <= known:
        return
    for key in values.keys() - known:
        warn.add(f"{where}: unknown element <{key}>")


def _programs(entry: ListEntry, elem: _Element, warn: Warnings) -> None:
    for child in elem:
        name = local_name(child.tag)
        if name == "program":
            value = _text(child)
            if value:
                entry.programs.append(value)
        elif name:
            warn.add(f"programList: unknown element <{name}>")


_ID_FIELDS = frozenset({"uid", "idType", "idNumber", "idCountry", "issueDate", "expirationDate"})


def _ids(entry: ListEntry, elem: _Element, warn: Warnings) -> None:
    for values in _items(elem, "id", warn):
        _check_fields(values, _ID_FIELDS, "id", warn)
        id_type, number = values.get("idType"), values.get("idNumber")
        if not id_type or not number:
            warn.add("id: item without idType or idNumber skipped")
            continue
        add_id(
            entry,
            id_type,
            number,
            values.get("idCountry"),
            values.get("issueDate"),
            values.get("expirationDate"),
        )


_AKA_FIELDS = frozenset({"uid", "type", "category", "lastName", "firstName"})


def _akas(entry: ListEntry, elem: _Element, warn: Warnings) -> None:
    for values in _items(elem, "aka", warn):
        _check_fields(values, _AKA_FIELDS, "aka", warn)
        aka_type, category = values.get("type", ""), values.get("category", "")
        kind = AKA_KINDS.get((aka_type, category))
        if kind is None:
            warn.add(f"aka: unknown type/category {aka_type!r}/{category!r}, kept as a.k.a.")
            kind = NameKind.WEAK_AKA if category == "weak" else NameKind.AKA
        name = make_name(kind, values.get("lastName"), values.get("firstName"), entry.entity_type)
        if name is not None:
            entry.names.append(name)


_ADDRESS_FIELDS = frozenset(
    {"uid", "address1", "address2", "address3", "city", "stateOrProvince", "postalCode", "country", "region"}
)


def _addresses(entry: ListEntry, elem: _Element, warn: Warnings) -> None:
    for values in _items(elem, "address", warn):
        _check_fields(values, _ADDRESS_FIELDS, "address", warn)
        lines = [values[k] for k in ("address1", "address2", "address3") if k in values]
        region = values.get("region")
        address = Address(
            street=", ".join(lines) or None,
            city=values.get("city"),
            region=values.get("stateOrProvince"),
            postal_code=values.get("postalCode"),
            country=values.get("country"),
            note=f"region: {region}" if region else None,
        )
        if address.canonical():
            entry.addresses.append(address)


def _country_list(item_name: str, target: str) -> Callable[[ListEntry, _Element, Warnings], None]:
    known = frozenset({"uid", "country", "mainEntry"})

    def handle(entry: ListEntry, elem: _Element, warn: Warnings) -> None:
        for values in _items(elem, item_name, warn):
            _check_fields(values, known, item_name, warn)
            if "country" in values:
                getattr(entry, target).append(values["country"])

    return handle


def _birth_dates(entry: ListEntry, elem: _Element, warn: Warnings) -> None:
    known = frozenset({"uid", "dateOfBirth", "mainEntry"})
    for values in _items(elem, "dateOfBirthItem", warn):
        _check_fields(values, known, "dateOfBirthItem", warn)
        if "dateOfBirth" in values:
            entry.birth_dates.append(ofac_date(values["dateOfBirth"]))


def _birth_places(entry: ListEntry, elem: _Element, warn: Warnings) -> None:
    known = frozenset({"uid", "placeOfBirth", "mainEntry"})
    for values in _items(elem, "placeOfBirthItem", warn):
        _check_fields(values, known, "placeOfBirthItem", warn)
        if "placeOfBirth" in values:
            entry.birth_places.append(values["placeOfBirth"])


def _vessel(entry: ListEntry, elem: _Element, warn: Warnings) -> None:
    for child in elem:
        name = local_name(child.tag)
        if not name:
            continue
        key = VESSEL_DETAILS.get(name)
        if key is None:
            warn.add(f"vesselInfo: unknown element <{name}>")
            continue
        value = _text(child)
        if value is not None:
            entry.details[key] = value


_LIST_HANDLERS: dict[str, Callable[[ListEntry, _Element, Warnings], None]] = {
    "programList": _programs,
    "idList": _ids,
    "akaList": _akas,
    "addressList": _addresses,
    "nationalityList": _country_list("nationality", "nationalities"),
    "citizenshipList": _country_list("citizenship", "citizenships"),
    "dateOfBirthList": _birth_dates,
    "placeOfBirthList": _birth_places,
    "vesselInfo": _vessel,
}

__all__ = ["parse_xml", "parse_xml_bytes"]
