"""Land one parsed list file as a snapshot of its source, in one write transaction: a file already
stored is recognised, the snapshot gets a free position on the timeline, the shrink guard may hold it
back (kept as a rejected snapshot), and otherwise the history is brought to it (tracker.store.apply).

A stage of tracker.pipeline (sync and import both end here); it does not refresh the indexes built
from the store: the pipeline does, once per batch.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import Connection, Engine

from tracker.errors import UsageError
from tracker.history.guards import NEXT, NEXT_SHRINK_FLOOR, guarded_against, shrink_reason
from tracker.interrupts import committing
from tracker.prepared import PreparedFile, prepare_file
from tracker.records import CANONICAL_FORM
from tracker.results import SyncResult, SyncStatus
from tracker.series import date_in_name
from tracker.settings import Settings
from tracker.sources.base import SourceSpec
from tracker.store import snapshots
from tracker.store.apply import ApplyCounts, apply_snapshot, neighbours
from tracker.store.carry import not_provided_map
from tracker.store.db import write_transaction
from tracker.store.locks import single_flight
from tracker.store.models import SnapshotStatus, utcnow
from tracker.store.recanonical import bring_to_current_form
from tracker.store.snapshots import SnapshotFacts
from tracker.store.state_cache import remember_state

log = logging.getLogger(__name__)
# A list published "today" where its publisher is may be dated a day ahead of UTC (Canberra).
_CLOCK_SLACK = timedelta(days=1)
# No sanctions list of named persons is older than the US "Proclaimed List of Certain Blocked
# Nationals" (Presidential Proclamation 2497, 17 July 1941; Statutes at Large vol. 55 part 2, and
# the State Department's press release of that day, FRUS 1941 vol. VI doc. 313): a list dated
# before it has a wrong date.
FIRST_LIST_DAY = datetime(1941, 7, 17)


def wrong_list_date(when: datetime, now: datetime) -> str | None:
    """Why ``when`` cannot be a list's publication date (more than a day after ``now``, or before
    FIRST_LIST_DAY), or None when it can."""
    if when > now + _CLOCK_SLACK:  # would stay "current" over every real file after it
        return f"dated {when:%Y-%m-%d}, in the future: a wrong date (or clock)"
    if when < FIRST_LIST_DAY:
        return (
            f"dated {when:%Y-%m-%d}, before any sanctions list (the first, the US Proclaimed List of "
            f"Certain Blocked Nationals, is of {FIRST_LIST_DAY:%Y-%m-%d}): a wrong date"
        )
    return None


def check_published(when: datetime | None, now: datetime, option: str = "--published") -> None:
    """UsageError when a date given by hand for a list file cannot be its publication date
    (wrong_list_date): refused whatever the file says, never ignored silently."""
    wrong = None if when is None else wrong_list_date(when, now)
    if wrong is not None:
        raise UsageError(f"{option} {wrong}; refused")


@single_flight
def apply_file(
    spec: SourceSpec,
    path: Path,
    *,
    engine: Engine,
    settings: Settings,
    sha256: str | None,
    url: str | None,
    fetched_at: datetime,
    force: bool,
    default_time: datetime | None,
    require_time: bool = False,
    prepared: PreparedFile | None = None,
    label: str | None = None,
    logged: set[str] | None = None,
    shown: str | None = None,
) -> SyncResult:
    """Parse ``path`` (unless ``prepared``) and apply it in one transaction; record a rejected snapshot
    when it must not land.

    The snapshot's timeline position is the file's own date, else ``default_time``, else
    ``fetched_at``; with ``require_time`` (a file given by hand) the date in its name or folder's name
    instead of ``fetched_at``, else UsageError (dated_by_hand). ``label`` names the file in the store
    and in messages when ``path`` is a temporary copy (an archive member: ``history.tar.xz:sdn.csv``).
    ``logged``: the warnings of a series logged so far (their kinds, see ``warning_kind``); a warning of
    a kind already logged is stored with the snapshot but not logged again. ``shown``: how a
    rejection names the file (the path or URL the user gave for a download; see prepare_file).
    """
    source = snapshots.ensure_source(engine, spec.name)
    source_id = int(source.id)
    if source.canonical_form < CANONICAL_FORM:  # stored by an older tracker: compare like with like
        bring_to_current_form(engine, source_id, spec.fold)
    facts = SnapshotFacts(source_id, fetched_at, sha256, url, label or str(path))
    prepared = prepared or prepare_file(spec, path, sha256, shown=shown)
    t = prepared.published_at or default_time
    if prepared.error is not None:
        snapshots.record_rejection(engine, facts, t or fetched_at, prepared.published_at, prepared.error)
        return SyncResult(spec.name, SyncStatus.REJECTED, reason=prepared.error)
    if t is None and require_time:  # a file given by hand: as old as its date, never "today"
        t = dated_by_hand(spec.name, shown or label or str(path))
    t = t or fetched_at
    wrong = wrong_list_date(t, utcnow())
    if wrong is not None:
        reason = f"{wrong}; refused"
        snapshots.record_rejection(engine, facts, fetched_at, prepared.published_at, reason)
        return SyncResult(spec.name, SyncStatus.REJECTED, reason=reason)
    facts.format = prepared.format or None
    facts.warnings = "\n".join(prepared.warnings) or None
    lacking = not_provided_map(prepared.content)
    facts.not_provided = json.dumps(lacking) if lacking else None
    with write_transaction(engine) as conn:
        result, counts = _store(
            conn, spec.name, facts, t, prepared, settings.max_shrink, force=force, imported=url is None
        )
        committing()  # the block's end commits: a Ctrl-C now waits for the file's report
    if counts is None:
        return result
    with engine.connect() as conn:  # committed: the next import in this process can start from them
        remember_state(conn, source_id, counts.states or {})
    for warning in prepared.warnings[:20]:
        kind = warning_kind(warning, path.name)
        if logged is None or kind not in logged:
            log.warning("%s: %s", spec.name, naming_the_file(warning, label or str(path)))
        if logged is not None:
            logged.add(kind)
    return result


def dated_by_hand(source: str, where: str) -> datetime:
    """The date of a list file given by hand (import, sync --url PATH) that states none: the date in
    its name, else in its folder's name (``2023-11-30/dpl.txt``). Such a file is as old as its date
    (README), never "published today". Raises UsageError when its name holds no date either."""
    named = date_in_name(Path(where))
    if named is None:
        raise UsageError(
            f"{where} carries no publication date, and its name none either (e.g. 2021-04-25 or "
            f"20210425T1850Z); import it with `tracker import {source} PATH --published YYYY-MM-DD`"
        )
    return named


def naming_the_file(warning: str, where: str) -> str:
    """A parser's warning as logged: it names the file by its own name (``sdn.csv.gz: no alt.csv
    beside it``), the same in every dated folder of a series; the log names the file or folder the
    import read (``.../ofac/2015-01-17: sdn.csv.gz: ...``, ``history.tar.xz:2019-01-04``)."""
    head, sep, rest = warning.partition(": ")
    if sep and head == Path(where).name:
        return f"{where}: {rest}"
    return warning if where in warning else f"{where}: {warning}"


def warning_kind(warning: str, file_name: str) -> str:
    """A warning without what changes from file to file of a series (the file's name, counts):
    "no alt.csv beside it" is said once for 308 daily files, not 308 times."""
    return re.sub(r"\d[\d,]*", "#", warning.replace(file_name, ""))


def _store(
    conn: Connection,
    name: str,
    facts: SnapshotFacts,
    t: datetime,
    prepared: PreparedFile,
    max_shrink: float,
    *,
    force: bool,
    imported: bool,
) -> tuple[SyncResult, ApplyCounts | None]:
    """apply_file's write transaction: skip a file already stored, guard, then apply. Returns the
    result and, when the snapshot was applied, the apply counts."""
    published, entries, source_id = prepared.published_at, len(prepared.content), facts.source_id
    duplicate = snapshots.stored_copy(conn, source_id, facts.sha256, t)
    if duplicate is not None:
        reason = "this file is already stored"
        snapshots.mark_unchanged(conn, source_id, facts.fetched_at)
        return SyncResult(
            name,
            SyncStatus.UNCHANGED,
            published_at=published,
            timeline_at=duplicate.timeline_at,
            entries=entries,
            reason=reason,
            snapshot_id=duplicate.id,
        ), None
    t = snapshots.free_timeline_slot(conn, source_id, t)
    prev, nxt = neighbours(conn, source_id, t)  # the accepted snapshots around t: rejected ones never count
    near = prev is not None and guarded_against(prev.timeline_at, t, imported=imported)
    guard = shrink_reason(entries, prev.entry_count if prev is not None and near else None, max_shrink)
    if guard is None and nxt is not None and guarded_against(t, nxt.timeline_at, imported=imported):
        # dated before a stored snapshot: checked against that one too (the accepted one after it)
        limit = max(max_shrink, NEXT_SHRINK_FLOOR)
        guard = shrink_reason(entries, nxt.entry_count, limit, NEXT, nxt.timeline_at)
    if guard and not force:
        snapshot_id = snapshots.reject_snapshot(
            conn, facts, t=t, published=published, reason=guard, entries=entries
        )
        return SyncResult(
            name, SyncStatus.REJECTED, published, t, entries, reason=guard, snapshot_id=snapshot_id
        ), None
    note = f"forced past guard: {guard}" if guard else None
    snapshot_id = snapshots.insert_snapshot(
        conn, facts, t=t, published=published, status=SnapshotStatus.ACCEPTED, reason=note, entries=entries
    )
    counts = apply_snapshot(conn, source_id=source_id, snapshot_id=snapshot_id, t=t, content=prepared.content)
    snapshots.finish_accepted(
        conn, facts, snapshot_id, added=counts.added, removed=counts.removed, modified=counts.modified
    )
    result = SyncResult(
        name,
        SyncStatus.ACCEPTED,
        published,
        t,
        entries,
        counts.added,
        counts.removed,
        counts.modified,
        reason=note,
        forced=bool(guard),
        warnings=prepared.warnings,
        snapshot_id=snapshot_id,
    )
    return result, counts
