"""What a screening answer was checked against: each list's snapshot (source and date), and whether
the lists are current enough for "no match" to mean anything.

A list is *confirmed current* at the latest of: its snapshot's own date (publication, else its place
on the timeline), the newest accepted download of it over http(s), and the last sync that found it
unchanged at its http(s) URL. A file imported by hand or synced from a local path confirms only its
own date: an old file imported today is as old as its date. A list is *stale* when it was last
confirmed more than ``max_age_days`` ago. Retired lists (``SourceSpec.retired``, e.g. ``uk_ofsi``)
are reported but never count as stale: they cannot become more current.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from tracker.errors import TrackerError
from tracker.results import SyncStatus
from tracker.store.screening import ListSnapshot, list_snapshots


@dataclass(frozen=True, slots=True)
class ListChecked:
    """One list as a search saw it."""

    source: str
    snapshot_id: int
    date: str  # YYYY-MM-DD: the snapshot's publication date, else its place on the timeline
    confirmed_at: datetime  # the newest moment the store knows this list to have been current
    age_days: int | None  # whole days since confirmed_at; None for a search --as-of or a retired list
    stale: bool
    retired: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "snapshot_id": self.snapshot_id,
            "date": self.date,
            "confirmed_at": self.confirmed_at.isoformat(timespec="seconds"),
            "age_days": self.age_days,
            "stale": self.stale,
            "retired": self.retired,
        }

    @property
    def label(self) -> str:
        """ "ofac_sdn 2024-05-07" (+ " (stale: 40 days)")."""
        suffix = f" (stale: {self.age_days} days)" if self.stale else ""
        return f"{self.source} {self.date}{suffix}"


@dataclass(frozen=True, slots=True)
class Coverage:
    """The lists one search (or one batch) was checked against."""

    lists: tuple[ListChecked, ...]
    max_age_days: int  # 0: no age limit
    as_of: datetime | None
    # stored lists selected that hold no snapshot on or before ``as_of``: not checked, so a
    # "no match" says nothing of them (exit 4, as a stale list)
    not_checked: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.lists

    @property
    def stale(self) -> list[ListChecked]:
        return [c for c in self.lists if c.stale]

    @property
    def incomplete(self) -> bool:
        """A list selected was not checked, or is stale: no all clear (exit code 4)."""
        return bool(self.stale or self.not_checked)

    def not_checked_warning(self, width: int | None = None) -> str | None:
        """The lists left out of a search --as-of, in one line; within ``width`` characters the
        names that fit, then "and N more" (the answer's not_checked names them all)."""
        if not self.not_checked or self.as_of is None:
            return None
        head = f"not checked (no list by {self.as_of:%Y-%m-%d}): "
        names = list(self.not_checked)
        for shown in range(len(names), 0, -1):
            rest = len(names) - shown
            line = head + ", ".join(names[:shown]) + (f" and {rest} more" if rest else "")
            if width is None or len(line) <= width or shown == 1:
                return line
        return None  # unreachable: names is not empty

    @property
    def warnings(self) -> list[str]:
        """One line per stale list and one for the lists not checked (the reasons for exit code 4),
        for JSON answers: the CLI's `search --json` and the API's."""
        said = [
            f"{c.source}: list of {c.date}, last confirmed current {c.age_days} days ago "
            f"(limit {self.max_age_days} days): run `tracker sync {c.source}`"
            for c in self.stale
        ]
        missing = self.not_checked_warning()
        return said + ([missing] if missing else [])

    def of(self, source: str) -> ListChecked | None:
        return next((c for c in self.lists if c.source == source), None)

    def as_json(self) -> list[dict[str, Any]]:
        return [c.as_json() for c in self.lists]

    @property
    def label(self) -> str:
        checked = ", ".join(c.label for c in self.lists) or "no list"
        return checked + (f"; not checked: {', '.join(self.not_checked)}" if self.not_checked else "")


def coverage(
    conn: Connection,
    *,
    sources: Sequence[str] | None,
    as_of: datetime | None,
    max_age_days: int,
    now: datetime,
) -> Coverage:
    """The snapshot of every stored list (only ``sources`` when given) in force now, or at ``as_of``
    (then nothing is stale: a past state is asked for on purpose)."""
    rows = [r for r in list_snapshots(conn, as_of) if not sources or r.source in sources]
    checked = tuple(_checked(r, as_of=as_of, max_age_days=max_age_days, now=now) for r in rows)
    missing: tuple[str, ...] = ()
    if as_of is not None:  # a list first stored after that day was not searched: say so
        seen = {r.source for r in rows}
        missing = tuple(
            r.source
            for r in list_snapshots(conn)
            if r.source not in seen and (not sources or r.source in sources)
        )
    return Coverage(checked, max_age_days, as_of, missing)


def _checked(row: ListSnapshot, *, as_of: datetime | None, max_age_days: int, now: datetime) -> ListChecked:
    date = (row.published_at or row.timeline_at).date().isoformat()
    confirmed = confirmed_at(row)
    retired = is_retired(row.source)
    age = None if as_of is not None or retired else max(0, (now - confirmed).days)
    stale = age is not None and max_age_days > 0 and age > max_age_days
    return ListChecked(row.source, row.snapshot_id, date, confirmed, age, stale, retired)


def confirmed_at(row: ListSnapshot) -> datetime:
    """The newest moment the store knows the list was current (see the module docstring)."""
    moments = [row.published_at or row.timeline_at, row.timeline_at]
    if row.last_download_at is not None:
        moments.append(row.last_download_at)
    if (
        row.last_status == SyncStatus.UNCHANGED
        and row.last_checked_at is not None
        and (row.source_url or "").startswith(("http://", "https://"))
    ):
        moments.append(row.last_checked_at)
    return max(moments)


def is_retired(source: str) -> bool:
    """A registered list its publisher no longer updates (archives only)."""
    from tracker.sources.registry import get_source

    try:
        spec = get_source(source)
    except TrackerError:  # stored by a source no longer (or never) registered: judge it by its age
        return False
    return spec.retired
