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
from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.engine import Engine

from tracker.errors import NotFound, UsageError
from tracker.names import name_tokens, skeleton_key
from tracker.news.articles import utcnow
from tracker.store.db import write_transaction
from tracker.store.models import Change, Entry, Snapshot, Source
from tracker.store.news_models import Alert, Article, Mention, WatchedName

log = logging.getLogger("tracker.alerts")

W = WatchedName.__table__  # type: ignore[attr-defined]
AL = Alert.__table__  # type: ignore[attr-defined]
M = Mention.__table__  # type: ignore[attr-defined]
A = Article.__table__  # type: ignore[attr-defined]
E = Entry.__table__  # type: ignore[attr-defined]
SRC = Source.__table__  # type: ignore[attr-defined]
C = Change.__table__  # type: ignore[attr-defined]
SNAP = Snapshot.__table__  # type: ignore[attr-defined]


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
    text, source, key = parse_watch(text, known_sources)
    with write_transaction(engine) as conn:
        row = conn.execute(select(W).where(W.c.text == text)).first()
        if row is None:
            conn.execute(insert(W).values(text=text, source=source, source_key=key, added_at=utcnow()))
            row = conn.execute(select(W).where(W.c.text == text)).one()
    return _watch(row)


def list_watches(conn: Connection) -> list[Watch]:
    return [_watch(r) for r in conn.execute(select(W).order_by(W.c.id))]


def remove_watch(engine: Engine, text_or_id: str) -> Watch:
    with write_transaction(engine) as conn:
        text = " ".join(text_or_id.split())
        row = conn.execute(select(W).where(W.c.text == text)).first()
        if row is None and text.isdigit():
            row = conn.execute(select(W).where(W.c.id == int(text))).first()
        if row is None:
            raise NotFound(f"{text_or_id!r} is not on the watchlist (see `tracker watch list`)")
        conn.execute(delete(AL).where(AL.c.watch_id == row.id))
        conn.execute(delete(W).where(W.c.id == row.id))
    return _watch(row)


def _watch(row: Any) -> Watch:
    return Watch(row.id, row.text, row.source, row.source_key, row.added_at)


def _skeletons(text: str) -> set[str]:
    return {skeleton_key(t) for t in name_tokens(text)}


def _matches(watch: Watch, source: str, key: str, *names: str) -> bool:
    if watch.source is not None:
        return watch.source == source and watch.source_key == key
    wanted = _skeletons(watch.text)
    return bool(wanted) and any(wanted <= _skeletons(name) for name in names if name)


def check_alerts(
    engine: Engine, *, webhook_url: str | None = None, client: httpx.Client | None = None
) -> list[dict[str, Any]]:
    """Create alerts for new mentions and list changes of watched persons; log them; deliver them."""
    created: list[dict[str, Any]] = []
    with write_transaction(engine) as conn:
        watches = list_watches(conn)
        if watches:
            since = min(w.added_at for w in watches)
            for event in _mention_events(conn, since) + _change_events(conn, since):
                for watch in watches:
                    if event["at"] < watch.added_at or not _matches(watch, *event["match"]):
                        continue
                    alert = _create(conn, watch, event)
                    if alert is not None:
                        created.append(alert)
    for alert in created:
        log.warning("ALERT %s", alert["message"])
    if webhook_url:
        deliver(engine, webhook_url, client=client)
    return created


def _mention_events(conn: Connection, since: datetime) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(
            M.c.id,
            M.c.article_id,
            M.c.entry_id,
            M.c.created_at,
            M.c.matched_text,
            M.c.matched_name,
            M.c.sentence,
            M.c.score,
            M.c.listed_at_article_date,
            M.c.start,
            A.c.url,
            A.c.title,
            SRC.c.name.label("source"),
            E.c.source_key,
            E.c.primary_name,
        )
        .join(A, A.c.id == M.c.article_id)
        .join(E, E.c.id == M.c.entry_id)
        .join(SRC, SRC.c.id == E.c.source_id)
        .where(M.c.created_at >= since)
        .order_by(M.c.article_id, M.c.entry_id, M.c.start)
    )
    firsts: dict[tuple[int, int], Any] = {}
    for r in rows:  # one alert per person per article, with its first mention as the evidence
        firsts.setdefault((r.article_id, r.entry_id), r)
    return [
        {
            "kind": "mention",
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
    rows = conn.execute(
        select(
            C.c.id,
            C.c.kind,
            C.c.fields,
            SNAP.c.fetched_at,
            SNAP.c.timeline_at,
            SRC.c.name.label("source"),
            E.c.source_key,
            E.c.primary_name,
        )
        .join(SNAP, SNAP.c.id == C.c.snapshot_id)
        .join(E, E.c.id == C.c.entry_id)
        .join(SRC, SRC.c.id == E.c.source_id)
        .where(SNAP.c.fetched_at >= since)
    )
    return [
        {
            "kind": "change",
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
    key = f"{event['kind']}:{event['id']}:w{watch.id}"
    if conn.execute(select(AL.c.id).where(AL.c.dedupe_key == key)).first() is not None:
        return None
    payload = {"alert": event["kind"], "watch": watch.text, "message": event["message"], **event["payload"]}
    conn.execute(
        insert(AL).values(
            watch_id=watch.id,
            kind=event["kind"],
            dedupe_key=key,
            payload=json.dumps(payload, ensure_ascii=False, default=str),
            created_at=utcnow(),
        )
    )
    return payload


def deliver(engine: Engine, webhook_url: str, *, client: httpx.Client | None = None) -> tuple[int, int]:
    """POST every undelivered alert as JSON; (delivered, failed). Failures are retried next time."""
    own = client is None
    client = client or httpx.Client(timeout=10.0)
    delivered = failed = 0
    try:
        with engine.connect() as conn:
            pending = list(conn.execute(select(AL.c.id, AL.c.payload).where(AL.c.delivered_at.is_(None))))
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
                values: dict[str, Any] = {"last_error": error}
                if error is None:
                    values["delivered_at"] = utcnow()
                conn.execute(update(AL).where(AL.c.id == alert.id).values(**values))
            if error is None:
                delivered += 1
            else:
                failed += 1
                log.warning("alert %s not delivered: %s", alert.id, error)
    finally:
        if own:
            client.close()
    return delivered, failed


def list_alerts(conn: Connection, limit: int = 50) -> list[dict[str, Any]]:
    rows = conn.execute(select(AL).order_by(AL.c.id.desc()).limit(limit))
    return [
        {
            "id": r.id,
            "kind": r.kind,
            "created_at": r.created_at.isoformat(),
            "delivered_at": r.delivered_at.isoformat() if r.delivered_at else None,
            "last_error": r.last_error,
            **json.loads(r.payload),
        }
        for r in rows
    ]
