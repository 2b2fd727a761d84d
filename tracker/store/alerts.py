"""Every SQL statement of the watchlist and its alerts: watches, the mentions and list changes that
become alert events, and the alerts with their delivery and acknowledgement.

Functions take an open Connection (the caller owns the transaction) and return rows or plain values.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from tracker.store.models import utcnow
from tracker.store.news import StoredRow
from tracker.store.news_models import AlertKind
from tracker.store.tables import ALERT, ARTICLE, CHANGE, ENTRY, MENTION, SNAPSHOT, SOURCE, WATCH

# -- watchlist -------------------------------------------------------------------------------------


def watch_by_text(conn: Connection, text: str) -> StoredRow | None:
    """The WATCH row whose text is ``text`` up to case (exactly equal first), if any."""
    exact = conn.execute(select(WATCH).where(WATCH.c.text == text)).first()
    if exact is not None:
        return exact
    folded = text.casefold()
    return next(
        (r for r in conn.execute(select(WATCH).order_by(WATCH.c.id)) if r.text.casefold() == folded), None
    )


def entry_stored(conn: Connection, source: str, source_key: str) -> bool:
    """Is there an entry (listed now or once) with this key on this source?"""
    return (
        conn.execute(
            select(ENTRY.c.id)
            .join(SOURCE, SOURCE.c.id == ENTRY.c.source_id)
            .where(SOURCE.c.name == source, ENTRY.c.source_key == source_key)
        ).first()
        is not None
    )


def watch_by_id(conn: Connection, watch_id: int) -> StoredRow | None:
    """The WATCH row with this id, if any."""
    return conn.execute(select(WATCH).where(WATCH.c.id == watch_id)).first()


def insert_watch(conn: Connection, text: str, source: str | None, source_key: str | None) -> StoredRow:
    """Store a watch (``source``/``source_key`` set for a SOURCE:ID watch); its WATCH row."""
    conn.execute(insert(WATCH).values(text=text, source=source, source_key=source_key, added_at=utcnow()))
    return conn.execute(select(WATCH).where(WATCH.c.text == text)).one()


def watches(conn: Connection) -> list[StoredRow]:
    """Every WATCH row, oldest first."""
    return list(conn.execute(select(WATCH).order_by(WATCH.c.id)))


def delete_watch(conn: Connection, watch_id: int) -> None:
    """Drop the watch and its alerts."""
    conn.execute(delete(ALERT).where(ALERT.c.watch_id == watch_id))
    conn.execute(delete(WATCH).where(WATCH.c.id == watch_id))


# -- alerts ----------------------------------------------------------------------------------------


def mentions_since(conn: Connection, since: datetime) -> Iterable[StoredRow]:
    """Mentions stored at or after ``since`` with their article and entry, by article, entry, offset."""
    return conn.execute(
        select(
            MENTION.c.id,
            MENTION.c.article_id,
            MENTION.c.entry_id,
            MENTION.c.created_at,
            MENTION.c.matched_text,
            MENTION.c.matched_name,
            MENTION.c.sentence,
            MENTION.c.score,
            MENTION.c.listed_at_article_date,
            MENTION.c.start,
            ARTICLE.c.url,
            ARTICLE.c.title,
            SOURCE.c.name.label("source"),
            ENTRY.c.source_key,
            ENTRY.c.primary_name,
        )
        .join(ARTICLE, ARTICLE.c.id == MENTION.c.article_id)
        .join(ENTRY, ENTRY.c.id == MENTION.c.entry_id)
        .join(SOURCE, SOURCE.c.id == ENTRY.c.source_id)
        .where(MENTION.c.created_at >= since)
        .order_by(MENTION.c.article_id, MENTION.c.entry_id, MENTION.c.start)
    )


def changes_since(conn: Connection, since: datetime) -> Iterable[StoredRow]:
    """List changes of snapshots fetched at or after ``since``, with their entry and list date."""
    return conn.execute(
        select(
            CHANGE.c.id,
            CHANGE.c.kind,
            CHANGE.c.fields,
            SNAPSHOT.c.fetched_at,
            SNAPSHOT.c.timeline_at,
            SOURCE.c.name.label("source"),
            ENTRY.c.source_key,
            ENTRY.c.primary_name,
        )
        .join(SNAPSHOT, SNAPSHOT.c.id == CHANGE.c.snapshot_id)
        .join(ENTRY, ENTRY.c.id == CHANGE.c.entry_id)
        .join(SOURCE, SOURCE.c.id == ENTRY.c.source_id)
        .where(SNAPSHOT.c.fetched_at >= since)
    )


def insert_alert(conn: Connection, watch_id: int, kind: AlertKind, dedupe_key: str, payload: str) -> bool:
    """Store an alert unless one with ``dedupe_key`` exists; True when it was stored."""
    if conn.execute(select(ALERT.c.id).where(ALERT.c.dedupe_key == dedupe_key)).first() is not None:
        return False
    conn.execute(
        insert(ALERT).values(
            watch_id=watch_id, kind=kind, dedupe_key=dedupe_key, payload=payload, created_at=utcnow()
        )
    )
    return True


def alerts(
    conn: Connection, *, acknowledged: bool = False, limit: int | None = None
) -> tuple[list[StoredRow], int]:
    """Alerts newest first (only unacknowledged ones unless ``acknowledged``), with their watch's text
    as ``watch``; and how many there are without the limit."""
    where = [] if acknowledged else [ALERT.c.acknowledged_at.is_(None)]
    total = conn.execute(select(func.count()).select_from(ALERT).where(*where)).scalar_one()
    query = (
        select(ALERT, WATCH.c.text.label("watch"))
        .join(WATCH, WATCH.c.id == ALERT.c.watch_id)
        .where(*where)
        .order_by(ALERT.c.id.desc())
    )
    if limit:
        query = query.limit(limit)
    return list(conn.execute(query)), int(total)


def acknowledge_alerts(conn: Connection, ids: list[int] | None) -> list[int]:
    """Mark alerts acknowledged now (``ids`` None: every unacknowledged one); the ids marked."""
    query = select(ALERT.c.id).where(ALERT.c.acknowledged_at.is_(None))
    if ids is not None:
        query = query.where(ALERT.c.id.in_(ids))
    marked = [int(r.id) for r in conn.execute(query)]
    if marked:
        conn.execute(update(ALERT).where(ALERT.c.id.in_(marked)).values(acknowledged_at=utcnow()))
    return marked


def undelivered_alerts(conn: Connection) -> list[StoredRow]:
    """(id, payload) of every alert the webhook has not accepted yet."""
    return list(conn.execute(select(ALERT.c.id, ALERT.c.payload).where(ALERT.c.delivered_at.is_(None))))


def mark_alert(conn: Connection, alert_id: int, error: str | None) -> None:
    """Record a delivery attempt: delivered now when ``error`` is None."""
    values: dict[str, Any] = {"last_error": error}
    if error is None:
        values["delivered_at"] = utcnow()
    conn.execute(update(ALERT).where(ALERT.c.id == alert_id).values(**values))
