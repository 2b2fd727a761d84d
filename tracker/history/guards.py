"""Sanity checks that keep a broken or partial download from becoming the current list."""

from __future__ import annotations

from datetime import datetime, timedelta

# An imported file (`tracker import`, an archived list) is checked for shrinking only against a
# stored snapshot this close in time (a sync, even of a local file, always is): lists change by more
# than 10 % over years (UN 2020-03-20 -> 2024-05-15: a real fall to 875 entries; OFAC's consolidated
# list 2018 -> 2024 likewise), while files a month apart change little.
IMPORT_GUARD_SPAN = timedelta(days=31)
# A file dated before a stored snapshot may hold fewer entries because the list grew since: the
# biggest growth in 31 days of OFAC's 308 daily SDN files (2021-2024) is 7 % (9,108 -> 9,809, Feb-Mar
# 2022), and a small list grows by larger shares. Against the snapshot after it a file is refused
# only when it lacks at least half of that one's entries (a cut-off file lacks most).
NEXT_SHRINK_FLOOR = 0.5


def guarded_against(previous_at: datetime | None, t: datetime, *, imported: bool) -> bool:
    """Whether a snapshot at ``t`` is checked against the previous one (at ``previous_at``): always
    for a sync, within IMPORT_GUARD_SPAN for an import (``imported``)."""
    return previous_at is not None and (not imported or t - previous_at <= IMPORT_GUARD_SPAN)


PREVIOUS = "the previous snapshot"
NEXT = "the snapshot after it"


def shrink_reason(
    new_count: int,
    compared_count: int | None,
    max_shrink: float,
    compared: str = PREVIOUS,
    at: datetime | None = None,
) -> str | None:
    """Why a list of ``new_count`` entries must not go into the history beside ``compared`` (PREVIOUS:
    the accepted snapshot it would replace; NEXT: the accepted one after it, at ``at``) of
    ``compared_count`` entries, or None. It must not when it holds no entries, or fewer than
    ``compared_count`` by more than ``max_shrink`` (a share). Against NEXT, a cut-off file dated
    before the stored list (an out-of-order import, a download stating an older date) would otherwise
    be kept, with every entry it lost "removed" and then "added" again in the change log: the caller
    passes at least NEXT_SHRINK_FLOOR there."""
    if new_count == 0:
        return "the file holds no entries"
    if compared_count and new_count < compared_count * (1.0 - max_shrink):
        fewer = 1.0 - new_count / compared_count
        when = f"{at:%Y-%m-%d}; " if at is not None else ""
        return (
            f"entry count {new_count:,} is {fewer:.0%} below the {compared_count:,} of {compared} "
            f"({when}limit {max_shrink:.0%}); use --force if this is real"
        )
    return None
