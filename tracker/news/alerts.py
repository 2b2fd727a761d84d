"""Watchlist and alerts: a watched person newly mentioned in the news, or their listing changed.

A watch is a free-text name ("Derkach", "Artem Lifshits") or a list key ("ofac_sdn:29366", which must
be stored). A free-text watch matches an entry when every word of it is, up to transliteration, a word
of the entry's name or of the text that named it (case never matters).

An event is one list change of one entry (raised by every sync or import that lands a snapshot:
tracker.pipeline runs ``check_alerts`` after it), or one mention of one person in one article: the
entries of one person on several lists, named at the same place in the text, are one event. Each
event alerts once, with a unique key, naming every watch it concerns; it is logged, listed by
`tracker alerts` until acknowledged, and delivered to the webhook once (a failed delivery is retried
on the next check).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx
from sqlalchemy import Connection
from sqlalchemy.engine import Engine

from tracker.errors import NotFound, UsageError
from tracker.names import name_tokens, skeleton_key
from tracker.news.inputs import article_label
from tracker.settings import Settings
from tracker.store import alerts as store
from tracker.store.db import write_transaction
from tracker.store.news import StoredRow
from tracker.store.news_models import AlertKind

log = logging.getLogger("tracker.alerts")


@dataclass(frozen=True, slots=True)
class Watch:
    id: int
    text: str
    source: str | None
    source_key: str | None
    added_at: datetime

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "watch": self.text,
            "source": self.source,
            "source_id": self.source_key,
            "added_at": self.added_at.isoformat(),
        }


def parse_watch(
    text: str, known_sources: list[str], purpose: str = "to watch"
) -> tuple[str, str | None, str | None]:
    """ "ofac_sdn:29366" -> a key watch; anything else -> a name watch (at least two letters).
    ``purpose`` ends the error lines: what the name is for ("to watch"; `mentions`: "to find the
    mentions of", trial 4: `tracker mentions x` said "'x' is not a name to watch")."""
    text = " ".join(text.split())
    if not text:
        raise UsageError(f"give a name or SOURCE:ID {purpose}")
    source, sep, key = text.partition(":")
    if sep and source in known_sources:
        if not key.strip():
            raise UsageError(f"{text!r}: give the id after {source}:")
        return text, source, key.strip()
    if sum(c.isalpha() for c in text) < 2:
        raise UsageError(f"{text!r} is not a name {purpose}: give at least two letters")
    return text, None, None


def add_watch(engine: Engine, text: str, known_sources: list[str]) -> Watch:
    """Watch a name or SOURCE:ID (see ``parse_watch``); the existing watch when it is there already
    (up to case). NotFound for a SOURCE:ID that is not stored."""
    text, source, key = parse_watch(text, known_sources)
    with write_transaction(engine) as conn:
        if source is not None and key is not None and not store.entry_stored(conn, source, key):
            raise NotFound(f"{source}:{key} is not in the store (find the id with `tracker search NAME`)")
        row = store.watch_by_text(conn, text)
        if row is None:
            row = store.insert_watch(conn, text, source, key)
    return _watch(row)


def list_watches(conn: Connection) -> list[Watch]:
    """The watchlist, oldest first."""
    return [_watch(r) for r in store.watches(conn)]


def remove_watch(engine: Engine, text_or_id: str) -> Watch:
    """Stop watching (by the watch's text, any case, or its id) and forget its alerts; NotFound if
    not watched."""
    with write_transaction(engine) as conn:
        text = " ".join(text_or_id.split())
        row = store.watch_by_text(conn, text)
        if row is None and text.isdigit():
            row = store.watch_by_id(conn, int(text))
        if row is None:
            raise NotFound(f"{text_or_id!r} is not on the watchlist (see `tracker watch list`)")
        store.delete_watch(conn, row.id)
    return _watch(row)


def _watch(row: StoredRow) -> Watch:
    return Watch(row.id, row.text, row.source, row.source_key, row.added_at)


def _skeletons(text: str) -> set[str]:
    return {skeleton_key(t) for t in name_tokens(text)}


def matches(
    text: str, source: str | None, source_key: str | None, entry: tuple[str, str], *names: str
) -> bool:
    """Does a watch (``parse_watch``'s text, source, key) name this entry? A key watch: the same key.
    A name watch: every word of it is, up to transliteration, a word of one of ``names`` (the entry's
    name, the listed name or the text that named it)."""
    if source is not None:
        return (source, source_key) == entry
    wanted = _skeletons(text)
    return bool(wanted) and any(wanted <= _skeletons(name) for name in names if name)


def check_alerts(
    engine: Engine, *, webhook_url: str | None = None, client: httpx.Client | None = None
) -> list[dict[str, Any]]:
    """Create alerts for new mentions and list changes of watched persons; log them; deliver them to
    ``webhook_url`` with ``client`` (tracker.http.new_client; required with a webhook). Returns the
    new alerts' payloads."""
    if webhook_url and client is None:
        raise ValueError("delivering alerts to a webhook needs an HTTP client")
    created: list[dict[str, Any]] = []
    with write_transaction(engine) as conn:
        watches = list_watches(conn)
        if watches:
            since = min(w.added_at for w in watches)
            for event in _mention_events(conn, since) + _change_events(conn, since):
                fired = [
                    w
                    for w in watches
                    if event["at"] >= w.added_at and any(_concerns(w, match) for match in event["matches"])
                ]
                alert = _create(conn, fired, event) if fired else None
                if alert is not None:
                    created.append(alert)
    for alert in created:
        log.warning("ALERT %s", alert["message"])
    if webhook_url and client is not None:
        deliver(engine, webhook_url, client=client)
    return created


def _concerns(watch: Watch, match: tuple[str, ...]) -> bool:
    source, key, *names = match
    return matches(watch.text, watch.source, watch.source_key, (source, key), *names)


def _people(rows: list[Any]) -> list[list[Any]]:
    """One article's mentions grouped by person: entries named at the same offset of the text (one
    person on several lists) are one person. Each group: its mentions, first offset first."""
    parent: dict[int, int] = {}

    def root(entry: int) -> int:
        while parent.setdefault(entry, entry) != entry:
            entry = parent[entry]
        return entry

    first_at: dict[int, int] = {}
    for r in rows:
        other = first_at.setdefault(r.start, r.entry_id)
        parent[root(r.entry_id)] = root(other)
    groups: dict[int, list[Any]] = {}
    for r in sorted(rows, key=lambda r: (r.start, r.entry_id)):
        groups.setdefault(root(r.entry_id), []).append(r)
    return list(groups.values())


# The report threshold of a mention (tracker.matching.DEFAULT_THRESHOLD): a possible namesake is
# stored scored below it (tracker.news.scan.NAMESAKE_SCORE) as evidence, and raises no alert.
_REPORTED = 0.8


def _mention_events(conn: Connection, since: datetime) -> list[dict[str, Any]]:
    by_article: dict[int, list[Any]] = {}
    for r in store.mentions_since(conn, since):
        if r.score >= _REPORTED:
            by_article.setdefault(r.article_id, []).append(r)
    events = []
    for article_id, rows in by_article.items():
        for group in _people(rows):
            first = group[0]  # the first mention is the evidence
            entries = list(dict.fromkeys((r.source, r.source_key, r.primary_name) for r in group))
            refs = ", ".join(f"{source}:{key}" for source, key, _ in entries)
            where = article_label(first.url)
            events.append(
                {
                    "kind": AlertKind.MENTION,
                    "id": f"{article_id}:{min(r.entry_id for r in group)}",
                    "at": min(r.created_at for r in group),
                    "matches": [
                        (r.source, r.source_key, r.primary_name, r.matched_name, r.matched_text)
                        for r in group
                    ],
                    "payload": {
                        "source": first.source,
                        "source_id": first.source_key,
                        "name": first.primary_name,
                        "entries": [{"source": s, "source_id": k, "name": n} for s, k, n in entries],
                        "article": first.url,
                        "article_title": first.title,
                        "matched_text": first.matched_text,
                        "sentence": first.sentence,
                        "score": first.score,
                        "listed_at_article_date": first.listed_at_article_date,
                    },
                    "message": f"{first.primary_name} ({refs}) mentioned as {first.matched_text!r} in {where}",
                }
            )
    return events


def _change_events(conn: Connection, since: datetime) -> list[dict[str, Any]]:
    rows = store.changes_since(conn, since)
    return [
        {
            "kind": AlertKind.CHANGE,
            "id": r.id,
            "at": r.fetched_at,
            "matches": [(r.source, r.source_key, r.primary_name)],
            "payload": {
                "source": r.source,
                "source_id": r.source_key,
                "name": r.primary_name,
                "change": r.kind,
                "list_date": r.timeline_at.isoformat(),
                "fields": json.loads(r.fields) if r.fields else [],
            },
            "message": f"{r.primary_name} ({r.source}:{r.source_key}) {str(r.kind).lower()} on the list of {r.timeline_at:%Y-%m-%d}",
        }
        for r in rows
    ]


def _create(conn: Connection, fired: list[Watch], event: dict[str, Any]) -> dict[str, Any] | None:
    """Store the alert of ``event`` (for the watches in ``fired``) unless it exists: its payload,
    else None."""
    key = f"{event['kind']}:{event['id']}"
    names = [w.text for w in fired]
    message = f"watch {', '.join(repr(n) for n in names)}: {event['message']}"
    payload = {
        "alert": event["kind"],
        "watch": names[0],
        "watches": names,
        "message": message,
        **event["payload"],
    }
    text = json.dumps(payload, ensure_ascii=False, default=str)
    return payload if store.insert_alert(conn, fired[0].id, event["kind"], key, text) else None


def list_alerts(
    conn: Connection, *, acknowledged: bool = False, limit: int | None = None
) -> tuple[list[dict[str, Any]], int]:
    """Alerts newest first (unacknowledged only unless ``acknowledged``) as JSON-ready dicts, and
    how many there are without ``limit``."""
    rows, total = store.alerts(conn, acknowledged=acknowledged, limit=limit)
    listed = []
    for r in rows:
        payload = json.loads(r.payload)
        listed.append(
            {
                "id": r.id,
                "kind": r.kind,
                "watch": payload.get("watches") or [r.watch],
                "message": payload.get("message", ""),
                "created_at": r.created_at.isoformat(timespec="seconds"),
                "delivered_at": r.delivered_at.isoformat(timespec="seconds") if r.delivered_at else None,
                "delivery_error": r.last_error,
                "acknowledged_at": r.acknowledged_at.isoformat(timespec="seconds")
                if r.acknowledged_at
                else None,
                "payload": payload,
            }
        )
    return listed, total


def acknowledge(engine: Engine, ids: list[int] | None) -> list[int]:
    """Acknowledge alerts by id (None: all unacknowledged); the ids acknowledged now. NotFound when
    an id given is not an unacknowledged alert."""
    with write_transaction(engine) as conn:
        marked = store.acknowledge_alerts(conn, ids)
        missing = sorted(set(ids or []) - set(marked))
        if missing:
            raise NotFound(f"no unacknowledged alert {', '.join(map(str, missing))} (see `tracker alerts`)")
    return marked


def raise_after_sync(engine: Engine, settings: Settings) -> None:
    """The pipeline's post-sync hook: alerts for list changes of watched persons, delivered to the
    configured webhook (TRACKER_ALERT_WEBHOOK), whoever ran the sync."""
    with engine.connect() as conn:
        if not store.watches(conn):
            return
    if not settings.alert_webhook:
        check_alerts(engine)
        return
    from tracker.http import new_client

    with new_client(settings, purpose="news") as client:
        check_alerts(engine, webhook_url=settings.alert_webhook, client=client)


def deliver(engine: Engine, webhook_url: str, *, client: httpx.Client) -> tuple[int, int]:
    """POST every undelivered alert as JSON; (delivered, failed). Failures are retried next time."""
    delivered = failed = 0
    with engine.connect() as conn:
        pending = store.undelivered_alerts(conn)
    for alert in pending:
        error = None
        try:
            response = client.post(
                webhook_url, content=alert.payload, headers={"Content-Type": "application/json"}
            )
            if response.status_code >= 300:
                error = f"webhook answered HTTP {response.status_code}"
        except httpx.HTTPError as exc:
            error = f"webhook unreachable: {exc}"
        with write_transaction(engine) as conn:
            store.mark_alert(conn, alert.id, error)
        if error is None:
            delivered += 1
        else:
            failed += 1
            log.warning("alert %s not delivered: %s", alert.id, error)
    return delivered, failed
