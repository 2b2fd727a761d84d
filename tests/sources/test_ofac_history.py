"""History on real OFAC files: designations appear as ADDED, the 2022-04-29 step is 499 amendments,
and importing out of order gives the same answers."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.conftest import real_file
from tracker.pipeline import import_path
from tracker.sources.registry import get_source
from tracker.store import queries

# History only: the post-sync index refreshers are covered by tests/test_pipeline.py.
pytestmark = pytest.mark.usefixtures("no_index_refresh")

DERKACH_GROUP = {"29366", "29702", "29703", "29745"}


def _import(engine, settings, relative: str, published: str):
    spec = get_source("ofac_sdn")
    path = real_file(relative)
    return import_path(
        spec, path, engine=engine, settings=settings, published=datetime.fromisoformat(published)
    )


@pytest.mark.slow
@pytest.mark.parametrize("order", ["in order", "newest first"])
def test_2020_designations_are_added_between_2019_and_2021(engine, settings, order):
    steps = [("ofac/2019-01-04", "2019-01-04"), ("ofac/2021-04-25", "2021-04-25")]
    if order == "newest first":
        steps.reverse()
    for folder, date in steps:
        assert _import(engine, settings, folder, date).status == "accepted"
    with engine.connect() as conn:
        log = queries.change_log(conn, source="ofac_sdn", since=datetime(2021, 1, 1))
        added = {c["source_id"] for c in log if c["change"] == "ADDED"}
        assert added >= DERKACH_GROUP
        derkach = queries.entry_history(conn, "ofac_sdn", "29366")
        snapshots = {s.timeline_at.date().isoformat(): s for s in queries.snapshots(conn, "ofac_sdn")}
    assert derkach.primary_name == "DERKACH, Andrii Leonidovych"
    assert derkach.first_seen == datetime(2021, 4, 25) and derkach.removed_at is None
    assert snapshots["2019-01-04"].entry_count == 7379 and snapshots["2021-04-25"].entry_count == 8890
    # the netted step 2019 -> 2021 equals the raw uid sets' difference
    old_ids = _raw_uids("ofac/2019-01-04/sdn.csv.gz")
    new_ids = _raw_uids("ofac/2021-04-25/sdn.csv.gz")
    assert snapshots["2021-04-25"].added == len(new_ids - old_ids)
    assert snapshots["2021-04-25"].removed == len(old_ids - new_ids)


@pytest.mark.slow
def test_2022_04_22_to_29_is_498_modified_and_nothing_else(engine, settings):
    """499 rows differ, one (17018) only inside a remarks column cut at 1,000 characters: not compared."""
    _import(engine, settings, "ofac/jackdwyer_daily/2022-04-22T1851Z/sdn.csv.gz", "2022-04-22T18:51")
    result = _import(engine, settings, "ofac/jackdwyer_daily/2022-04-29T1852Z/sdn.csv.gz", "2022-04-29T18:52")
    assert (result.added, result.removed, result.modified) == (0, 0, 498)
    with engine.connect() as conn:
        log = queries.change_log(conn, source="ofac_sdn", since=datetime(2022, 4, 23))
    assert len(log) == 498 and all(c["change"] == "MODIFIED" and c["fields"] for c in log)


def _raw_uids(relative: str) -> set[str]:
    import csv
    import gzip
    import io

    with gzip.open(real_file(relative), "rb") as fh:
        text = io.TextIOWrapper(fh, encoding="latin-1", newline="")
        return {row[0].strip() for row in csv.reader(text) if row and row[0].strip().isdigit()}
