"""Components a list file did not provide: carried over from the entry's previous version, and never
compared (so never recorded as removed, nor as added when a fuller file brings them back).

Works on canonical forms (tracker.records): a component is a set of top-level fields, of ``names``
items by kind, and of ``details`` keys. A file's entry names what it lacks in ``not_provided``; the
stored version then holds the previous version's values for those parts, and still names a component
in ``not_provided`` only while no stored version ever had it.

Example (OFAC): the daily sdn.csv comes without alt.csv and add.csv, so its entries lack ALIASES and
ADDRESSES; stored after the full CSV set, each entry keeps the aliases and addresses the set gave.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tracker.records import Component, sorted_items


@dataclass(frozen=True, slots=True)
class Parts:
    """Which parts of a canonical entry make up one component."""

    fields: tuple[str, ...] = ()  # whole top-level fields
    name_kinds: frozenset[str] = frozenset()  # items of "names" with these kinds
    detail_keys: frozenset[str] = frozenset()  # keys of "details"


COMPONENT_PARTS: dict[Component, Parts] = {
    # OFAC's weak a.k.a.s are remark text in the CSV (never in alt.csv, 2018-2025 files checked), so
    # they belong to REMARKS, as the XML's weak_aka names do. Its weak f.k.a./n.k.a.s (88 of 3,694
    # weak names, SDN 2024-05-07) are remark text too, but both readers give them the kinds fka/nka
    # (ofac_common.AKA_KINDS), which count here: a daily sdn.csv's change to one shows at the next
    # full set. Telling them apart needs a weak flag on names (a new canonical form).
    Component.ALIASES: Parts(name_kinds=frozenset({"aka", "fka", "nka"})),
    Component.ADDRESSES: Parts(fields=("addresses",)),
    # What the OFAC CSV writes in its remarks column (tracker.sources.ofac_csv._parse_remarks).
    Component.REMARKS: Parts(
        fields=(
            "birth_dates",
            "birth_places",
            "nationalities",
            "citizenships",
            "gender",
            "identifiers",
            "remarks",
        ),
        name_kinds=frozenset({"weak_aka"}),
        detail_keys=frozenset(
            {"aircraft_model", "aircraft_manufacture_date", "aircraft_operator", "vessel_year_of_build"}
        ),
    ),
}

NOT_PROVIDED = "not_provided"  # the canonical field that names the unknown components


def not_provided(data: dict[str, Any]) -> frozenset[str]:
    """The components a canonical form does not know."""
    return frozenset(data.get(NOT_PROVIDED, ()))


def carry_over(
    new: dict[str, Any], previous: dict[str, Any] | None, components: Iterable[str] | None = None
) -> dict[str, Any]:
    """``new`` with each component it did not provide taken from ``previous`` (the entry's latest
    stored version before it); returns ``new`` itself when there is nothing to carry. The result is
    canonical (sorted, empty fields dropped).

    ``components``: carry these instead (whether or not ``new`` lacks them); ``new`` then still lacks
    the others it lacked, and lacks a carried one only if ``previous`` did.
    """
    missing = not_provided(new) if components is None else frozenset(components)
    if not missing or previous is None:
        return new
    merged = dict(new)
    for name in missing:
        _replace(merged, previous, COMPONENT_PARTS[Component(name)])
    still = sorted((not_provided(new) - missing) | (missing & not_provided(previous)))
    if still:
        merged[NOT_PROVIDED] = still
    else:
        merged.pop(NOT_PROVIDED, None)
    return {k: v for k, v in merged.items() if v not in (None, "", [], {})}


def comparable(data: dict[str, Any], ignore: Iterable[str]) -> dict[str, Any]:
    """``data`` without the parts of the ``ignore`` components and without ``not_provided``: what two
    versions are compared on when one of them does not know those components."""
    out = dict(data)
    out.pop(NOT_PROVIDED, None)
    for name in ignore:
        _drop(out, COMPONENT_PARTS[Component(name)])
    return {k: v for k, v in out.items() if v not in (None, "", [], {})}


def component_parts(data: dict[str, Any], component: str) -> dict[str, Any]:
    """The values one component holds in a canonical form (to compare two versions on it alone)."""
    parts = COMPONENT_PARTS[Component(component)]
    out: dict[str, Any] = {name: data[name] for name in parts.fields if name in data}
    if parts.name_kinds:
        out["names"] = [n for n in data.get("names", ()) if n.get("kind", "primary") in parts.name_kinds]
    if parts.detail_keys:
        out["details"] = {k: v for k, v in data.get("details", {}).items() if k in parts.detail_keys}
    out["known"] = component not in not_provided(data)
    return out


def _drop(data: dict[str, Any], parts: Parts) -> None:
    for name in parts.fields:
        data.pop(name, None)
    if parts.name_kinds and "names" in data:
        data["names"] = [n for n in data["names"] if n.get("kind", "primary") not in parts.name_kinds]
    if parts.detail_keys and "details" in data:
        data["details"] = {k: v for k, v in data["details"].items() if k not in parts.detail_keys}


def _replace(data: dict[str, Any], source: dict[str, Any], parts: Parts) -> None:
    """Put ``source``'s values of these parts in ``data`` in place of its own."""
    _drop(data, parts)
    for name in parts.fields:
        if name in source:
            data[name] = source[name]
    if parts.name_kinds:
        kept = [n for n in source.get("names", ()) if n.get("kind", "primary") in parts.name_kinds]
        if kept:
            data["names"] = sorted_items([*data.get("names", ()), *kept])
    if parts.detail_keys:
        kept_details = {k: v for k, v in source.get("details", {}).items() if k in parts.detail_keys}
        if kept_details:
            data["details"] = dict(sorted({**data.get("details", {}), **kept_details}.items()))
