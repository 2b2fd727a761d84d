"""UK sources: the FCDO UK Sanctions List (live) and the retired OFSI Consolidated List (archives).

The parsers live in uk_fcdo.py and uk_ofsi.py; this module only declares the two sources.
"""

from __future__ import annotations

from tracker.sources import uk_fcdo, uk_ofsi
from tracker.sources.base import SourceSpec

FCDO = SourceSpec(
    name="uk_fcdo",
    title="UK Sanctions List (FCDO)",
    publisher="UK Foreign, Commonwealth & Development Office",
    parse=uk_fcdo.parse,
    default_url=uk_fcdo.DEFAULT_URL,
    resolve_url=uk_fcdo.resolve_url,
    file_suffix=".csv",
    format="CSV (columns matched by name)",
    licence="Open Government Licence v3.0",
)

OFSI = SourceSpec(
    name="uk_ofsi",
    title="UK OFSI Consolidated List (retired 2026-01-28)",
    publisher="HM Treasury OFSI",
    parse=uk_ofsi.parse,
    default_url=None,
    live=False,
    file_suffix=".csv",
    format="old CSV (cp1252); 2022-format ConList.xlsx",
    licence="Open Government Licence v3.0",
    url_note="the list was retired on 2026-01-28 (archives only)",
    retired=True,
)
