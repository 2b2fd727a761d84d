"""FollowTheMoney (FtM) JSON lines: OpenSanctions ``entities.ftm.json``, its ``entities.delta.json``
versions, and ``tracker export --format ftm`` files.

Input: one ``.json`` file of entities, or a dataset folder holding an optional base
``entities.ftm.json`` plus version folders ``<version>/entities.delta.json``. Delta lines
``{"op": "ADD"|"MOD"|"DEL", "entity": {...}}`` are applied in version order (version ids start with a
UTC time stamp, so name order is time order); ADD and MOD replace the whole entity, DEL drops it. The
newest version's time stamp is the publication time. A version folder, or the delta file inside one,
reads as the dataset at that version (the base and every version up to it): importing the version
folders one by one gives a snapshot per version. A delta file alone, with MOD or DEL ops and no earlier
version beside it, is refused: its ops change a list that is not there, and reading it as the whole
list would delist everything it does not mention.

Targets (Person, Organization, Company, LegalEntity, PublicBody, Vessel, Airplane) become entries;
Sanction, Address and Identification/Passport entities are folded into the entry they point at
(programs and listing date; addresses; identifiers). Any other schema is counted in a warning.
The mapping (tracker.sources.ftm_model) is the inverse of tracker.export.ftm, labelled note lines
included, so an exported list imports back with every name, date and identifier.

Streamed: each line is turned into its compact record (an entry, or the facts of a Sanction,
Identification or Address) as it is read, and the JSON is dropped; the references are resolved at the
end. Memory grows with the entries, not with the file.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from tracker.errors import FormatChanged, ParseError
from tracker.names.scripts import detect_script
from tracker.records import Address, EntityType, Identifier, ListEntry, Name, NameKind, ParsedList
from tracker.sources import ftm_model as fm
from tracker.sources.base import SourceSpec
from tracker.sources.common import Warnings, find_member, open_binary

TARGET_TYPES = fm.TARGET_TYPES
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
# Scalar FtM facts of OpenSanctions targets kept as details (our export writes details as notes).
DETAIL_PROPERTIES = ("country", "jurisdiction", "topics", "flag", "model", "buildDate", "callSign")
_VERSION_STAMP = re.compile(r"^(\d{14})")


@dataclass(slots=True)
class _Target:
    entry: ListEntry
    address_ids: list[str]


@dataclass(slots=True)
class _Sanction:
    targets: list[str]
    programs: list[str]
    listed: str | None


@dataclass(slots=True)
class _Held:
    """An identity document, or an address, and the entities it belongs to (None: the target
    names the address in its own addressEntity)."""

    holders: list[str]
    identifier: Identifier | None = None
    address: Address | None = None


@dataclass(slots=True)
class _State:
    """Every entity seen so far, by id, in its compact form."""

    targets: dict[str, _Target] = field(default_factory=dict)
    sanctions: dict[str, _Sanction] = field(default_factory=dict)
    held: dict[str, _Held] = field(default_factory=dict)
    other: dict[str, str] = field(default_factory=dict)  # id -> schema, for the warning

    def drop(self, entity_id: str) -> bool:
        found = False
        for table in (self.targets, self.sanctions, self.held, self.other):
            found = table.pop(entity_id, None) is not None or found
        return found


def parse(path: Path) -> ParsedList:
    """Parse FtM JSON lines (file or folder, see the module doc). Raises ParseError / FormatChanged."""
    warn = Warnings()
    state = _State()
    published: datetime | None = None
    root, upto = _dataset(path)
    if root is not None:
        base = find_member(root, "entities.ftm.json")
        if base is not None:
            _apply(state, _lines(base), warn, base.name)
        versions = sorted(
            p
            for p in root.iterdir()
            if p.is_dir() and find_member(p, _DELTA) and (upto is None or p.name <= upto)
        )
        if base is None and not versions:
            raise ParseError(f"{path.name}: folder holds no entities.ftm.json and no <version>/{_DELTA}")
        for version in versions:
            delta = find_member(version, _DELTA)
            assert delta is not None
            changes = _apply(state, _lines(delta), warn, f"{version.name}/{delta.name}")
            if base is None and version == versions[0] and changes:
                _refuse_lone_delta(delta, changes)
            published = _version_time(version.name) or published
    else:
        changes = _apply(state, _lines(path), warn, path.name)
        if changes:
            _refuse_lone_delta(path, changes)
    entries = _resolve(state, warn)
    if not entries:
        raise ParseError(f"{path.name}: no target entities (Person, Organization, Vessel, ...) in the data")
    return ParsedList(entries=entries, published_at=published, warnings=warn.as_list(), format="ftm-json")


_DELTA = "entities.delta.json"


def _dataset(path: Path) -> tuple[Path | None, str | None]:
    """(dataset folder, newest version to apply or None for all) of a dataset folder, a version folder
    or a version's delta file; (None, None) for a file read on its own."""
    if path.is_dir():
        return (path.parent, path.name) if find_member(path, _DELTA) else (path, None)
    if path.name.lower() in (_DELTA, _DELTA + ".gz") and _VERSION_STAMP.match(path.parent.name):
        return path.parent.parent, path.parent.name
    return None, None


