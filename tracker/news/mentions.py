"""Store articles (deduplicated by URL and content hash), scan them, keep the mentions as evidence.

One article = one write transaction (article row + its mentions), so an interrupted run never leaves
an article without its mentions; a re-run skips what is already stored. A stored article is scanned
again when asked (rescan) or when the lists changed after its last scan.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection
from sqlalchemy.engine import Engine

from tracker.store import news as store
from tracker.store.db import write_transaction
from tracker.store.models import utcnow

if TYPE_CHECKING:  # the scanner's modules load only for a scan, not to list stored mentions
    from tracker.news.inputs import ArticleDoc
    from tracker.news.listings import ScanContext
    from tracker.news.scan import Found

log = logging.getLogger(__name__)


class ArticleStatus(StrEnum):
    """What happened to one article of a scan."""

    NEW = "new"  # stored and scanned
    UPDATED = "updated"  # the page at this URL changed: newest text stored and scanned
    RESCANNED = "rescanned"  # the same text scanned again (asked for, or the lists changed)
    UNCHANGED = "unchanged"  # stored before under this location: not scanned again
    DUPLICATE = "duplicate"  # the same text is stored under another location


@dataclass
class ArticleResult:
    article_id: int
    location: str
    status: ArticleStatus
    title: str | None
    published_at: datetime | None
    mentions: list[dict[str, Any]] = field(default_factory=list)  # as store.news.list_mentions
    duplicate_of: str | None = None


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
    same_text = store.article_by_hash(conn, digest)
    stale = (
        same_text is not None
        and context.lists_changed_at is not None
        and (same_text.scanned_at is None or same_text.scanned_at < context.lists_changed_at)
    )
    redated = (
        same_text is not None
        and same_text.url == doc.location
        and content.published_at is not None
        and not _same_time(content.published_at, store.article_head(conn, same_text.id).published_at)
    )
    if same_text is not None and not rescan and not stale and not redated:
        status = ArticleStatus.DUPLICATE if same_text.url != doc.location else ArticleStatus.UNCHANGED
        return _result(conn, same_text.id, doc.location, status, duplicate_of=same_text.url)
    now = utcnow()
    if same_text is not None:  # rescan of the same text (asked, lists changed, or another date given)
        article_id = int(same_text.id)
        status = ArticleStatus.RESCANNED
        values: dict[str, Any] = {"scanned_at": now}
        if redated:  # "listed on the article's date" is asked again for the new date
            values["published_at"] = content.published_at
        store.update_article(conn, article_id, **values)
    else:
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
        same_url = store.article_id_by_url(conn, doc.location) if doc.location != "-" else None
        if same_url is not None:  # the page changed since we stored it: keep the newest text
            article_id = same_url
            status = ArticleStatus.UPDATED
            store.update_article(conn, article_id, **values)
        else:
            article_id = store.insert_article(conn, values)
            status = ArticleStatus.NEW
    rows = _mentions(conn, context, article_id, now)
    store.replace_mentions(conn, article_id, rows)
    log.info("%s: %d mentions (%s)", doc.location, len(rows), status)
    return _result(conn, article_id, doc.location, status)


def _same_time(a: datetime, b: datetime | None) -> bool:
    """Do two article dates name the same moment (the store may give back a naive UTC time)?"""
    if b is None:
        return False
    return _naive_utc(a) == _naive_utc(b)


def _naive_utc(t: datetime) -> datetime:
    return t.astimezone(UTC).replace(tzinfo=None) if t.tzinfo is not None else t


def _mentions(conn: Connection, context: ScanContext, article_id: int, now: datetime) -> list[dict[str, Any]]:
    """Mention rows of the stored article's text, each saying whether the person was listed on the
    article's date."""
    article = store.article_text(conn, article_id)
    rows = []
    year = article.published_at.year if article.published_at else None
    for found in context.index.scan(article.text, year):
        # one mention of a person on several lists: a row for each listing (same span), so each
        # listing answers "listed on the article's date?" for its own list
        for key in found.listings or (found.key,):
            listing = context.listings.get(key)
            if listing is None:
                continue
            listed, basis = context.listed_at(conn, key, article.published_at)
            rows.append(_row(article_id, listing.entry_id, found, listed, basis, now))
    return rows


def _row(
    article_id: int, entry_id: int, found: Found, listed: bool | None, basis: str, now: datetime
) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "entry_id": entry_id,
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


