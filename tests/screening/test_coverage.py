"""When a list counts as confirmed current, and when it is stale (tracker.screening.coverage)."""

from __future__ import annotations

from datetime import datetime

from tracker.screening.coverage import _checked, confirmed_at
from tracker.store.screening import ListSnapshot

NOW = datetime(2026, 6, 30, 12, 0)


def snapshot(**changes: object) -> ListSnapshot:
    values: dict[str, object] = {
        "source": "ofac_sdn",
        "snapshot_id": 1,
        "timeline_at": datetime(2024, 5, 7),
        "published_at": datetime(2024, 5, 7),
        "snapshot_url": None,
        "snapshot_fetched_at": datetime(2026, 6, 30),
        "last_download_at": None,
        "last_status": "accepted",
        "last_checked_at": datetime(2026, 6, 30),
        "source_url": None,
    }
    values.update(changes)
    return ListSnapshot(**values)  # type: ignore[arg-type]


def test_an_old_file_imported_today_is_as_old_as_its_date():
    row = snapshot()
    assert confirmed_at(row) == datetime(2024, 5, 7)
    checked = _checked(row, as_of=None, max_age_days=7, now=NOW)
    assert (checked.date, checked.age_days, checked.stale) == ("2024-05-07", 784, True)
    assert checked.label == "ofac_sdn 2024-05-07 (stale: 784 days)"


def test_a_download_over_http_confirms_the_list_when_it_was_fetched():
    row = snapshot(last_download_at=datetime(2026, 6, 28, 6, 0))
    checked = _checked(row, as_of=None, max_age_days=7, now=NOW)
    assert (checked.confirmed_at, checked.age_days, checked.stale) == (datetime(2026, 6, 28, 6, 0), 2, False)


def test_an_unchanged_answer_from_the_http_url_confirms_it_a_local_path_does_not():
    by_http = snapshot(
        last_status="unchanged", last_checked_at=datetime(2026, 6, 30, 6), source_url="https://x/sdn.xml"
    )
    assert confirmed_at(by_http) == datetime(2026, 6, 30, 6)
    by_path = snapshot(
        last_status="unchanged", last_checked_at=datetime(2026, 6, 30, 6), source_url="/srv/sdn.xml"
    )
    assert confirmed_at(by_path) == datetime(2024, 5, 7)
    failed = snapshot(
        last_status="failed", last_checked_at=datetime(2026, 6, 30, 6), source_url="https://x/sdn.xml"
    )
    assert confirmed_at(failed) == datetime(2024, 5, 7)  # a failed check confirms nothing


def test_no_limit_as_of_and_retired_lists_are_never_stale():
    assert not _checked(snapshot(), as_of=None, max_age_days=0, now=NOW).stale
    past = _checked(snapshot(), as_of=datetime(2024, 6, 1), max_age_days=7, now=NOW)
    assert (past.age_days, past.stale) == (None, False)
    retired = _checked(snapshot(source="uk_ofsi"), as_of=None, max_age_days=7, now=NOW)
    assert (retired.retired, retired.stale, retired.age_days) == (True, False, None)