def _refuse_lone_delta(path: Path, changes: Counter[str]) -> None:
    ops = " and ".join(f"{changes[op]} {op}" for op in ("MOD", "DEL") if changes[op])
    raise ParseError(
        f"{path.name}: a delta with {ops} ops and no earlier version beside it; import the dataset "
        f"folder (entities.ftm.json + <version>/{_DELTA}) or a version folder inside it"
    )


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
    state: _State, lines: Iterator[tuple[int, dict[str, Any]]], warn: Warnings, label: str
) -> Counter[str]:
    """Apply entities or delta ops; returns how many MOD and DEL ops changed entities not in this file
    (a MOD or DEL of an entity read earlier in the same file is its own business)."""
    changes: Counter[str] = Counter()
    seen: set[str] = set()
    for number, data in lines:
        op = data.get("op")
        entity = data.get("entity") if op is not None else data
        if not isinstance(entity, dict) or not entity.get("id"):
            raise FormatChanged(f"{label}: line {number} has no entity id")
        entity_id = str(entity["id"])
        if op is None or op in ("ADD", "MOD"):
            if "schema" not in entity:
                raise FormatChanged(f"{label}: line {number}: entity {entity_id} has no schema")
            props = entity.get("properties") or {}
            if not isinstance(props, dict):
                raise FormatChanged(
                    f"{label}: line {number}: entity {entity_id} properties are not an object"
                )
            if op == "MOD" and entity_id not in seen:
                changes["MOD"] += 1
            seen.add(entity_id)
            state.drop(entity_id)
            _keep(state, entity_id, str(entity["schema"]), entity.get("caption"), props)
        elif op == "DEL":
            if entity_id not in seen:
                changes["DEL"] += 1
            if not state.drop(entity_id):
                warn.add(f"{label}: DEL of an entity not present ({entity_id})")
        else:
            raise FormatChanged(f"{label}: line {number}: unknown delta op {op!r}")
    return changes


def _keep(state: _State, entity_id: str, schema: str, caption: Any, props: dict[str, list[str]]) -> None:
    """The compact record of one entity (its JSON is not kept)."""
    entity_type = TARGET_TYPES.get(schema)
    if entity_type is not None:
        entry = _target(entity_id, entity_type, caption, props)
        state.targets[entity_id] = _Target(entry, list(props.get("addressEntity", [])))
    elif schema == "Sanction":
        listed = _first(props, "listingDate") or _first(props, "startDate")
        programs = list(props.get("program", []))
        for note in props.get("summary", []):
            labelled = fm.split_labelled(note)
            if labelled and labelled[0] == fm.LISTED_ON:
                listed = labelled[1]
            elif labelled and labelled[0] == fm.PROGRAM:
                programs.append(labelled[1])
        state.sanctions[entity_id] = _Sanction(list(props.get("entity", [])), programs, listed)
    elif schema in ("Identification", "Passport"):
        state.held[entity_id] = _Held(
            list(props.get("holder", [])), identifier=_identification(props, schema)
        )
    elif schema == "Address":
        state.held[entity_id] = _Held([], address=_address(props))
    else:
        state.other[entity_id] = schema


def _version_time(version: str) -> datetime | None:
    found = _VERSION_STAMP.match(version)
    return datetime.strptime(found.group(1), "%Y%m%d%H%M%S") if found else None


def _resolve(state: _State, warn: Warnings) -> list[ListEntry]:
    """Fold Sanctions, Identifications and Addresses into their targets (in the order they came)."""
    targets = state.targets
    for sanction in state.sanctions.values():
        for target_id in sanction.targets:
            if target_id in targets:
                _sanction(targets[target_id].entry, sanction)
    for held in state.held.values():
        if held.identifier is not None:
            for holder in held.holders:
                if holder in targets:
                    targets[holder].entry.identifiers.append(held.identifier)
    for target in targets.values():
        for address_id in target.address_ids:
            found = state.held.get(address_id)
            if found is not None and found.address is not None:
                target.entry.addresses.append(found.address)
    for schema, count in Counter(state.other.values()).items():
        for _ in range(count):
            warn.add(f"{schema} entities not read")
    return [t.entry for t in targets.values()]


def _texts(props: dict[str, list[str]], key: str) -> list[str]:
    """The non-blank values of a name property (a real OpenSanctions entity has name [""])."""
    return [v for v in props.get(key, []) if isinstance(v, str) and v.strip()]