def _result(
    conn: Connection, article_id: int, location: str, status: ArticleStatus, duplicate_of: str | None = None
) -> ArticleResult:
    article = store.article_head(conn, article_id)
    return ArticleResult(
        article_id,
        location,
        status,
        article.title,
        article.published_at,
        person_mentions(store.list_mentions(conn, article_id=article_id)),
        duplicate_of,
    )


# What each listing of a person mention keeps of its own stored row.
_LISTING_FIELDS = (
    "mention_id",
    "source",
    "source_id",
    "name",
    "matched_name",
    "listed_at_article_date",
    "listed_basis",
)


def person_mentions(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stored mention rows (``store.news.list_mentions``: one per listing) -> one dict per person
    mention, in the rows' order. Rows of one article on the same span are one person on several
    lists (the scanner gives a span to one person only, issue 14 items 2-3).

    Each dict keeps the first row's fields (its ``source``, ``source_id``, ``name``: the primary
    listing as the lists sort) and adds ``listings``: [{mention_id, source, source_id, name,
    matched_name, listed_at_article_date, listed_basis}] of every row. ``score`` is the best row's;
    ``listed_at_article_date`` is True when any listing was listed on the article's date, else None
    when any is unknown, else False."""
    persons = _group_by(
        rows,
        lambda row: (row["article_id"], row["start"], row["end"]),
        "listings",
        lambda row: {name: row[name] for name in _LISTING_FIELDS},
    )
    for person in persons:
        listed = [item["listed_at_article_date"] for item in person["listings"]]
        person["listed_at_article_date"] = functools.reduce(_any_listed, listed)
    return persons


# What each occurrence of a person in one article keeps of its own person mention.
_OCCURRENCE_FIELDS = ("matched_text", "start", "end", "sentence", "score", "explanation")
_NAMESAKE = "possible namesake"  # how tracker.news.scan starts a flagged mention's explanation


def person_occurrences(mentions: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Person mentions (``person_mentions``: one per span) -> one dict per person per article, in
    the order each person is first named: "Andrii Derkach" ... "Derkach" in one article is one
    person named twice. Each dict is the first occurrence's person mention plus ``occurrences``:
    [{matched_text, start, end, sentence, score, explanation}] of every span, in text order; its
    ``score`` is the best occurrence's. A possible namesake (the explanation says so) is kept apart
    from the listed person of the same name: the article names someone else there."""
    persons = _group_by(
        mentions,
        lambda mention: (
            mention["article_id"],
            frozenset((item["source"], item["source_id"]) for item in mention.get("listings") or [mention]),
            str(mention.get("explanation") or "").startswith(_NAMESAKE),
        ),
        "occurrences",
        lambda mention: {name: mention[name] for name in _OCCURRENCE_FIELDS},
    )
    for person in persons:
        person["occurrences"].sort(key=lambda o: (o["start"], o["end"]))
    return persons


def _group_by(
    items: Iterable[dict[str, Any]],
    key: Callable[[dict[str, Any]], Hashable],
    members: str,
    member: Callable[[dict[str, Any]], dict[str, Any]],
) -> list[dict[str, Any]]:
    """Items -> one dict per ``key``, in first-seen order: the first item's fields plus ``members``:
    [``member(item)``] of every item of that key; its ``score`` is the best item's."""
    grouped: dict[Hashable, dict[str, Any]] = {}
    for item in items:
        k = key(item)
        group = grouped.get(k)
        if group is None:
            grouped[k] = {**item, members: [member(item)]}
            continue
        group[members].append(member(item))
        group["score"] = max(group["score"], item["score"])
    return list(grouped.values())


def _any_listed(a: bool | None, b: bool | None) -> bool | None:
    if a is True or b is True:
        return True
    if a is None or b is None:
        return None
    return False


@dataclass
class NewsScan:
    """What one news scan did (``tracker.pipeline.scan_news``)."""

    feeds: int = 0  # feeds read
    persons: int = 0  # listed persons scanned for
    articles: list[ArticleResult] = field(default_factory=list)
    alerts: list[dict[str, Any]] = field(default_factory=list)  # new alerts (payloads)
    failures: list[str] = field(default_factory=list)  # inputs that could not be read
    notes: list[str] = field(default_factory=list)  # inputs skipped on purpose
    nothing_to_scan: bool = False  # no input given and no feed registered: nothing was done

    @property
    def mentions(self) -> list[dict[str, Any]]:
        return [m for r in self.articles for m in r.mentions]

    def counts(self) -> dict[str, int]:
        """The figures a scheduled run records."""
        return {
            "feeds": self.feeds,
            "articles": len(self.articles),
            "mentions": len(self.mentions),
            "alerts": len(self.alerts),
        }
