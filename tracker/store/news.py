"""Every SQL statement of the news side: articles, mentions, feeds, the watchlist and its alerts, and
the reads of the list history that the scanner needs.

Functions take an open Connection (the caller owns the transaction: one article and its mentions are
written in one) and return rows or plain values. Times are naive UTC, like everywhere in the store.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, TypeAlias

from sqlalchemy import Connection, Row, delete, exists, insert, inspect, select, update

from tracker.records import EntityType
from tracker.store.models import utcnow
from tracker.store.tables import (
    ARTICLE,
    ENTRY,
    FEED,
    MENTION,
    SNAPSHOT,
    SOURCE,
    VERSION,
    accepted,
    as_of,
)

# A result row of any shape (SQLAlchemy 2.1 types rows by their column types).
StoredRow: TypeAlias = "Row[*tuple[Any, ...]]"


# -- list history, as the scanner reads it ---------------------------------------------------------


def person_versions(conn: Connection) -> list[StoredRow]:
    """Every version of every person entry ever stored, oldest first per entry: (id, source,
    source_key, primary_name, first_seen, removed_at, valid_from, valid_to, data)."""
    query = (
        select(
            ENTRY.c.id,
            SOURCE.c.name.label("source"),
            ENTRY.c.source_key,
            ENTRY.c.primary_name,
            ENTRY.c.first_seen,
            ENTRY.c.removed_at,
            VERSION.c.valid_from,
            VERSION.c.valid_to,
            VERSION.c.data,
        )
        .join(SOURCE, SOURCE.c.id == ENTRY.c.source_id)
        .join(VERSION, VERSION.c.entry_id == ENTRY.c.id)
        .where(ENTRY.c.entity_type == str(EntityType.INDIVIDUAL))
        .order_by(ENTRY.c.id, VERSION.c.valid_from)
    )
    return list(conn.execute(query))


def accepted_timelines(conn: Connection) -> list[StoredRow]:
    """(name, timeline_at, fetched_at) of every accepted snapshot, in timeline order."""
    query = (
        select(SOURCE.c.name, SNAPSHOT.c.timeline_at, SNAPSHOT.c.fetched_at)
        .join(SOURCE, SOURCE.c.id == SNAPSHOT.c.source_id)
        .where(accepted())
        .order_by(SNAPSHOT.c.timeline_at)
    )
    return list(conn.execute(query))


def listed_at(conn: Connection, entry_id: int, t: datetime) -> bool:
    """Does a version of the entry stand on its list at time ``t`` (the store's ``as_of`` rule)?"""
    query = select(exists().where(VERSION.c.entry_id == entry_id, as_of(t)))
    return bool(conn.execute(query).scalar())


def stored_source_names(conn: Connection) -> list[str]:
    """Names of the sources the store holds, in insertion order."""
    return [str(r[0]) for r in conn.execute(select(SOURCE.c.name))]


# -- articles --------------------------------------------------------------------------------------


def article_by_hash(conn: Connection, digest: str) -> StoredRow | None:
    """(id, url, scanned_at) of the article with this text hash, if stored."""
    query = select(ARTICLE.c.id, ARTICLE.c.url, ARTICLE.c.scanned_at).where(ARTICLE.c.content_hash == digest)
    return conn.execute(query).first()


def article_id_by_url(conn: Connection, url: str) -> int | None:
    """Id of the article stored under this URL (or path), if any."""
    row = conn.execute(select(ARTICLE.c.id).where(ARTICLE.c.url == url)).first()
    return None if row is None else int(row.id)


def article_url_stored(conn: Connection, url: str) -> bool:
    """Is an article stored under this URL (a feed item already read)?"""
    return conn.execute(select(ARTICLE.c.id).where(ARTICLE.c.url == url)).first() is not None


def insert_article(conn: Connection, values: dict[str, Any]) -> int:
    """Store a new article (``values``: ARTICLE columns); its id."""
    key = conn.execute(insert(ARTICLE).values(**values)).inserted_primary_key
    assert key is not None
    return int(key[0])


def update_article(conn: Connection, article_id: int, **values: Any) -> None:
    """Set ARTICLE columns of one article."""
    conn.execute(update(ARTICLE).where(ARTICLE.c.id == article_id).values(**values))


def article_text(conn: Connection, article_id: int) -> StoredRow:
    """(text, published_at) of a stored article."""
    return conn.execute(
        select(ARTICLE.c.text, ARTICLE.c.published_at).where(ARTICLE.c.id == article_id)
    ).one()


def article_head(conn: Connection, article_id: int) -> StoredRow:
    """(title, published_at) of a stored article."""
    return conn.execute(
        select(ARTICLE.c.title, ARTICLE.c.published_at).where(ARTICLE.c.id == article_id)
    ).one()


def replace_mentions(conn: Connection, article_id: int, rows: list[dict[str, Any]]) -> None:
    """The article's mentions become ``rows`` (MENTION columns), the old ones are dropped."""
    conn.execute(delete(MENTION).where(MENTION.c.article_id == article_id))
    if rows:
        conn.execute(insert(MENTION), rows)


def list_mentions(
    conn: Connection,
    *,
    article_id: int | None = None,
    entry: tuple[str, str] | None = None,
    since: datetime | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Stored mentions as JSON-ready dicts, newest article first (text order within an article).
    ``name`` is the entry's name as search shows it (``display_name`` of its newest version: the
    primary name in Latin script, not an EU language variant or a Cyrillic first name)."""
    newest = (
        select(VERSION.c.data)
        .where(VERSION.c.entry_id == ENTRY.c.id)
        .order_by(VERSION.c.valid_from.desc())
        .limit(1)
        .correlate(ENTRY)
        .scalar_subquery()
    )
    query = (
        select(
            MENTION.c.id,
            ARTICLE.c.url.label("article"),
            ARTICLE.c.id.label("article_id"),
            ARTICLE.c.title.label("article_title"),
            ARTICLE.c.published_at,
            SOURCE.c.name.label("source"),
            ENTRY.c.source_key,
            ENTRY.c.primary_name,
            newest.label("entry_data"),
            MENTION.c.matched_text,
            MENTION.c.matched_name,
            MENTION.c.start,
            MENTION.c.end,
            MENTION.c.sentence,
            MENTION.c.score,
            MENTION.c.explanation,
            MENTION.c.listed_at_article_date,
            MENTION.c.listed_basis,
            MENTION.c.created_at,
        )
        .join(ARTICLE, ARTICLE.c.id == MENTION.c.article_id)
        .join(ENTRY, ENTRY.c.id == MENTION.c.entry_id)
        .join(SOURCE, SOURCE.c.id == ENTRY.c.source_id)
        .order_by(ARTICLE.c.published_at.desc(), ARTICLE.c.id.desc(), MENTION.c.start, SOURCE.c.name)
    )
    if article_id is not None:
        query = query.where(MENTION.c.article_id == article_id)
    if entry is not None:
        query = query.where(SOURCE.c.name == entry[0], ENTRY.c.source_key == entry[1])
    if since is not None:
        query = query.where(ARTICLE.c.published_at >= since)
    if limit is not None:
        query = query.limit(limit)
    return [_mention_json(row) for row in conn.execute(query)]


def _mention_json(row: StoredRow) -> dict[str, Any]:
    from tracker.screening.results import entry_display_name  # the one rule search shows names by

    listed = row.listed_at_article_date
    return {
        "mention_id": row.id,
        "article": row.article,
        "article_id": row.article_id,
        "article_title": row.article_title,
        "article_date": row.published_at.date().isoformat() if row.published_at else None,
        "source": row.source,
        "source_id": row.source_key,
        "name": entry_display_name(json.loads(row.entry_data), row.primary_name)
        if row.entry_data
        else row.primary_name,
        "matched_text": row.matched_text,
        "matched_name": row.matched_name,
        "start": row.start,
        "end": row.end,
        "sentence": row.sentence,
        "score": row.score,
        "explanation": row.explanation,
        "listed_at_article_date": None if listed is None else bool(listed),
        "listed_basis": row.listed_basis,
    }


def recent_mentions(conn: Connection, source: str, source_id: str, limit: int = 5) -> list[dict[str, Any]]:
    """A person's latest mentions, for `tracker search` / `tracker show` (empty if news never ran)."""
    if not inspect(conn).has_table(MENTION.name):
        return []
    return list_mentions(conn, entry=(source, source_id), limit=limit)


# -- feeds -----------------------------------------------------------------------------------------


def add_feed(conn: Connection, url: str) -> tuple[int, bool]:
    """The feed's id, and whether it was added now (False: it was registered already)."""
    row = conn.execute(select(FEED.c.id).where(FEED.c.url == url)).first()
    if row is not None:
        return int(row.id), False
    key = conn.execute(insert(FEED).values(url=url, added_at=utcnow())).inserted_primary_key
    assert key is not None
    return int(key[0]), True


def feed(conn: Connection, feed_id: int) -> StoredRow:
    """The FEED row of a registered feed (NoResultFound for an unknown id)."""
    return conn.execute(select(FEED).where(FEED.c.id == feed_id)).one()


def mark_feed(conn: Connection, feed_id: int, *, status: str, error: str | None, **values: object) -> None:
    """Record how a check of the feed went; ``values`` (title, etag, ...) given as None are kept."""
    clean = {k: v for k, v in values.items() if v is not None}
    conn.execute(
        update(FEED)
        .where(FEED.c.id == feed_id)
        .values(last_checked_at=utcnow(), last_status=status, last_error=error, **clean)
    )


def feed_by_url_or_id(conn: Connection, text: str) -> StoredRow | None:
    """The FEED row registered under this URL, or with this id; None when there is none."""
    row = conn.execute(select(FEED).where(FEED.c.url == text)).first()
    if row is None and text.isdigit():
        row = conn.execute(select(FEED).where(FEED.c.id == int(text))).first()
    return row


def delete_feed(conn: Connection, feed_id: int) -> None:
    """Unregister a feed; its articles and their mentions stay (no longer tied to the feed)."""
    conn.execute(update(ARTICLE).where(ARTICLE.c.feed_id == feed_id).values(feed_id=None))
    conn.execute(delete(FEED).where(FEED.c.id == feed_id))


def list_feeds(conn: Connection) -> list[dict[str, object]]:
    """Registered feeds and how their last check went, as JSON-ready dicts (by id)."""
    return [
        {
            "id": r.id,
            "url": r.url,
            "title": r.title,
            "added_at": r.added_at.isoformat(),
            "last_checked_at": r.last_checked_at.isoformat() if r.last_checked_at else None,
            "last_status": r.last_status,
            "last_error": r.last_error,
        }
        for r in conn.execute(select(FEED).order_by(FEED.c.id))
    ]
