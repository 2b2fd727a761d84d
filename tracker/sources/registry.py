"""The list of known sources. Adding a list: write tracker/sources/<name>.py with a SourceSpec, then add
one line below ("source_name": "module:ATTRIBUTE"). Modules are imported on first use."""

from __future__ import annotations

import importlib

from tracker.errors import ConfigError
from tracker.sources.base import SourceSpec

_REGISTRY: dict[str, str] = {
    "ofac_sdn": "tracker.sources.ofac:SDN",
    "ofac_cons": "tracker.sources.ofac:CONSOLIDATED",
    "eu_fsf": "tracker.sources.eu:FSF",
    "un_sc": "tracker.sources.un:SECURITY_COUNCIL",
    "uk_fcdo": "tracker.sources.uk:FCDO",
    "uk_ofsi": "tracker.sources.uk:OFSI",
    "ca_sema": "tracker.sources.ca_sema:SEMA",
    "au_dfat": "tracker.sources.au_dfat:DFAT",
    "us_csl": "tracker.sources.us_csl:CSL",
    "us_bis_dpl": "tracker.sources.us_bis_dpl:DPL",
    "os_ua_war_sanctions": "tracker.sources.os_simple:UA_WAR_SANCTIONS",
    "os_interpol_red_notices": "tracker.sources.os_simple:INTERPOL_RED_NOTICES",
    "os_ftm": "tracker.sources.os_ftm:FTM",
}


def source_names() -> list[str]:
    return list(_REGISTRY)


def get_source(name: str) -> SourceSpec:
    target = _REGISTRY.get(name)
    if target is None:
        known = ", ".join(_REGISTRY)
        raise ConfigError(f"unknown source {name!r} (known: {known})")
    module_name, attribute = target.split(":")
    spec = getattr(importlib.import_module(module_name), attribute)
    assert isinstance(spec, SourceSpec)
    return spec


def live_sources() -> list[SourceSpec]:
    """The sources a plain `tracker sync` (and the daily job) syncs: the official lists published today
    at a known address. Not live: retired lists, lists without a verified address (--url required) and
    OpenSanctions datasets (derived data under CC BY-NC terms: synced only when named)."""
    return [spec for spec in (get_source(n) for n in _REGISTRY) if spec.live]


def catalogue() -> list[dict[str, str | bool | None]]:
    """Every known source as `tracker sources --all` shows it: name, live, title, publisher, format,
    official URL (None when there is none, with ``url_note`` saying why) and licence."""
    rows: list[dict[str, str | bool | None]] = []
    for name in _REGISTRY:
        spec = get_source(name)
        rows.append(
            {
                "source": spec.name,
                "live": spec.live,
                "title": spec.title,
                "publisher": spec.publisher,
                "format": spec.format,
                "url": spec.default_url,
                "url_note": None if spec.default_url else spec.url_note or "no download address",
                "licence": spec.licence,
            }
        )
    return rows
