"""Read-side views shared by the CLI and the HTTP API, so both give the same answer to one question.

Each function returns JSON-ready dicts and lists (ISO date strings, no datetimes): the sources with
their state, one entry with its timeline and mentions, the stored mentions of a name, each list's
size and monthly changes (the API's changes plot), from an open connection; and the result of a
sync or import. The SQL is in tracker.store; this module only assembles.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from tracker.errors import NotFound, UsageError
from tracker.report import render
from tracker.results import SyncResult
from tracker.store import queries
from tracker.store.models import ChangeKind, SnapshotStatus
from tracker.store.timeline import stored_sources, version_starting


def known_sources(conn: Connection) -> list[str]:
    """Registered list names, then any other source already in the store (a test list, a retired one)."""
    from tracker.sources.registry import source_names
    from tracker.store.news import stored_source_names

    return list(dict.fromkeys(source_names() + stored_source_names(conn)))


def check_sources(conn: Connection, names: Iterable[str]) -> list[str]:
    """``names`` (duplicates dropped) if every one is a known source; UsageError naming the first that is not."""
    wanted = list(dict.fromkeys(names))
    known = known_sources(conn)
    for name in wanted:
        if name not in known:
            raise UsageError(f"unknown source {name!r} (known: {', '.join(known)})")
    return wanted


def sources_view(conn: Connection) -> list[dict[str, Any]]:
    """Every registered or stored source: title, entries listed now, snapshots, last accepted snapshot
    (published_at / timeline_at / fetched_at), last status and error; "never synced" when nothing is stored (no row, or the row of an import
    interrupted before its first snapshot)."""
    from tracker.sources.registry import get_source, source_names

    stored = {row["source"]: row for row in queries.sources_overview(conn)}
    rows = []
    for name in dict.fromkeys(source_names() + list(stored)):
        row = stored.get(name) or {
            "source": name,
            "entries": 0,
            "snapshots": 0,
            "last_status": "never synced",
        }
        if not row.get("last_status") and not row["snapshots"]:  # a row made by a run that was cut short
            row["last_status"] = "never synced"
        try:
            row["title"] = get_source(name).title
        except Exception:  # a stored source no longer registered (a test list, a renamed one)
            row["title"] = ""
        rows.append(row)
    return rows


def timeline_events(
    changes: list[dict[str, Any]], first_snapshot: datetime | None = None
) -> list[dict[str, Any]]:
    """Change rows (``EntryHistory.changes``) -> events: first seen / listed / amended (with readable
    field changes) / delisted / relisted / "aliases first known" (queries.FIRST_KNOWN); each {date, event, snapshot_id, fields: [{field, before,
    after, list}]}. "first seen": added in the source's earliest stored snapshot (``first_snapshot``),
    so when it was listed is not known from the history; "listed": it appeared in a later snapshot."""
    from tracker.report.diff import fmt_time

    events = []
    seen_listed = False
    for change in changes:
        kind = change["change"]
        if kind == ChangeKind.ADDED:
            if seen_listed:
                event = "relisted"
            elif first_snapshot is not None and datetime.fromisoformat(change["at"]) <= first_snapshot:
                event = "first seen"
            else:
                event = "listed"
            seen_listed = True
        elif kind == queries.FIRST_KNOWN:  # the earlier files lacked these parts: not an amendment
            event = f"{' and '.join(change['components'])} first known"
        else:
            event = "delisted" if kind == ChangeKind.REMOVED else "amended"
        fields = []
        for item in change.get("fields") or []:
            before, after = render.change_texts(item)
            fields.append(
                {
                    "field": item["field"],
                    "before": before,
                    "after": after,
                    "list": "added" in item or "removed" in item,
                }
            )
        events.append(
            {
                "date": fmt_time(datetime.fromisoformat(change.get("published_at") or change["at"])),
                "event": event,
                "snapshot_id": change["snapshot_id"],
                "fields": fields,
            }
        )
    return events


def entry_timeline(
    conn: Connection, source: str, key: str, changes: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """``timeline_events`` with, on each first seen / listed / relisted event, ``facts``: a one-line
    summary of the entry as it was listed then."""
    from tracker.store.screening import first_snapshot_at

    timeline = timeline_events(changes, first_snapshot_at(conn, source))
    source_id = stored_sources(conn)[source]
    for event, change in zip(timeline, changes, strict=True):
        if event["event"] in {"first seen", "listed", "relisted"}:
            data = version_starting(conn, source_id, key, datetime.fromisoformat(change["at"]))
            event["facts"] = render.summary_text(json.loads(data)) if data else ""
    return timeline


def entry_view(conn: Connection, source: str, key: str, *, mentions: int = 5) -> dict[str, Any]:
    """One entry: ``EntryHistory.as_json()`` (current data, versions, changes) plus ``timeline``
    (``entry_timeline``) and its latest ``mentions`` in the news. NotFound for an unknown source or id."""
    from tracker.store.news import recent_mentions  # the news tables load only when asked

    history = queries.entry_history(conn, source, key)
    body = history.as_json()
    body["timeline"] = entry_timeline(conn, source, key, history.changes)
    body["mentions"] = recent_mentions(conn, source, key, limit=mentions)
    return body


def mentions_view(
    conn: Connection, name: str | None = None, *, since: datetime | None = None, limit: int | None = 200
) -> list[dict[str, Any]]:
    """Stored news mentions, newest first, one per person mention with all their ``listings``
    (tracker.news.mentions.person_mentions); with ``name`` (a name or SOURCE:ID) only those of that
    person, matched as a watch would match any of their listings (tracker.news.alerts.matches).
    UsageError for a bad name."""
    from tracker.news.alerts import matches, parse_watch
    from tracker.news.mentions import person_mentions
    from tracker.store.news import list_mentions

    rows = person_mentions(list_mentions(conn, since=since))
    if name is not None:
        text, source, key = parse_watch(name, known_sources(conn), "to find the mentions of")
        rows = [
            m
            for m in rows
            if any(
                matches(
                    text,
                    source,
                    key,
                    (listing["source"], listing["source_id"]),
                    listing["name"],
                    listing["matched_name"],
                    m["matched_text"],
                )
                for listing in m["listings"]
            )
        ]
    return rows[:limit] if limit else rows


def list_activity(conn: Connection, sources: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Per stored source, from its accepted snapshots: ``sizes`` [{date, entries}] (the list's size over
    time) and ``months`` [{month "YYYY-MM", added, removed, modified}]. The first snapshot's additions
    are the initial load, not news: they are reported as ``initial`` and left out of ``months``.
    NotFound when the store holds no snapshot at all."""
    wanted = set(sources) if sources else None
    by_source: dict[str, list[Any]] = {}
    for snap in queries.snapshots(conn):
        if snap.status == SnapshotStatus.ACCEPTED and (wanted is None or snap.source in wanted):
            by_source.setdefault(snap.source, []).append(snap)
    if not by_source:
        raise NotFound("no list is loaded yet: run `tracker sync` or `tracker import` first")
    result = []
    for source, snaps in sorted(by_source.items()):
        months: dict[str, dict[str, Any]] = {}
        for snap in snaps[1:]:
            month = snap.timeline_at.strftime("%Y-%m")
            counts = months.setdefault(month, {"month": month, "added": 0, "removed": 0, "modified": 0})
            counts["added"] += snap.added
            counts["removed"] += snap.removed
            counts["modified"] += snap.modified
        result.append(
            {
                "source": source,
                "initial": snaps[0].entry_count,
                "sizes": [
                    {"date": snap.timeline_at.date().isoformat(), "entries": snap.entry_count}
                    for snap in snaps
                ],
                "months": list(months.values()),
            }
        )
    return result


def sync_result_json(result: SyncResult) -> dict[str, Any]:
    """One source's sync or import result (`tracker sync --json`, the API's sync runs): status
    (accepted, unchanged, skipped, rejected, failed), dates as ISO text, counts of entries and of
    changes, the reason of a refusal or failure, and how many warnings the parse gave."""
    r = result
    return {
        "source": r.source,
        "status": str(r.status),
        "published_at": r.published_at.isoformat() if r.published_at else None,
        "timeline_at": r.timeline_at.isoformat() if r.timeline_at else None,
        "entries": r.entries,
        "added": r.added,
        "removed": r.removed,
        "modified": r.modified,
        "reason": r.reason,
        "forced": r.forced,
        "warnings": len(r.warnings),
    }
