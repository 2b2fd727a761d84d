"""Helpers of the export tests: a list format holding canonical entries as they are, the
followthemoney library's check of exported entities, and the check of a round trip through FtM."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from followthemoney import model, registry
from followthemoney.proxy import EntityProxy

from tracker.records import ParsedList, entry_from_canonical
from tracker.sources import ftm_model as fm
from tracker.sources.base import SourceSpec


def _parse_canonical(path: Path) -> ParsedList:
    """First line: the publication date; then one canonical entry (ListEntry.canonical()) a line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    published = datetime.fromisoformat(lines.pop(0))
    return ParsedList([entry_from_canonical(json.loads(line)) for line in lines], published, format="canon")


CANON = SourceSpec(
    name="canon",
    title="Canonical entries",
    publisher="Test Sanctions Office",
    parse=_parse_canonical,
    default_url=None,
    live=False,
)


def write_canonical(folder: Path, name: str, date: str, entries: Iterable[dict[str, Any]]) -> Path:
    path = folder / name
    path.write_text("\n".join([date, *(json.dumps(e, ensure_ascii=False) for e in entries)]) + "\n", "utf-8")
    return path


_TEXT_TYPES = (registry.name, registry.string, registry.text, registry.address)


def ftm_problems(lines: Iterable[dict[str, Any]], *, references: bool = True) -> list[str]:
    """What the followthemoney library finds wrong with exported entities (empty: all valid).

    Each entity: a known schema; only properties of that schema, none of them a stub; Schema.validate
    passes; loading it with FtM's cleaning drops no value and changes no typed value (dates, countries,
    identifiers, genders, entity references: exactly as written). Text values (names, strings, notes,
    addresses) may only be normalised the way every FtM consumer does (invisible characters such as
    soft hyphens removed, spaces squashed, quotes around a name stripped): the export keeps the list's
    own text so that a round trip is exact. With ``references``, every entity reference points at an
    entity in the set (a delta's entities may point at unchanged ones, outside it).
    """
    problems: list[str] = []
    entities = list(lines)
    ids = {e["id"] for e in entities}
    if len(ids) != len(entities):
        problems.append("duplicate entity ids")
    for data in entities:
        where = f"{data.get('id')}"
        if not registry.entity.validate(str(data.get("id", ""))):
            problems.append(f"{where}: id is not valid FtM id syntax")
        schema = model.get(data.get("schema", ""))
        if schema is None:
            problems.append(f"{where}: unknown schema {data.get('schema')!r}")
            continue
        try:
            schema.validate(data)
        except Exception as exc:  # followthemoney's InvalidData carries the details
            problems.append(f"{where}: {exc} {getattr(exc, 'errors', '')}")
        proxy = EntityProxy.from_dict(data, cleaned=False)
        for prop_name, values in data["properties"].items():
            prop = schema.properties.get(prop_name)
            if prop is None or prop.stub:
                problems.append(f"{where}: {schema.name} has no writable property {prop_name!r}")
                continue
            kept = proxy.get(prop_name)
            if prop.type in _TEXT_TYPES:
                values = [prop.type.clean(v) or "(dropped)" for v in values]
            if sorted(kept) != sorted(set(values)):
                problems.append(f"{where}: {prop_name} {values!r} became {kept!r}")
            if references and prop.type == registry.entity:
                problems += [f"{where}: {prop_name} -> missing {v}" for v in values if v not in ids]
    return problems


def expected_after_round_trip(data: dict[str, Any], source: str) -> dict[str, Any]:
    """What an entry reads as after export and import, by the documented conversions: the key becomes
    the FtM id; countries that FtM knows become their codes; FtM genders lower-case; a second primary
    name and an NKA name come back as aliases (FtM has one caption and no "now known as"); name parts
    are kept for a person's caption only; a name's language and title part are not kept."""
    want = copy.deepcopy(data)
    want["source_id"] = fm.entity_id(source, data["source_id"])
    person = data["entity_type"] == "individual"
    if person:
        for key in ("nationalities", "citizenships"):
            if key in want:
                want[key] = [fm.country_code(c) or c for c in want[key]]
        if want.get("gender", "").lower() in fm.GENDERS:
            want["gender"] = want["gender"].lower()
    caption = sorted(want["names"], key=lambda n: n.get("kind") != "primary")[0]
    for name in want["names"]:
        name.pop("lang", None)
        name.pop("title", None)
        if name is not caption:
            name["kind"] = "aka" if name["kind"] in ("primary", "nka") else name["kind"]
        if name is not caption or not person:
            for part in ("first", "middle", "last"):
                name.pop(part, None)
    for item in want.get("identifiers", []):
        if item.get("type") and fm.valid_identifier(item.get("number", "")) and item.get("country"):
            item["country"] = fm.country_code(item["country"]) or item["country"]
    for item in want.get("addresses", []):
        if item.get("country"):
            item["country"] = fm.country_code(item["country"]) or item["country"]
    return entry_from_canonical(want).canonical()


def names_dates_ids(entry: dict[str, Any]) -> tuple[Any, ...]:
    """What a round trip must give back exactly: every name, date of birth, listing date and identity
    document (type, number, issued, expires) of a canonical entry."""
    ids = sorted(
        tuple(i.get(k, "") for k in ("type", "number", "issued", "expires"))
        for i in entry.get("identifiers", [])
    )
    names = sorted({n["full"] for n in entry["names"]})
    return names, sorted(entry.get("birth_dates", [])), entry.get("listed_on"), ids


def check_round_trip(source: str, originals: list[dict[str, Any]], back: ParsedList) -> None:
    """``back`` (os_ftm.parse of the FtM export of ``originals``, canonical entries of ``source``)
    gives back every entry: first every name, date and identifier, then every other field up to the
    documented conversions (expected_after_round_trip). Scripts are re-detected on import, so they
    are not compared."""
    assert back.warnings == [] and len(back.entries) == len(originals)
    by_id = {e.source_id: e for e in back.entries}
    assert {fm.entity_id(source, d["source_id"]): names_dates_ids(d) for d in originals} == {
        key: names_dates_ids(e.canonical()) for key, e in by_id.items()
    }
    differing = []
    for data in originals:
        want = expected_after_round_trip(data, source)
        got = by_id[want["source_id"]]
        for name in got.names:
            name.script = None
        for name in want["names"]:
            name.pop("script", None)
        if got.canonical() != json.loads(json.dumps(want)):
            differing.append(want["source_id"])
    assert differing == []
