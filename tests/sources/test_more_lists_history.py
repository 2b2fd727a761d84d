"""Two-date diffs of the issue-16 sources through the real store, and the OFAC format switch
(legacy XML -> Enhanced XML -> CSV on files of nearby dates) with every MODIFIED accounted for."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import real_file
from tracker.history.fielddiff import field_changes
from tracker.pipeline import import_path
from tracker.report.diff import Report, build_report, parse_point, resolve_windows
from tracker.sources import ofac, us_bis_dpl
from tracker.sources.registry import get_source

pytestmark = [pytest.mark.realdata, pytest.mark.slow, pytest.mark.usefixtures("no_index_refresh")]


def _import(engine, settings, source: str, path: Path, published: str | None = None) -> None:  # type: ignore[no-untyped-def]
    when = datetime.fromisoformat(published) if published else None
    result = import_path(
        get_source(source), path, engine=engine, settings=settings, published=when, force=True
    )
    assert result.status == "accepted", result.reason


def _report(engine, start: str, end: str) -> Report:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        windows = resolve_windows(conn, None, parse_point(start, "--from"), parse_point(end, "--to"))
        return build_report(conn, windows)


def _ids(report: Report, change: str) -> set[str]:
    table = report.table
    return set(table[table.change == change].source_id)


def _fold(value: Any) -> list[str]:
    """Every word of a field's values, case and punctuation folded, sorted: two forms of the same facts
    (reordered, split into other parts, re-punctuated) fold to the same list."""
    text = repr(value).lower()
    return sorted(re.findall(r"[^\W_]+", text.replace("'full'", "").replace("'street'", "")))


def test_bis_dpl_2019_to_2023(engine, settings) -> None:  # type: ignore[no-untyped-def]
    old_path, new_path = (
        real_file("us_bis_dpl/2019-06-29/dpl.txt"),
        real_file("us_bis_dpl/2023-11-30/dpl.txt"),
    )
    _import(engine, settings, "us_bis_dpl", old_path, "2019-06-29")
    _import(engine, settings, "us_bis_dpl", new_path, "2023-11-30")
    old = {e.source_id: e.canonical() for e in us_bis_dpl.parse(old_path).entries}
    new = {e.source_id: e.canonical() for e in us_bis_dpl.parse(new_path).entries}
    report = _report(engine, "2019-06-29", "2023-11-30")
    assert _ids(report, "added") == new.keys() - old.keys()
    assert _ids(report, "removed") == old.keys() - new.keys()
    assert _ids(report, "modified") == {k for k in old.keys() & new.keys() if old[k] != new[k]}
    s = report.summaries[0]
    assert (s.added, s.removed, s.modified) == (288, 158, len(_ids(report, "modified")))
    # a temporary denial order renewed: the same entry, modified (not delisted and listed again)
    assert "SKY BLUE BIRD FZC" in _ids(report, "modified")


def test_ofac_cons_format_switch_legacy_xml_enhanced_csv(engine, settings) -> None:  # type: ignore[no-untyped-def]
    xml = real_file("ofac/2024-05-06/consolidated.xml.gz")
    enhanced = real_file("ofac/2025-01-10_consolidated_enhanced/CONS_ENHANCED.ZIP")
    csv_set = real_file("ofac/2025-12-19_consolidated")
    _import(engine, settings, "ofac_cons", xml)
    _import(engine, settings, "ofac_cons", enhanced)
    _import(engine, settings, "ofac_cons", csv_set, "2025-12-19")

    # legacy XML -> Enhanced XML, eight months apart
    step = _report(engine, "2024-05-06", "2025-01-10")
    assert (_ids(step, "added"), _ids(step, "removed")) == ({"50476"}, {"18293"})
    before = {e.source_id: e.canonical() for e in ofac.parse(xml).entries}
    after = {e.source_id: e.canonical() for e in ofac.parse(enhanced).entries}
    modified = _ids(step, "modified")
    assert len(modified) == 73
    for uid in modified:  # every one is a change of facts, not of form
        changed = [
            f for f in before[uid].keys() | after[uid].keys() if before[uid].get(f) != after[uid].get(f)
        ]
        assert any(_fold(before[uid].get(f)) != _fold(after[uid].get(f)) for f in changed), uid
        assert set(changed) <= {"identifiers", "programs", "names", "addresses", "remarks"}, uid
    # all of them: OFAC added "See Section 11 of Executive Order 14024" to the Russia-related entries
    section_11 = {
        uid
        for uid in modified
        if {"type": "Secondary sanctions risk:", "number": "See Section 11 of Executive Order 14024"}
        in after[uid].get("identifiers", [])
        and {"type": "Secondary sanctions risk:", "number": "See Section 11 of Executive Order 14024"}
        not in before[uid].get("identifiers", [])
    }
    assert section_11 == modified

    # Enhanced XML -> CSV, eleven months apart: the CSV's joined "City, State Postal" column, its final
    # periods and its remark items fold to the XML's form (tracker.sources.ofac_canonical), so what is
    # left are changes of facts: 15 entries, each checked as for the step above.
    step = _report(engine, "2025-01-10", "2025-12-19")
    assert (_ids(step, "added"), _ids(step, "removed")) == (set(), {"26182"})
    before, after = after, {e.source_id: e.canonical() for e in ofac.parse(csv_set).entries}
    modified = _ids(step, "modified")
    assert modified == {k for k in before.keys() & after.keys() if field_changes(before[k], after[k])}
    assert len(modified) == 15
    for uid in modified:
        changed = [f["field"] for f in field_changes(before[uid], after[uid])]
        assert any(_fold(before[uid].get(f)) != _fold(after[uid].get(f)) for f in changed), uid
    # 11 of them are Russian energy companies the list amended: RUSSIA-EO14024 added
    russia = {
        uid
        for uid in modified
        if "RUSSIA-EO14024" in set(after[uid].get("programs", [])) - set(before[uid].get("programs", []))
    }
    assert len(russia) == 11
