"""Store articles (deduplicated by URL and content hash), scan them, keep the mentions as evidence.

One article = one write transaction (article row + its mentions), so an interrupted run never leaves
an article without its mentions; a re-run skips what is already stored.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.engine import Engine

from tracker.news.candidates import ScanContext
from tracker.news.extract import Extracted
from tracker.store.db import write_transaction
from tracker.store.models import Entry, Source
from tracker.store.news_models import Article, Mention

log = logging.getLogger(__name__)

A = Article.__table__  # type: ignore[attr-defined]
M = Mention.__table__  # type: ignore[attr-defined]
E = Entry.__table__  # type: ignore[attr-defined]
SRC = Source.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class ArticleDoc:
    """One article ready to store: where it came from and what was extracted."""

    location: str  # URL, file path, or "-" for stdin
    content: Extracted
    feed_id: int | None = None


@dataclass
class ArticleResult:
    article_id: int
    location: str
    status: str  # new / updated / duplicate
    title: str | None
    published_at: datetime | None
    mentions: list[dict[str, Any]] = field(default_factory=list)
    duplicate_of: str | None = None


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def content_hash(text: str) -> str:
    """sha256 of the text with whitespace folded: the same article re-wrapped is the same article."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def scan_documents(
    engine: Engine, docs: Iterable[ArticleDoc], context: ScanContext, *, rescan: bool = False
) -> list[ArticleResult]:
    """Store and scan each article; articles already stored are not scanned again (unless rescan)."""
    results = []
    for doc in docs:
        with write_transaction(engine) as conn:
            results.append(_store_and_scan(conn, doc, context, rescan))
    return results


def _store_and_scan(conn: Connection, doc: ArticleDoc, context: ScanContext, rescan: bool) -> ArticleResult:
    content = doc.content
    digest = content_hash(content.text)
    same_text = conn.execute(
        select(A.c.id, A.c.url, A.c.scanned_at).where(A.c.content_hash == digest)
    ).first()
    stale = (
        same_text is not None
        and context.lists_changed_at is not None
        and (same_text.scanned_at is None or same_text.scanned_at < context.lists_changed_at)
    )
    if same_text is not None and not rescan and not stale:
        status = "duplicate" if same_text.url != doc.location else "unchanged"
        return _result(conn, same_text.id, doc.location, status, duplicate_of=same_text.url)
    now = utcnow()
    values = {
        "url": doc.location,
        "content_hash": digest,
        "feed_id": doc.feed_id,
        "title": content.title,
        "published_at": content.published_at,
        "language": content.language,
        "fetched_at": now,
        "text": content.text,
        "scanned_at": now,
    }
    status = "new"
    if same_text is not None:  # rescan of the same text
        article_id = int(same_text.id)
        status = "rescanned"
        conn.execute(update(A).where(A.c.id == article_id).values(scanned_at=now))
    else:
        same_url = None
        if doc.location != "-":
            same_url = conn.execute(select(A.c.id).where(A.c.url == doc.location)).first()
        if same_url is not None:  # the page changed since we stored it: keep the newest text
            article_id = int(same_url.id)
            status = "updated"
            conn.execute(update(A).where(A.c.id == article_id).values(**values))
        else:
            article_id = int(conn.execute(insert(A).values(**values)).inserted_primary_key[0])  # type: ignore[index]
    conn.execute(delete(M).where(M.c.article_id == article_id))
    text = conn.execute(select(A.c.text, A.c.published_at).where(A.c.id == article_id)).one()
    rows = []
    for found in context.index.scan(text.text):
        listing = context.listings.get(found.key)
        if listing is None:
            continue
        listed, basis = context.listed_at(found.key, text.published_at)
        rows.append(
            {
                "article_id": article_id,
                "entry_id": listing.entry_id,
                "matched_text": found.matched_text,
                "matched_name": found.matched_name,
                "start": found.start,
                "end": found.end,
                "sentence": found.sentence,
                "score": found.score,
                "explanation": found.explanation,
                "listed_at_article_date": listed,
                "listed_basis": basis,
                "created_at": now,
            }
        )
    if rows:
        conn.execute(insert(M), rows)
    log.info("%s: %d mentions (%s)", doc.location, len(rows), status)
    return _result(conn, article_id, doc.location, status)


def _result(
    conn: Connection, article_id: int, location: str, status: str, duplicate_of: str | None = None
) -> ArticleResult:
    article = conn.execute(select(A.c.title, A.c.published_at).where(A.c.id == article_id)).one()
    return ArticleResult(
        article_id,
        location,
        status,
        article.title,
        article.published_at,
        list_mentions(conn, article_id=article_id),
        duplicate_of,
    )


def list_mentions(
    conn: Connection,
    *,
    article_id: int | None = None,
    entry: tuple[str, str] | None = None,
    since: datetime | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Stored mentions as JSON-ready dicts, newest article first (text order within an article)."""
    query = (
        select(
            M.c.id,
            A.c.url.label("article"),
            A.c.id.label("article_id"),
            A.c.title.label("article_title"),
            A.c.published_at,
            SRC.c.name.label("source"),
            E.c.source_key,
            E.c.primary_name,
            M.c.matched_text,
            M.c.matched_name,
            M.c.start,
            M.c.end,
            M.c.sentence,
            M.c.score,
            M.c.explanation,
            M.c.listed_at_article_date,
            M.c.listed_basis,
            M.c.created_at,
        )
        .join(A, A.c.id == M.c.article_id)
        .join(E, E.c.id == M.c.entry_id)
        .join(SRC, SRC.c.id == E.c.source_id)
        .order_by(A.c.published_at.desc(), A.c.id.desc(), M.c.start, SRC.c.name)
    )
    if article_id is not None:
        query = query.where(M.c.article_id == article_id)
    if entry is not None:
        query = query.where(SRC.c.name == entry[0], E.c.source_key == entry[1])
    if since is not None:
        query = query.where(A.c.published_at >= since)
    if limit is not None:
        query = query.limit(limit)
    return [mention_json(row) for row in conn.execute(query)]


def mention_json(row: Any) -> dict[str, Any]:
    listed = row.listed_at_article_date
    return {
        "mention_id": row.id,
        "article": row.article,
        "article_id": row.article_id,
        "article_title": row.article_title,
        "article_date": row.published_at.date().isoformat() if row.published_at else None,
        "source": row.source,
        "source_id": row.source_key,
        "name": row.primary_name,
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
    from sqlalchemy import inspect

    if not inspect(conn).has_table("news_mention"):
        return []
    return list_mentions(conn, entry=(source, source_id), limit=limit)
