"""FollowTheMoney (FtM) JSON lines: OpenSanctions ``entities.ftm.json``, its ``entities.delta.json``
versions, and ``tracker export --format ftm`` files.

Input: one ``.json`` file of entities, one delta file, or a folder holding an optional base
``entities.ftm.json`` plus version folders ``<version>/entities.delta.json``. Delta lines
``{"op": "ADD"|"MOD"|"DEL", "entity": {...}}`` are applied in version order (version ids start with a
UTC time stamp, so name order is time order); ADD and MOD replace the whole entity, DEL drops it. The
newest version's time stamp is the publication time.

Targets (Person, Organization, Company, LegalEntity, PublicBody, Vessel, Airplane) become entries;
Sanction, Address and Identification/Passport entities are folded into the entry they point at
(programs and listing date; addresses; identifiers). Any other schema is counted in a warning.
The mapping is the inverse of ``tracker.export.ftm`` (same property names), so an exported list
imports back with every name, date and identifier.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from tracker.errors import FormatChanged, ParseError
from tracker.names.scripts import detect_script
from tracker.records import Address, EntityType, Identifier, ListEntry, Name, NameKind, ParsedList
from tracker.sources.base import SourceSpec
from tracker.sources.common import Warnings, find_member, open_binary

TARGET_TYPES = {
    "Person": EntityType.INDIVIDUAL,
    "Organization": EntityType.ENTITY,
    "Company": EntityType.ENTITY,
    "LegalEntity": EntityType.ENTITY,
    "PublicBody": EntityType.ENTITY,
    "Vessel": EntityType.VESSEL,
    "Airplane": EntityType.AIRCRAFT,
}
NAME_KINDS = {"alias": NameKind.AKA, "weakAlias": NameKind.WEAK_AKA, "previousName": NameKind.FKA}
# FtM identifier properties of targets -> identifier type (OpenSanctions data; our export uses
# Identification entities instead, which keep the list's own type text).
ID_PROPERTIES = {
    "registrationNumber": "Registration Number",
    "taxNumber": "Tax Number",
    "innCode": "INN",
    "ogrnCode": "OGRN",
    "leiCode": "LEI",
    "swiftBic": "SWIFT/BIC",
    "imoNumber": "IMO",
    "mmsi": "MMSI",
    "idNumber": "National ID",
    "passportNumber": "Passport",
    "registrationNumberAircraft": "Registration Number",
}
# Our export writes list dates that are not ISO dates (FtM would drop them) as notes with this prefix.
TEXT_DATE_NOTE = "Date of birth as listed: "
_VERSION_STAMP = re.compile(r"^(\d{14})")


def parse(path: Path) -> ParsedList:
    """Parse FtM JSON lines (file or folder, see the module doc). Raises ParseError / FormatChanged."""
    warn = Warnings()
    entities: dict[str, dict[str, Any]] = {}
    published: datetime | None = None
    if path.is_dir():
        base = find_member(path, "entities.ftm.json")
        if base is not None:
            _apply(entities, _lines(base), warn, base.name)
        versions = sorted(p for p in path.iterdir() if p.is_dir() and find_member(p, "entities.delta.json"))
        if base is None and not versions:
            raise ParseError(
                f"{path}: folder holds no entities.ftm.json and no <version>/entities.delta.json"
            )
        for version in versions:
            delta = find_member(version, "entities.delta.json")
            assert delta is not None
            _apply(entities, _lines(delta), warn, f"{version.name}/{delta.name}")
            published = _version_time(version.name) or published
    else:
        _apply(entities, _lines(path), warn, path.name)
    entries = _entries(entities, warn)
    if not entries:
        raise ParseError(f"{path.name}: no target entities (Person, Organization, Vessel, ...) in the data")
    return ParsedList(entries=entries, published_at=published, warnings=warn.as_list(), format="ftm-json")


def _lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with open_binary(path) as fh:
        try:
            head = fh.peek(64)[:64] if hasattr(fh, "peek") else b""
            if head.lstrip().lower().startswith((b"<!doctype", b"<html")):
                raise ParseError(f"{path.name}: got an HTML page, not FtM JSON lines")
            for number, raw in enumerate(fh, start=1):
                if not raw.strip():
                    continue
                try:
                    data = json.loads(raw)
                except ValueError as exc:
                    raise ParseError(
                        f"{path.name}: line {number} is not JSON (file cut off or not FtM JSON lines: {exc})"
                    ) from exc
                if not isinstance(data, dict):
                    raise FormatChanged(f"{path.name}: line {number} is not a JSON object")
                yield number, data
        except (EOFError, OSError) as exc:
            raise ParseError(f"{path.name}: compressed file is truncated or corrupt ({exc})") from exc


def _apply(
    entities: dict[str, dict[str, Any]],
    lines: Iterator[tuple[int, dict[str, Any]]],
    warn: Warnings,
    label: str,
) -> None:
    for number, data in lines:
        op = data.get("op")
        entity = data.get("entity") if op is not None else data
        if not isinstance(entity, dict) or not entity.get("id"):
            raise FormatChanged(f"{label}: line {number} has no entity id")
        if op is None or op in ("ADD", "MOD"):
            if "schema" not in entity:
                raise FormatChanged(f"{label}: line {number}: entity {entity['id']} has no schema")
            entities[entity["id"]] = entity
        elif op == "DEL":
            if entities.pop(entity["id"], None) is None:
                warn.add(f"{label}: DEL of an entity not present ({entity['id']})")
        else:
            raise FormatChanged(f"{label}: line {number}: unknown delta op {op!r}")


def _version_time(version: str) -> datetime | None:
    found = _VERSION_STAMP.match(version)
    return datetime.strptime(found.group(1), "%Y%m%d%H%M%S") if found else None


def _entries(entities: dict[str, dict[str, Any]], warn: Warnings) -> list[ListEntry]:
    entries: dict[str, ListEntry] = {}
    for entity_id, entity in entities.items():
        entity_type = TARGET_TYPES.get(entity["schema"])
        if entity_type is not None:
            entries[entity_id] = _target(entity, entity_type)
    for entity in entities.values():
        schema = entity["schema"]
        if schema in TARGET_TYPES:
            continue
        props = entity.get("properties", {})
        if schema == "Sanction":
            for target in props.get("entity", []):
                if target in entries:
                    _sanction(entries[target], props)
        elif schema in ("Identification", "Passport"):
            for target in props.get("holder", []):
                if target in entries:
                    entries[target].identifiers.append(_identification(props, schema))
        elif schema != "Address":
            warn.add(f"{schema} entities not read")
    for entry_id, entry in entries.items():
        for address_id in entities[entry_id].get("properties", {}).get("addressEntity", []):
            address = entities.get(address_id)
            if address is not None and address["schema"] == "Address":
                entry.addresses.append(_address(address.get("properties", {})))
    return list(entries.values())


def _first(props: dict[str, list[str]], key: str) -> str | None:
    values = props.get(key) or []
    return values[0] if values else None


def _target(entity: dict[str, Any], entity_type: EntityType) -> ListEntry:
    props: dict[str, list[str]] = entity.get("properties", {})
    names = props.get("name", [])
    caption = entity.get("caption")
    primary = caption if caption in names else (names[0] if names else caption or entity["id"])
    entry = ListEntry(source_id=entity["id"], entity_type=entity_type, names=[])
    person = entity_type == EntityType.INDIVIDUAL
    first, last = _first(props, "firstName"), _first(props, "lastName")
    single_parts = person and len(props.get("firstName", [])) <= 1 and len(props.get("lastName", [])) <= 1
    entry.names.append(
        Name(
            full=primary,
            kind=NameKind.PRIMARY,
            first=first if single_parts else None,
            middle=_first(props, "middleName") if single_parts else None,
            last=last if single_parts else None,
            script=detect_script(primary),
        )
    )
    for name in names:
        if name != primary:
            entry.names.append(Name(full=name, kind=NameKind.AKA, script=detect_script(name)))
    for prop, kind in NAME_KINDS.items():
        entry.names += [Name(full=n, kind=kind, script=detect_script(n)) for n in props.get(prop, [])]
    notes = [n for n in props.get("notes", []) if not n.startswith(TEXT_DATE_NOTE)]
    entry.birth_dates = list(props.get("birthDate", [])) + [
        n.removeprefix(TEXT_DATE_NOTE) for n in props.get("notes", []) if n.startswith(TEXT_DATE_NOTE)
    ]
    entry.birth_places = list(props.get("birthPlace", []))
    entry.nationalities = list(props.get("nationality", []))
    entry.citizenships = list(props.get("citizenship", []))
    entry.gender = _first(props, "gender")
    entry.titles = list(props.get("title", []))
    entry.positions = list(props.get("position", []))
    entry.remarks = "\n".join(notes) or None
    for prop, id_type in ID_PROPERTIES.items():
        entry.identifiers += [Identifier(type=id_type, number=v) for v in props.get(prop, [])]
    for prop in ("country", "jurisdiction", "topics", "flag", "model", "buildDate", "callSign"):
        if props.get(prop):
            entry.details[prop] = "; ".join(props[prop])
    return entry


def _sanction(entry: ListEntry, props: dict[str, list[str]]) -> None:
    for program in props.get("program", []):
        if program not in entry.programs:
            entry.programs.append(program)
    listed = _first(props, "listingDate") or _first(props, "startDate")
    if listed and (entry.listed_on is None or listed < entry.listed_on):
        entry.listed_on = listed


def _identification(props: dict[str, list[str]], schema: str) -> Identifier:
    return Identifier(
        type=_first(props, "type") or schema,
        number=_first(props, "number") or "",
        country=_first(props, "country"),
        issued=_first(props, "startDate"),
        expires=_first(props, "endDate"),
        note=_first(props, "summary"),
    )


def _address(props: dict[str, list[str]]) -> Address:
    parts = {
        "street": _first(props, "street"),
        "city": _first(props, "city"),
        "region": _first(props, "region"),
        "postal_code": _first(props, "postalCode"),
        "country": _first(props, "country"),
        "note": _first(props, "summary"),
    }
    if not any(parts.values()):
        parts["note"] = _first(props, "full")
    return Address(**parts)


FTM = SourceSpec(
    name="os_ftm",
    title="FollowTheMoney entities (OpenSanctions entities.ftm.json, deltas, tracker exports)",
    publisher="OpenSanctions (or the file's own publisher)",
    parse=parse,
    default_url=None,
    live=False,
    file_suffix=".json",
    format="FtM JSON lines: entities.ftm.json, <version>/entities.delta.json, tracker exports",
    licence="CC BY-NC 4.0 for OpenSanctions data; a tracker export keeps its list's terms",
    url_note="a format, not one list: give the dataset's entities.ftm.json address",
)
