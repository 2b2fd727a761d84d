"""Components a file does not provide, in the store: carried over, never recorded as removed, carried
forward when a fuller file is imported before partial ones, and old stores brought to the new form.

Uses the OFAC CSV fixture set (tests/fixtures/ofac/csv_set: sdn.csv, alt.csv, add.csv,
sdn_comments.csv); a "daily" file is its sdn.csv (with its comments, whose cut remarks the fixture
needs) without alt.csv and add.csv, as OFAC's daily download is.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from tracker.pipeline import import_path
from tracker.settings import Settings
from tracker.sources.ofac import SDN
from tracker.store import queries, timeline
from tracker.store.db import open_engine
from tracker.store.recanonical import bring_to_current_form

# History only: the post-sync index refreshers are covered by tests/test_pipeline.py.
pytestmark = pytest.mark.usefixtures("no_index_refresh")

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "ofac" / "csv_set"
DERKACH_ALIASES = {"DERKACH, Andriy", "DERKACH, Andrei"}  # a.k.a. and f.k.a. in alt.csv


def _set(tmp: Path, name: str, *, full: bool = True, edit: dict[str, tuple[str, str]] | None = None) -> Path:
    """A copy of the fixture set in tmp/name: all four files (full) or without alt.csv and add.csv;
    ``edit`` maps a file name to a (old, new) text replacement."""
    folder = tmp / name
    folder.mkdir()
    for child in FIX.iterdir():
        if full or child.name in ("sdn.csv", "sdn_comments.csv"):
            shutil.copy(child, folder / child.name)
    for file, (old, new) in (edit or {}).items():
        text = (folder / file).read_text()
        assert old in text, (file, old)
        (folder / file).write_text(text.replace(old, new))
    return folder


def _imp(engine: Engine, settings: Settings, path: Path, date: str) -> tuple[int, int, int]:
    when = datetime.fromisoformat(date)
    result = import_path(SDN, path, engine=engine, settings=settings, published=when, force=True)
    assert result.status == "accepted", result.reason
    return result.added, result.removed, result.modified


def _at(engine: Engine, date: str) -> dict[str, dict[str, Any]]:
    with engine.connect() as conn:
        sid = queries.source_id(conn, "ofac_sdn")
        state = timeline.state(conn, sid, datetime.fromisoformat(date))
    return {k: json.loads(v.data) for k, v in state.items()}


def _aliases(data: dict[str, Any]) -> set[str]:
    return {n["full"] for n in data.get("names", []) if n["kind"] in ("aka", "fka", "nka")}


def _log(engine: Engine) -> list[tuple[str, str, str, list[str]]]:
    with engine.connect() as conn:
        rows = queries.change_log(conn, source="ofac_sdn")
    return sorted(
        (r["timeline_at"][:10], r["source_id"], r["change"], sorted(f["field"] for f in r["fields"]))
        for r in rows
    )


def test_a_daily_file_between_full_sets_changes_nothing(engine, settings, tmp_path: Path) -> None:
    assert _imp(engine, settings, _set(tmp_path, "full1"), "2021-01-01") == (3, 0, 0)
    assert _imp(engine, settings, _set(tmp_path, "daily", full=False), "2021-02-01") == (0, 0, 0)
    assert _imp(engine, settings, _set(tmp_path, "full2"), "2021-03-01") == (0, 0, 0)
    daily = _at(engine, "2021-02-01")
    assert _aliases(daily["29366"]) == DERKACH_ALIASES  # carried over from the full set
    assert daily["306"]["addresses"][0]["city"] == "Zurich"
    assert "not_provided" not in daily["29366"]
    assert {c for _, _, c, _ in _log(engine)} == {"ADDED"}


def test_a_daily_file_first_then_the_full_set_is_no_change(engine, settings, tmp_path: Path) -> None:
    assert _imp(engine, settings, _set(tmp_path, "daily", full=False), "2021-01-01") == (3, 0, 0)
    assert _at(engine, "2021-01-01")["29366"]["not_provided"] == ["addresses", "aliases"]
    assert _imp(engine, settings, _set(tmp_path, "full"), "2021-02-01") == (0, 0, 0)
    assert _aliases(_at(engine, "2021-02-01")["29366"]) == DERKACH_ALIASES
    assert [c for _, _, c, _ in _log(engine)] == ["ADDED"] * 3


def test_the_history_says_when_aliases_a_first_file_lacked_were_first_known(
    engine, settings, tmp_path: Path
) -> None:
    """The trial: `history ofac_sdn:29366` showed only "listed 2021-01-14": the first file (sdn.csv
    without alt.csv) did not give aliases, so the full set's are no change, but the history says
    from when they were known (FIRST_KNOWN, with the names), not that they were amended in."""
    from tracker.views import timeline_events

    _imp(engine, settings, _set(tmp_path, "daily", full=False), "2021-01-01")
    _imp(engine, settings, _set(tmp_path, "full"), "2021-02-01")
    _imp(engine, settings, _set(tmp_path, "full2"), "2021-03-01")  # known since: nothing new
    with engine.connect() as conn:
        changes = queries.entry_history(conn, "ofac_sdn", "29366").changes
    assert [(c["change"], c["at"][:10]) for c in changes] == [
        ("ADDED", "2021-01-01"),
        ("FIRST_KNOWN", "2021-02-01"),
    ]
    (names,) = [f for f in changes[1]["fields"] if f["field"] == "names"]
    assert {n["full"] for n in names["added"]} == DERKACH_ALIASES and changes[1]["components"] == [
        "addresses",
        "aliases",
    ]
    events = timeline_events(changes, datetime(2021, 1, 1))
    assert [e["event"] for e in events] == ["first seen", "addresses and aliases first known"]
    assert _log(engine) == sorted(_log(engine)) and {c for _, _, c, _ in _log(engine)} == {"ADDED"}


def test_show_names_aliases_first_known_in_words_not_as_the_json_kind(
    engine, settings, db_url: str, tmp_path: Path
) -> None:
    """Trial 4: `show ofac_sdn:29366` printed "2024-05-07  FIRST_KNOWN addresses +...", the JSON
    kind, where `history` says "addresses and aliases first known"; an amendment keeps its kind."""
    from typer.testing import CliRunner

    from tracker.cli import build_app

    _imp(engine, settings, _set(tmp_path, "daily", full=False), "2021-01-01")
    _imp(engine, settings, _set(tmp_path, "full"), "2021-02-01")
    edit = {"sdn.csv": ("DOB 19 Aug 1967", "DOB 20 Aug 1967")}
    _imp(engine, settings, _set(tmp_path, "full2", edit=edit), "2021-03-01")
    env = {"TRACKER_DATA_DIR": str(settings.data_dir), "TRACKER_DATABASE_URL": db_url}
    result = CliRunner().invoke(build_app(), ["show", "ofac_sdn:29366"], env=env)
    assert result.exit_code == 0, result.output
    history = result.output.split("history\n", 1)[1].splitlines()
    assert history[0].startswith("  2021-01-01  ADDED")
    assert history[1].startswith("  2021-02-01  addresses and aliases first known: ")
    assert "FIRST_KNOWN" not in result.output
    assert [line for line in history if line.startswith("  2021-03-01  MODIFIED")]


def test_what_a_daily_file_does_provide_is_compared(engine, settings, tmp_path: Path) -> None:
    _imp(engine, settings, _set(tmp_path, "full"), "2021-01-01")
    daily = _set(tmp_path, "daily", full=False, edit={"sdn.csv": ("DOB 19 Aug 1967", "DOB 20 Aug 1967")})
    assert _imp(engine, settings, daily, "2021-02-01") == (0, 0, 1)
    assert _log(engine)[-1] == ("2021-02-01", "29366", "MODIFIED", ["birth_dates"])
    assert _aliases(_at(engine, "2021-02-01")["29366"]) == DERKACH_ALIASES


def test_an_alias_dropped_by_a_full_set_is_a_change(engine, settings, tmp_path: Path) -> None:
    _imp(engine, settings, _set(tmp_path, "full1"), "2021-01-01")
    _imp(engine, settings, _set(tmp_path, "daily", full=False), "2021-02-01")
    dropped = _set(tmp_path, "full2", edit={"alt.csv": ('"DERKACH, Andriy",', '"DERKACH, Andrii",')})
    assert _imp(engine, settings, dropped, "2021-03-01") == (0, 0, 1)
    with engine.connect() as conn:
        (change,) = [
            c for c in queries.entry_history(conn, "ofac_sdn", "29366").changes if c["change"] == "MODIFIED"
        ]
    (names,) = change["fields"]
    assert [n["full"] for n in names["removed"]] == ["DERKACH, Andriy"]
    assert [n["full"] for n in names["added"]] == ["DERKACH, Andrii"]


def test_an_entry_listed_again_after_a_gap_keeps_its_aliases(engine, settings, tmp_path: Path) -> None:
    _imp(engine, settings, _set(tmp_path, "full"), "2021-01-01")
    row = next(
        line for line in (FIX / "sdn.csv").read_text().splitlines(keepends=True) if line.startswith("29366")
    )
    _imp(engine, settings, _set(tmp_path, "gap", full=False, edit={"sdn.csv": (row, "")}), "2021-02-01")
    assert _imp(engine, settings, _set(tmp_path, "back", full=False), "2021-03-01") == (1, 0, 0)
    assert _aliases(_at(engine, "2021-03-01")["29366"]) == DERKACH_ALIASES
    assert [c for d, k, c, _ in _log(engine) if k == "29366"] == ["ADDED", "REMOVED", "ADDED"]


def test_a_full_set_imported_before_daily_files_is_carried_forward(engine, settings, tmp_path: Path) -> None:
    _imp(engine, settings, _set(tmp_path, "daily1", full=False), "2021-02-01")
    _imp(engine, settings, _set(tmp_path, "daily2", full=False), "2021-03-01")
    assert "not_provided" in _at(engine, "2021-03-01")["29366"]
    assert _imp(engine, settings, _set(tmp_path, "full"), "2021-01-01") == (3, 0, 0)
    for date in ("2021-02-01", "2021-03-01"):
        state = _at(engine, date)
        assert _aliases(state["29366"]) == DERKACH_ALIASES and "not_provided" not in state["29366"], date
    assert [d for d, _, _, _ in _log(engine)] == ["2021-01-01"] * 3  # three ADDED, nothing else
    with engine.connect() as conn:
        counts = {
            s.timeline_at.date().isoformat(): (s.added, s.modified)
            for s in queries.snapshots(conn, "ofac_sdn")
        }
    assert counts == {"2021-01-01": (3, 0), "2021-02-01": (0, 0), "2021-03-01": (0, 0)}


def test_carried_forward_up_to_the_next_full_set_only(engine, settings, tmp_path: Path) -> None:
    """F0 (aliases A), daily D, F2 (aliases A); then F1 between F0 and D drops an alias: D carries F1's
    aliases, and F2, which lists the alias again, records it as added back."""
    _imp(engine, settings, _set(tmp_path, "f0"), "2021-01-01")
    _imp(engine, settings, _set(tmp_path, "d", full=False), "2021-03-01")
    _imp(engine, settings, _set(tmp_path, "f2"), "2021-04-01")
    assert [c for _, _, c, _ in _log(engine)] == ["ADDED"] * 3
    dropped = _set(tmp_path, "f1", edit={"alt.csv": ('"DERKACH, Andriy",', '"DERKACH, Andrii",')})
    assert _imp(engine, settings, dropped, "2021-02-01") == (0, 0, 1)
    assert _aliases(_at(engine, "2021-03-01")["29366"]) == {"DERKACH, Andrii", "DERKACH, Andrei"}
    assert _aliases(_at(engine, "2021-04-01")["29366"]) == DERKACH_ALIASES
    assert [(d, c) for d, k, c, _ in _log(engine) if k == "29366"] == [
        ("2021-01-01", "ADDED"),
        ("2021-02-01", "MODIFIED"),
        ("2021-04-01", "MODIFIED"),
    ]
    with engine.connect() as conn:
        counts = {s.timeline_at.date().isoformat(): s.modified for s in queries.snapshots(conn, "ofac_sdn")}
    assert counts == {"2021-01-01": 0, "2021-02-01": 1, "2021-03-01": 0, "2021-04-01": 1}


@pytest.mark.parametrize("first", ["daily", "full"])
def test_the_same_daily_file_twice_in_a_row_is_one_version(
    engine, settings, tmp_path: Path, first: str
) -> None:
    _imp(engine, settings, _set(tmp_path, "a", full=first == "full"), "2021-01-01")
    _imp(engine, settings, _set(tmp_path, "b", full=False), "2021-02-01")
    _imp(engine, settings, _set(tmp_path, "c", full=False), "2021-03-01")
    with engine.connect() as conn:
        history = queries.entry_history(conn, "ofac_sdn", "29366")
    assert len(history.versions) == 1


def _form1_import(
    engine: Engine, settings: Settings, path: Path, date: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Import as a tracker of canonical form 1 did: no fold, no "not provided"."""
    from tracker import landing
    from tracker.sources import ofac_csv, ofac_xml

    def unfolded(entry: Any) -> Any:
        return entry

    def form1_parse(p: Path) -> Any:
        parsed = SDN.parse(p)  # entries may be shared with the parser's row cache: copied, not changed
        parsed.entries = [dataclasses.replace(e, not_provided=frozenset()) for e in parsed.entries]
        return parsed

    with monkeypatch.context() as patch:
        patch.setattr(ofac_csv, "fold", unfolded)
        patch.setattr(ofac_xml, "fold", unfolded)
        patch.setattr(landing, "CANONICAL_FORM", 1)
        spec = dataclasses.replace(SDN, parse=form1_parse)
        when = datetime.fromisoformat(date)
        assert import_path(spec, path, engine=engine, settings=settings, published=when).status == "accepted"


