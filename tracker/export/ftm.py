"""One stored entry as FollowTheMoney entities: the target (Person / Organization / Vessel / Airplane),
a Sanction for its listing, an Identification per identity document and an Address per address.

The mapping and its conventions are in tracker.sources.ftm_model; tracker.sources.os_ftm reads the
result back (round trip: every name, date and identifier is kept). Values FtM's types cannot hold as
written go to labelled note lines ("Date of birth as listed: circa 1951"), never dropped.
"""

from __future__ import annotations

import re
from typing import Any

import orjson

from tracker.records import canonical_json
from tracker.sources import ftm_model as fm

Entity = dict[str, Any]


def entities(source: str, authority: str, data: dict[str, Any]) -> list[Entity]:
    """FtM entities for one entry's canonical JSON (tracker.records.ListEntry.canonical()), target
    first. ``authority`` is the list's publisher (the Sanction's authority)."""
    target_id = fm.entity_id(source, data["source_id"])
    schema = fm.SCHEMA_OF.get(data.get("entity_type", ""), "LegalEntity")
    person = schema == "Person"
    props: dict[str, list[str]] = {}
    notes: list[str] = []
    _names(props, data, person)
    if person:
        _person_facts(props, notes, data)
    else:
        for label, key in (
            (fm.BIRTH_DATE, "birth_dates"),
            (fm.BIRTH_PLACE, "birth_places"),
            (fm.NATIONALITY, "nationalities"),
            (fm.CITIZENSHIP, "citizenships"),
            (fm.TITLE, "titles"),
            (fm.POSITION, "positions"),
        ):
            notes += [fm.as_listed(label, v) for v in data.get(key, [])]
        if data.get("gender"):
            notes.append(fm.as_listed(fm.GENDER, data["gender"]))
    parts: list[Entity] = [_sanction(target_id, authority, data)]
    for identifier in data.get("identifiers", []):
        if identifier.get("type") and fm.valid_identifier(identifier.get("number", "")):
            parts.append(_identification(target_id, identifier))
        else:
            text = orjson.dumps(identifier, option=orjson.OPT_SORT_KEYS).decode("utf-8")
            notes.append(fm.as_listed(fm.IDENTIFIER, text))
    addresses = [_address(target_id, a) for a in data.get("addresses", []) if a]
    if addresses:
        props["addressEntity"] = [a["id"] for a in addresses]
    notes += [fm.as_listed(fm.DETAIL, f"{k}: {v}") for k, v in (data.get("details") or {}).items()]
    if data.get("remarks"):
        notes.insert(0, data["remarks"])
    if notes:
        props["notes"] = notes
    caption = props["name"][0] if props.get("name") else target_id
    target = {"id": target_id, "schema": schema, "caption": caption, "properties": props}
    return [target, *parts, *addresses]


def _names(props: dict[str, list[str]], data: dict[str, Any], person: bool) -> None:
    names = data.get("names", [])
    # The primary name that the store shows (the first primary) leads: it is the caption.
    ordered = sorted(names, key=lambda n: n.get("kind") != "primary")
    for name in ordered:
        prop = fm.NAME_PROPERTY.get(name.get("kind", "primary"), "alias")
        values = props.setdefault(prop, [])
        if name["full"] not in values:
            values.append(name["full"])
    if person:
        primary = next((n for n in ordered if n.get("kind", "primary") == "primary"), None)
        for part, prop in (("first", "firstName"), ("middle", "middleName"), ("last", "lastName")):
            if primary and primary.get(part):
                props[prop] = [primary[part]]


