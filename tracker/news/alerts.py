"""Watchlist and alerts: a watched person newly mentioned in the news, or their listing changed.

A watch is a free-text name ("Derkach", "Artem Lifshits") or a list key ("ofac_sdn:29366"). A free-text
watch matches an entry when every word of it is, up to transliteration, a word of the entry's name or
of the text that named it. Alerts are rows with a unique key per (event, watch), so each is created,
logged and delivered once; an alert whose webhook delivery failed is retried on the next check.
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
from tracker.store import news as store
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


def parse_watch(text: str, known_sources: list[str]) -> tuple[str, str | None, str | None]:
    """ "ofac_sdn:29366" -> a key watch; anything else -> a name watch (at least two letters)."""
    text = " ".join(text.split())
    if not text:
        raise UsageError("give a name or SOURCE:ID to watch")
    source, sep, key = text.partition(":")
    if sep and source in known_sources:
        if not key.strip():
            raise UsageError(f"{text!r}: give the id after {source}:")
        return text, source, key.strip()
    if sum(c.isalpha() for c in text) < 2:
        raise UsageError(f"{text!r} is not a name to watch: give at least two letters")
    return text, None, None


def add_watch(engine: Engine, text: str, known_sources: list[str]) -> Watch:
    """Watch a name or SOURCE:ID (see ``parse_watch``); the existing watch when it is there already."""
    text, source, key = parse_watch(text, known_sources)
    with write_transaction(engine) as conn:
        row = store.watch_by_text(conn, text)
        if row is None:
            row = store.insert_watch(conn, text, source, key)
    return _watch(row)


def list_watches(conn: Connection) -> list[Watch]:
    """The watchlist, oldest first."""
    return [_watch(r) for r in store.watches(conn)]


def remove_watch(engine: Engine, text_or_id: str) -> Watch:
    """Stop watching (by the watch's text or id) and forget its alerts; NotFound if not watched."""
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
                for watch in watches:
                    if event["at"] < watch.added_at or not _concerns(watch, event["match"]):
                        continue
                    alert = _create(conn, watch, event)
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


def _mention_events(conn: Connection, since: datetime) -> list[dict[str, Any]]:
    rows = store.mentions_since(conn, since)
    firsts: dict[tuple[int, int], Any] = {}
    for r in rows:  # one alert per person per article, with its first mention as the evidence
        firsts.setdefault((r.article_id, r.entry_id), r)
    return [
        {
            "kind": AlertKind.MENTION,
            "id": f"{r.article_id}:{r.entry_id}",
            "at": r.created_at,
            "match": (r.source, r.source_key, r.primary_name, r.matched_name, r.matched_text),
            "payload": {
                "source": r.source,
                "source_id": r.source_key,
                "name": r.primary_name,
                "article": r.url,
                "article_title": r.title,
                "matched_text": r.matched_text,
                "sentence": r.sentence,
                "score": r.score,
                "listed_at_article_date": r.listed_at_article_date,
            },
            "message": f"{r.primary_name} ({r.source}:{r.source_key}) mentioned as {r.matched_text!r} in {r.url}",
        }
        for r in firsts.values()
    ]


def _change_events(conn: Connection, since: datetime) -> list[dict[str, Any]]:
    rows = store.changes_since(conn, since)
    return [
        {
            "kind": AlertKind.CHANGE,
            "id": r.id,
            "at": r.fetched_at,
            "match": (r.source, r.source_key, r.primary_name),
            "payload": {
                "source": r.source,
                "source_id": r.source_key,
                "name": r.primary_name,
                "change": r.kind,
                "list_date": r.timeline_at.isoformat(),
                "fields": json.loads(r.fields) if r.fields else [],
            },
            "message": f"{r.primary_name} ({r.source}:{r.source_key}) {r.kind} on the list of {r.timeline_at:%Y-%m-%d}",
        }
        for r in rows
    ]


def _create(conn: Connection, watch: Watch, event: dict[str, Any]) -> dict[str, Any] | None:
    """Store the alert of ``event`` for ``watch`` unless it exists: its payload, else None."""
    key = f"{event['kind']}:{event['id']}:w{watch.id}"
    payload = {"alert": event["kind"], "watch": watch.text, "message": event["message"], **event["payload"]}
    text = json.dumps(payload, ensure_ascii=False, default=str)
    return payload if store.insert_alert(conn, watch.id, event["kind"], key, text) else None


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