def _first(props: dict[str, list[str]], key: str) -> str | None:
    values = props.get(key) or []
    return values[0] if values else None


def _target(entity_id: str, entity_type: EntityType, caption: Any, props: dict[str, list[str]]) -> ListEntry:
    names = _texts(props, "name")
    caption = caption if isinstance(caption, str) and caption.strip() else None
    primary = caption if caption in names else (names[0] if names else caption or entity_id)
    entry = ListEntry(source_id=entity_id, entity_type=entity_type, names=[])
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
    for prop, kind in fm.NAME_KINDS.items():
        entry.names += [Name(full=n, kind=kind, script=detect_script(n)) for n in _texts(props, prop)]
    entry.birth_dates = list(props.get("birthDate", []))
    entry.birth_places = list(props.get("birthPlace", []))
    entry.nationalities = list(props.get("nationality", []))
    entry.citizenships = list(props.get("citizenship", []))
    entry.gender = _first(props, "gender")
    entry.titles = list(props.get("title", []))
    entry.positions = list(props.get("position", []))
    for prop, id_type in ID_PROPERTIES.items():
        entry.identifiers += [Identifier(type=id_type, number=v) for v in props.get(prop, [])]
    for prop in DETAIL_PROPERTIES:
        if props.get(prop):
            entry.details[prop] = "; ".join(props[prop])
    remarks = [note for note in props.get("notes", []) if not _labelled_fact(entry, note)]
    entry.remarks = "\n".join(remarks) or None
    return entry


def _labelled_fact(entry: ListEntry, note: str) -> bool:
    """Put a labelled note line back where the export took it from; False for any other note."""
    labelled = fm.split_labelled(note)
    if labelled is None:
        return False
    label, text = labelled
    lists = {
        fm.BIRTH_DATE: entry.birth_dates,
        fm.BIRTH_PLACE: entry.birth_places,
        fm.NATIONALITY: entry.nationalities,
        fm.CITIZENSHIP: entry.citizenships,
        fm.TITLE: entry.titles,
        fm.POSITION: entry.positions,
    }
    if label in lists:
        lists[label].append(text)
    elif label == fm.GENDER:
        entry.gender = text
    elif label == fm.DETAIL and ": " in text:
        key, value = text.split(": ", 1)
        entry.details[key] = value
    elif label == fm.IDENTIFIER:
        identifier = _identifier_json(text)
        if identifier is None:
            return False
        entry.identifiers.append(identifier)
    else:
        return False
    return True


def _identifier_json(text: str) -> Identifier | None:
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        return None
    known = {k: v for k, v in data.items() if k in Identifier.__dataclass_fields__}
    return Identifier(**{"type": "", "number": "", **known})


def _sanction(entry: ListEntry, sanction: _Sanction) -> None:
    for program in sanction.programs:
        if program not in entry.programs:
            entry.programs.append(program)
    listed = sanction.listed
    if listed and (entry.listed_on is None or listed < entry.listed_on):
        entry.listed_on = listed


def _identification(props: dict[str, list[str]], schema: str) -> Identifier:
    identifier = Identifier(
        type=_first(props, "type") or schema,
        number=_first(props, "number") or "",
        country=_first(props, "country"),
        issued=_first(props, "startDate"),
        expires=_first(props, "endDate"),
        note=_first(props, "summary"),
    )
    for line in props.get("description", []):
        labelled = fm.split_labelled(line)
        if labelled is None:
            continue
        label, text = labelled
        if label == fm.COUNTRY:
            identifier.country = text
        elif label == fm.ISSUED:
            identifier.issued = text
        elif label == fm.EXPIRES:
            identifier.expires = text
    return identifier


def _address(props: dict[str, list[str]]) -> Address:
    parts = {
        "street": _first(props, "street"),
        "city": _first(props, "city"),
        "region": _first(props, "region"),
        "postal_code": _first(props, "postalCode"),
        "country": _first(props, "country"),
        "note": _first(props, "summary"),
    }
    for remark in props.get("remarks", []):
        labelled = fm.split_labelled(remark)
        if labelled is not None and labelled[0] == fm.COUNTRY:
            parts["country"] = labelled[1]
    if not any(parts.values()):
        parts["note"] = _first(props, "full")
    return Address(**parts)


FTM = SourceSpec(
    name="os_ftm",
    title="FollowTheMoney entities (OpenSanctions entities.ftm.json, deltas, tracker exports)",
    publisher="OpenSanctions (or the file's own publisher)",
    parse=parse,
    reads_folders=True,
    default_url=None,
    live=False,
    file_suffix=".json",
    format="FtM JSON lines: entities.ftm.json, <version>/entities.delta.json, tracker exports",
    licence="CC BY-NC 4.0 for OpenSanctions data; a tracker export keeps its list's terms",
    url_note="a format, not one list: give the dataset's entities.ftm.json address",
)
