"""The shrink guard: a list that lost too many entries at once is held back (unless forced)."""

from __future__ import annotations

import pytest

from tracker.history.guards import shrink_reason


def test_an_empty_list_is_always_rejected() -> None:
    assert shrink_reason(0, None, 0.5) == "the file holds no entries"
    assert shrink_reason(0, 10, 1.0) == "the file holds no entries"


def test_the_first_snapshot_has_nothing_to_shrink_from() -> None:
    assert shrink_reason(3, None, 0.1) is None


@pytest.mark.parametrize(("new", "ok"), [(16_000, True), (8_000, True), (7_999, False), (10, False)])
def test_a_drop_beyond_the_limit_is_rejected_and_at_the_limit_is_not(new: int, ok: bool) -> None:
    reason = shrink_reason(new, 16_000, 0.5)
    assert (reason is None) == ok
    if not ok:
        assert reason is not None
        assert (
            reason.startswith(f"entry count {new:,} is ") and "of the previous snapshot (limit 50%)" in reason
        )
        assert reason.endswith("use --force if this is real")


def test_a_grown_list_passes() -> None:
    assert shrink_reason(20_000, 16_000, 0.0) is None


def test_the_reason_states_the_drop() -> None:
    assert shrink_reason(100, 1_000, 0.2) == (
        "entry count 100 is 90% below the 1,000 of the previous snapshot (limit 20%); use --force if this is real"
    )


def test_a_file_before_a_stored_snapshot_is_refused_only_when_it_lacks_half_its_entries() -> None:
    from datetime import datetime

    from tracker.history.guards import NEXT, NEXT_SHRINK_FLOOR

    at = datetime(2022, 3, 25)
    limit = max(0.1, NEXT_SHRINK_FLOOR)
    assert shrink_reason(9_108, 9_809, limit, NEXT, at) is None  # OFAC's biggest month of growth
    assert shrink_reason(4_905, 9_809, limit, NEXT, at) is None  # at the 50 % floor
    assert shrink_reason(4_904, 9_809, limit, NEXT, at) == (
        "entry count 4,904 is 50% below the 9,809 of the snapshot after it (2022-03-25; limit 50%); "
        "use --force if this is real"
    )
    assert shrink_reason(10, 100, max(0.95, NEXT_SHRINK_FLOOR), NEXT, at) is None  # a looser limit holds