def _person_facts(props: dict[str, list[str]], notes: list[str], data: dict[str, Any]) -> None:
    for date in data.get("birth_dates", []):
        if fm.iso_date(date):
            props.setdefault("birthDate", []).append(date)
        else:
            notes.append(fm.as_listed(fm.BIRTH_DATE, date))
    for prop, key, label in (
        ("nationality", "nationalities", fm.NATIONALITY),
        ("citizenship", "citizenships", fm.CITIZENSHIP),
    ):
        for text in data.get(key, []):
            code = fm.country_code(text)
            if code is None:
                notes.append(fm.as_listed(label, text))
            elif code not in props.setdefault(prop, []):
                props[prop].append(code)
        if not props.get(prop):
            props.pop(prop, None)
    for prop, key, label in (
        ("birthPlace", "birth_places", fm.BIRTH_PLACE),
        ("title", "titles", fm.TITLE),
        ("position", "positions", fm.POSITION),
    ):
        for text in data.get(key, []):
            if fm.fits_string(text):
                props.setdefault(prop, []).append(text)
            else:
                notes.append(fm.as_listed(label, text))
    gender = data.get("gender")
    if gender and gender.lower() in fm.GENDERS:
        props["gender"] = [gender.lower()]
    elif gender:
        notes.append(fm.as_listed(fm.GENDER, gender))


def _sanction(target_id: str, authority: str, data: dict[str, Any]) -> Entity:
    props: dict[str, list[str]] = {"entity": [target_id], "authority": [authority]}
    summary: list[str] = []
    for program in data.get("programs", []):
        if fm.fits_string(program):
            props.setdefault("program", []).append(program)
        else:  # an Interpol notice's charges run to 4,000 characters
            summary.append(fm.as_listed(fm.PROGRAM, program))
    listed = data.get("listed_on")
    if listed and fm.iso_date(listed):
        props["listingDate"] = [listed]
    elif listed:
        summary.append(fm.as_listed(fm.LISTED_ON, listed))
    if summary:
        props["summary"] = summary
    caption = props.get("program", [authority])[0]
    return {"id": f"{target_id}-sanction", "schema": "Sanction", "caption": caption, "properties": props}


def _identification(target_id: str, identifier: dict[str, Any]) -> Entity:
    props: dict[str, list[str]] = {
        "holder": [target_id],
        "number": [identifier["number"]],
        "type": [identifier["type"]],
    }
    described: list[str] = []
    country = identifier.get("country")
    if country:
        code = fm.country_code(country)
        if code is not None:
            props["country"] = [code]
        else:
            described.append(fm.as_listed(fm.COUNTRY, country))
    for key, prop, label in (("issued", "startDate", fm.ISSUED), ("expires", "endDate", fm.EXPIRES)):
        value = identifier.get(key)
        if value and fm.iso_date(value):
            props[prop] = [value]
        elif value:
            described.append(fm.as_listed(label, value))
    if identifier.get("note"):
        props["summary"] = [identifier["note"]]
    if described:
        props["description"] = described
    return {
        "id": fm.part_id(target_id, "id", canonical_json(identifier)),
        "schema": "Identification",
        "caption": identifier["number"],
        "properties": props,
    }


_ADDRESS_PARTS = (("street", "street"), ("city", "city"), ("region", "region"), ("postal_code", "postalCode"))


# FtM's own clean-up of address text (followthemoney/types/address.py), so the "full" line we build is
# kept as written: line breaks, tabs and ";" become ", "; ",," and ",." become ", "; spaces squashed.
_LINE_BREAKS = re.compile(r"(\r\n|\n|<BR/>|<BR>|\t|ESQ\.,|ESQ,|;)")
_COMMATA = re.compile(r"(,\s?[,\.])")


def _full_address(address: dict[str, Any]) -> str:
    parts = ("street", "city", "region", "postal_code", "country")
    text = ", ".join(address[k] for k in parts if address.get(k))
    text = _COMMATA.sub(", ", _LINE_BREAKS.sub(", ", text))
    return " ".join(text.split())


def _address(target_id: str, address: dict[str, Any]) -> Entity:
    props: dict[str, list[str]] = {prop: [address[key]] for key, prop in _ADDRESS_PARTS if address.get(key)}
    country = address.get("country")
    if country:
        code = fm.country_code(country)
        if code is not None:
            props["country"] = [code]
        else:
            props["remarks"] = [fm.as_listed(fm.COUNTRY, country)]
    if address.get("note"):
        props["summary"] = [address["note"]]
    full = _full_address(address)
    if full and len(full) <= 250:  # FtM's address type holds up to 250 characters
        props["full"] = [full]
    return {
        "id": fm.part_id(target_id, "addr", canonical_json(address)),
        "schema": "Address",
        "caption": full or address.get("note") or target_id,
        "properties": props,
    }