def test_a_store_of_form_1_is_brought_to_the_current_form(
    engine, settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps = [(_set(tmp_path, "full"), "2021-01-01"), (_set(tmp_path, "daily", full=False), "2021-02-01")]
    steps.append((FIX.parent / "sdn_small.xml", "2024-05-07"))  # the XML's own date
    for path, date in steps:
        _form1_import(engine, settings, path, date, monkeypatch)
    # form 1: the daily file "removed" Derkach's aliases and the bank's address, the XML "added" them
    # back, and the XML's split address differed from the CSV's joined column
    assert [(d, k) for d, k, c, _ in _log(engine) if c == "MODIFIED"] == [
        ("2021-02-01", "29366"),
        ("2021-02-01", "306"),
        ("2024-05-07", "29366"),
        ("2024-05-07", "306"),
    ]
    with engine.connect() as conn:
        source_id = queries.source_id(conn, "ofac_sdn")
    assert bring_to_current_form(engine, source_id, SDN.fold) > 0
    assert bring_to_current_form(engine, source_id, SDN.fold) == 0  # once only

    direct = open_engine(f"sqlite:///{tmp_path / 'direct.db'}")
    try:
        for path, date in steps:
            _imp(direct, settings, path, date)
        assert _log(engine) == _log(direct) and {c for _, _, c, _ in _log(engine)} == {"ADDED"}
        for date in ("2021-01-01", "2021-02-01", "2024-05-07"):
            assert _at(engine, date) == _at(direct, date), date
    finally:
        direct.dispose()


def test_a_store_of_form_2_loses_the_website_change_between_formats(
    engine, settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Form 2 kept a 'Website ...' item of the XML's remarks as remarks, the CSV read it as an
    identifier: a CSV then the XML of one publication showed the entry MODIFIED (SDN 12870, 12871 on
    2024-05-03 / 2024-05-07). Brought to form 3, the change goes and nothing else changes."""
    from tracker import landing
    from tracker.sources import ofac_canonical
    from tracker.store import recanonical

    csv = _set(
        tmp_path, "csv", edit={"sdn.csv": ("\"a.k.a. 'BNC'.\"", "\"Website www.bnc.cu; a.k.a. 'BNC'.\"")}
    )
    xml = tmp_path / "sdn.xml"
    text = (FIX.parent / "sdn_small.xml").read_text()
    xml.write_text(
        text.replace(
            "<sdnType>Entity</sdnType>", "<sdnType>Entity</sdnType><remarks>Website www.bnc.cu</remarks>", 1
        )
    )
    steps = [(csv, "2021-01-01"), (xml, "2024-05-07")]
    with monkeypatch.context() as patch:  # form 2: the XML's remarks not read as fields
        patch.setattr(ofac_canonical, "parse_remarks", lambda entry, text: None)
        patch.setattr(landing, "CANONICAL_FORM", 2)
        patch.setattr(recanonical, "CANONICAL_FORM", 2)
        for path, date in steps:
            _imp(engine, settings, path, date)
    assert [(d, k, f) for d, k, c, f in _log(engine) if c == "MODIFIED"] == [
        ("2024-05-07", "306", ["identifiers", "remarks"])
    ]
    with engine.connect() as conn:
        source_id = queries.source_id(conn, "ofac_sdn")
    assert bring_to_current_form(engine, source_id, SDN.fold) == 1  # the XML's version of 306
    direct = open_engine(f"sqlite:///{tmp_path / 'direct.db'}")
    try:
        for path, date in steps:
            _imp(direct, settings, path, date)
        assert _log(engine) == _log(direct) and {c for _, _, c, _ in _log(engine)} == {"ADDED"}
        assert _at(engine, "2024-05-07") == _at(direct, "2024-05-07")
        assert _at(engine, "2024-05-07")["306"]["identifiers"] == [
            {"type": "Website", "number": "www.bnc.cu"}
        ]
    finally:
        direct.dispose()


def _history(engine: Engine) -> tuple[list[dict[str, str]], list[tuple[Any, ...]]]:
    dates = ["2021-01-01", "2021-02-01", "2021-03-01", "2021-04-01"]
    with engine.connect() as conn:
        sid = queries.source_id(conn, "ofac_sdn")
        states = [
            {k: v.content_hash for k, v in timeline.state(conn, sid, datetime.fromisoformat(d)).items()}
            for d in dates
        ]
        changes = sorted(
            (c["timeline_at"], c["source_id"], c["change"], json.dumps(c["fields"], sort_keys=True))
            for c in queries.change_log(conn, source="ofac_sdn")
        )
    return states, changes


def test_daily_files_imported_before_a_later_daily_give_the_in_order_history(
    engine, settings, tmp_path: Path
) -> None:
    """A store holding a full set and a later daily file; older daily files come in afterwards (an
    out-of-order backfill). Entries they carry over unchanged have no data of their own: comparing
    them with the later file once ended in an internal error."""
    full = _set(tmp_path, "full")
    d1 = _set(tmp_path, "d1", full=False)
    d2 = _set(
        tmp_path, "d2", full=False, edit={"sdn.csv": ("BANCO NACIONAL DE CUBA", "BANCO NACIONAL DE KUBA")}
    )
    d3 = _set(tmp_path, "d3", full=False, edit={"sdn.csv": ('"HORSE"', '"HORSE II"')})
    files = [(full, "2021-01-01"), (d1, "2021-02-01"), (d2, "2021-03-01"), (d3, "2021-04-01")]
    for path, date in (files[0], files[3], files[1], files[2]):
        _imp(engine, settings, path, date)
    in_order_settings = settings.model_copy(update={"database_url": f"sqlite:///{tmp_path / 'b.db'}"})
    in_order = open_engine(in_order_settings.resolved_database_url)
    try:
        for path, date in files:
            _imp(in_order, in_order_settings, path, date)
        assert _history(engine) == _history(in_order)
    finally:
        in_order.dispose()
    with engine.connect() as conn:
        counts = {
            s.timeline_at.date().isoformat(): (s.added, s.removed, s.modified)
            for s in queries.snapshots(conn, "ofac_sdn")
        }
    assert counts == {
        "2021-01-01": (3, 0, 0),
        "2021-02-01": (0, 0, 0),
        "2021-03-01": (0, 0, 1),
        "2021-04-01": (0, 0, 2),
    }
