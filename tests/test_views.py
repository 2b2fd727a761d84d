"""tracker.views: the read-side answers the CLI and the API share."""

from __future__ import annotations

import pytest

from tests.toysource import TOY, write_list
from tracker.errors import NotFound, UsageError
from tracker.pipeline import import_path
from tracker.views import check_sources, entry_view, list_activity, sources_view

ROWS = {"29366": ("DERKACH, Andrii Leonidovych", "UKRAINE"), "29702": ("LIFSHITS, Artem", "CYBER2")}


@pytest.fixture
def stored(settings, engine, tmp_path):
    import_path(TOY, write_list(tmp_path, "a", "2020-09-10", ROWS), engine=engine, settings=settings)
    later = {"29366": ("DERKACH, Andrii Leonidovych", "UKRAINE;ELECTION"), "40001": ("SHEVCHENKO, O", "X")}
    import_path(
        TOY, write_list(tmp_path, "b", "2020-11-02", later), engine=engine, settings=settings, force=True
    )
    return engine


def test_activity_gives_sizes_and_monthly_changes_without_the_initial_load(stored):
    with stored.connect() as conn:
        (toy,) = list_activity(conn, ["toy"])
    assert toy["sizes"] == [{"date": "2020-09-10", "entries": 2}, {"date": "2020-11-02", "entries": 2}]
    assert toy["initial"] == 2
    assert toy["months"] == [{"month": "2020-11", "added": 1, "removed": 1, "modified": 1}]


def test_activity_of_an_empty_store_is_not_found(engine):
    with engine.connect() as conn, pytest.raises(NotFound):
        list_activity(conn)


def test_entry_view_has_timeline_with_facts_and_field_changes(stored):
    with stored.connect() as conn:
        body = entry_view(conn, "toy", "29366")
    # in the earliest stored snapshot: "first seen", as when it was listed is not known
    assert [e["event"] for e in body["timeline"]] == ["first seen", "amended"]
    assert "DERKACH" in body["timeline"][0]["facts"]
    (change,) = body["timeline"][1]["fields"]
    assert change["field"] == "programs" and "ELECTION" in change["after"]
    assert body["mentions"] == [] and body["listed"] is True
    with stored.connect() as conn:
        later = entry_view(conn, "toy", "40001")
    assert [e["event"] for e in later["timeline"]] == ["listed"] and "SHEVCHENKO" in later["timeline"][0][
        "facts"
    ]


def test_sources_and_unknown_source_names(stored):
    with stored.connect() as conn:
        rows = {r["source"]: r for r in sources_view(conn)}
        assert rows["toy"]["entries"] == 2 and rows["ofac_sdn"]["last_status"] == "never synced"
        assert check_sources(conn, ["toy", "toy", "ofac_sdn"]) == ["toy", "ofac_sdn"]
        with pytest.raises(UsageError, match="unknown source 'nope'"):
            check_sources(conn, ["nope"])


def test_a_source_row_left_by_an_interrupted_import_is_never_synced(engine):
    """An import cut short after it made the source's row but before its first snapshot showed "-"."""
    from tracker.store.snapshots import ensure_source

    ensure_source(engine, "un_sc")
    with engine.connect() as conn:
        row = {r["source"]: r for r in sources_view(conn)}["un_sc"]
    assert (row["snapshots"], row["last_status"]) == (0, "never synced")
