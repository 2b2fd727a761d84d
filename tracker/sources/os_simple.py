"""OpenSanctions ``targets.simple.csv``: one row per target of one OpenSanctions dataset.

RFC 4180 with newlines inside quoted fields; list-valued columns are ``;``-joined. The column set differs
by export version (``program_ids`` was added), so columns are matched by name and only the ones every
version has are required. Each dataset is its own source (``os_ua_war_sanctions``,
``os_interpol_red_notices``): a store keeps one timeline per source, and two datasets in one source
would delist each other on every import.

``last_seen`` and ``last_change`` are not kept: ``last_seen`` moves on every export run, and keeping it
would make every entry "modified" every day. The newest ``last_seen`` is the file's publication time.
"""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

from tracker.errors import FormatChanged, ParseError
from tracker.names.scripts import detect_script
from tracker.records import Address, EntityType, Identifier, ListEntry, Name, NameKind, ParsedList
from tracker.sources.base import SourceSpec
from tracker.sources.common import Warnings
from tracker.sources.tabular import dict_rows, split_values

REQUIRED = (
    "id",
    "schema",
    "name",
    "aliases",
    "birth_date",
    "countries",
    "addresses",
    "identifiers",
    "sanctions",
    "dataset",
)
KNOWN = ("phones", "emails", "program_ids", "first_seen", "last_seen", "last_change")
SCHEMA_TYPES = {
    "Person": EntityType.INDIVIDUAL,
    "Vessel": EntityType.VESSEL,
    "Airplane": EntityType.AIRCRAFT,
    "Organization": EntityType.ENTITY,
    "Company": EntityType.ENTITY,
    "LegalEntity": EntityType.ENTITY,
    "PublicBody": EntityType.ENTITY,
}


def parse(path: Path) -> ParsedList:
    """Parse a targets.simple.csv (possibly gzipped). Raises ParseError / FormatChanged."""
    warn = Warnings()
    entries: dict[str, ListEntry] = {}
    newest: str = ""
    for line, row in dict_rows(path, REQUIRED, warn, known=KNOWN):
        entry = _entry(row, line, path.name, warn)
        if entry.source_id in entries:
            warn.add(f"id {entry.source_id} appears twice; kept the first row")
            continue
        entries[entry.source_id] = entry
        newest = max(newest, row.get("last_seen", ""))
    if not entries:
        raise ParseError(f"{path.name}: no entries in the file")
    published = None
    if newest:
        try:
            published = datetime.fromisoformat(newest)
        except ValueError:
            warn.add(f"unreadable last_seen {newest!r}")
    return ParsedList(
        entries=list(entries.values()), published_at=published, warnings=warn.as_list(), format="os-simple"
    )


def _values(text: str) -> list[str]:
    """A ';'-joined cell; values that hold ';' or quotes are quoted CSV-style inside the cell
    ('"Red Notice - 1) Murder; 2) ..."'), and an empty list is written '""'."""
    if '"' not in text:
        return split_values(text)
    try:
        values = next(csv.reader([text], delimiter=";", strict=True), [])
    except csv.Error:
        return split_values(text)
    return [v.strip() for v in values if v.strip()]


def _entry(row: dict[str, str], line: int, label: str, warn: Warnings) -> ListEntry:
    entity_id, schema, name = row["id"], row["schema"], row["name"]
    if not entity_id or not name:
        raise FormatChanged(f"{label}: line {line} has no id or name")
    entity_type = SCHEMA_TYPES.get(schema)
    if entity_type is None:
        warn.add(f"unknown schema {schema!r}, read as an entity")
        entity_type = EntityType.ENTITY
    entry = ListEntry(
        source_id=entity_id,
        entity_type=entity_type,
        names=[Name(full=name, kind=NameKind.PRIMARY, script=detect_script(name))],
    )
    for alias in _values(row["aliases"]):
        if alias != name:
            entry.names.append(Name(full=alias, kind=NameKind.AKA, script=detect_script(alias)))
    entry.birth_dates = _values(row["birth_date"])
    entry.addresses = [Address(note=text) for text in _values(row["addresses"])]
    entry.identifiers = [Identifier(type="identifier", number=v) for v in _values(row["identifiers"])]
    entry.identifiers += [Identifier(type="Phone Number", number=v) for v in _values(row.get("phones", ""))]
    entry.identifiers += [Identifier(type="Email Address", number=v) for v in _values(row.get("emails", ""))]
    sanctions = _values(row["sanctions"])
    entry.programs = _values(row.get("program_ids", "")) or sanctions
    details = {
        "schema": schema,
        "countries": "; ".join(_values(row["countries"])),
        "sanctions": "; ".join(sanctions),
        "dataset": row["dataset"],
        "first_seen": row.get("first_seen", ""),
    }
    entry.details = {k: v for k, v in details.items() if v}
    return entry


def _spec(dataset: str, title: str) -> SourceSpec:
    return SourceSpec(
        name=f"os_{dataset}",
        title=f"OpenSanctions: {title}",
        publisher="OpenSanctions",
        parse=parse,
        default_url=f"https://data.opensanctions.org/datasets/latest/{dataset}/targets.simple.csv",
        live=False,
        file_suffix=".csv",
        format="OpenSanctions targets.simple.csv",
        licence="CC BY-NC 4.0 (commercial use needs an OpenSanctions licence)",
    )


UA_WAR_SANCTIONS = _spec("ua_war_sanctions", "Ukraine War and Sanctions")
INTERPOL_RED_NOTICES = _spec("interpol_red_notices", "INTERPOL Red Notices")
