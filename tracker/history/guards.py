"""Sanity checks that keep a broken or partial download from becoming the current list."""

from __future__ import annotations

from datetime import datetime, timedelta

# An imported file (`tracker import`, an archived list) is checked for shrinking only against a
# stored snapshot this close in time (a sync, even of a local file, always is): lists change by more
# than 10 % over years (UN 2020-03-20 -> 2024-05-15: a real fall to 875 entries; OFAC's consolidated
# list 2018 -> 2024 likewise), while files a month apart change little.
IMPORT_GUARD_SPAN = timedelta(days=31)


def guarded_against(previous_at: datetime | None, t: datetime, *, imported: bool) -> bool:
    """Whether a snapshot at ``t`` is checked against the previous one (at ``previous_at``): always
    for a sync, within IMPORT_GUARD_SPAN for an import (``imported``)."""
    return previous_at is not None and (not imported or t - previous_at <= IMPORT_GUARD_SPAN)


def shrink_reason(new_count: int, previous_count: int | None, max_shrink: float) -> str | None:
    """Why a list of ``new_count`` entries must not replace one of ``previous_count``, or None."""
    if new_count == 0:
        return "the file holds no entries"
    if previous_count and new_count < previous_count * (1.0 - max_shrink):
        drop = 1.0 - new_count / previous_count
        return (
            f"entry count fell from {previous_count:,} to {new_count:,} ({drop:.0%} drop, "
            f"limit {max_shrink:.0%}); use --force if this is real"
        )
    return None
