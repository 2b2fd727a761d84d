"""Sanity checks that keep a broken or partial download from becoming the current list."""

from __future__ import annotations


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
