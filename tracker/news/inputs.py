"""Where articles come from: local files and folders, stdin, single URLs and registered feeds.

Each producer yields ArticleDoc for what it could read and records one clear line per item it could
not read (``Failures``), so one bad file or link never stops a run and nothing fails silently.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import httpx
from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine

from tracker.errors import FetchError, ParseError, UsageError
from tracker.news.articles import ArticleDoc, utcnow
from tracker.news.extract import MAX_ARTICLE_BYTES, Extracted, check_size, extract, extract_html, read_file
from tracker.news.feeds import fetch_feed, get
from tracker.store.db import write_transaction
from tracker.store.news_models import Article, Feed

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".xhtml")
FEED = Feed.__table__  # type: ignore[attr-defined]
A = Article.__table__  # type: ignore[attr-defined]


@dataclass
class Failures:
    items: list[str] = field(default_factory=list)  # inputs that could not be read
    notes: list[str] = field(default_factory=list)  # things skipped on purpose

    def add(self, message: str) -> None:
        log.warning("%s", message)
        self.items.append(message)

    def note(self, message: str) -> None:
        log.info("%s", message)
        self.notes.append(message)


def _dated(content: Extracted, date: datetime | None) -> Extracted:
    return dataclasses.replace(content, published_at=date) if date is not None else content


def from_path(path: Path, failures: Failures, *, date: datetime | None = None) -> Iterator[ArticleDoc]:
    if not path.exists():
        raise UsageError(f"no such file or folder: {path}")
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    if path.is_dir():
        skipped = [p for p in files if p.suffix.lower() not in ARTICLE_SUFFIXES]
        if skipped:
            failures.note(f"{path}: skipped {len(skipped)} files that are not .txt or .html")
        files = [p for p in files if p.suffix.lower() in ARTICLE_SUFFIXES]
    for file in files:
        try:
            content = extract(read_file(file), label=file.name)
        except ParseError as exc:
            failures.add(str(exc) if str(file.name) in str(exc) else f"{file}: {exc}")
            continue
        yield ArticleDoc(str(file), _dated(content, date))


def from_stdin(data: bytes, failures: Failures, *, date: datetime | None = None) -> Iterator[ArticleDoc]:
    try:
        check_size(len(data), "stdin")
        content = extract(data, label="stdin")
    except ParseError as exc:
        failures.add(str(exc))
        return
    yield ArticleDoc("-", _dated(content, date))


def read_stdin(stream: object) -> bytes:
    """Read stdin up to the cap (+1 byte, so an oversized input is recognised without reading it all)."""
    buffer = getattr(stream, "buffer", stream)
    data = buffer.read(MAX_ARTICLE_BYTES + 1)  # type: ignore[attr-defined]
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


def from_url(
    url: str, client: httpx.Client, failures: Failures, *, date: datetime | None = None
) -> Iterator[ArticleDoc]:
    try:
        page = get(url, client=client)
        content = extract(
            page.content, label=url, url=page.url, content_type=page.content_type, charset=page.charset
        )
    except (FetchError, ParseError) as exc:
        failures.add(str(exc))
        return
    yield ArticleDoc(url, _dated(content, date))


def add_feed(engine: Engine, url: str) -> tuple[int, bool]:
    if not url.startswith(("http://", "https://")):
        raise UsageError(f"{url!r} is not an http(s) URL")
    with write_transaction(engine) as conn:
        row = conn.execute(select(FEED.c.id).where(FEED.c.url == url)).first()
        if row is not None:
            return int(row.id), False
        new_id = conn.execute(insert(FEED).values(url=url, added_at=utcnow())).inserted_primary_key[0]  # type: ignore[index]
    return int(new_id), True


def from_feed(
    engine: Engine, url: str, client: httpx.Client, failures: Failures, *, date: datetime | None = None
) -> Iterator[ArticleDoc]:
    """New items of a feed (conditional GET on the feed; items whose link is stored are skipped)."""
    feed_id, _ = add_feed(engine, url)
    with engine.connect() as conn:
        feed = conn.execute(select(FEED).where(FEED.c.id == feed_id)).one()
    try:
        result = fetch_feed(url, client=client, etag=feed.etag, last_modified=feed.last_modified)
    except (FetchError, ParseError) as exc:
        _mark_feed(engine, feed_id, status="failed", error=str(exc))
        failures.add(str(exc))
        return
    _mark_feed(
        engine,
        feed_id,
        status=result.status,
        error=result.warning,
        title=result.title,
        etag=result.etag,
        last_modified=result.last_modified,
    )
    if result.warning:
        log.warning("%s", result.warning)
    for item in result.items:
        if item.link:
            with engine.connect() as conn:
                if conn.execute(select(A.c.id).where(A.c.url == item.link)).first() is not None:
                    continue
        content = _item_content(item, client, failures)
        if content is None:
            continue
        if content.published_at is None and item.published_at is not None:
            content = dataclasses.replace(content, published_at=item.published_at)
        if content.title is None and item.title:
            content = dataclasses.replace(content, title=item.title)
        yield ArticleDoc(item.link or f"{url}#{item.title}", _dated(content, date), feed_id)


def _item_content(item: object, client: httpx.Client, failures: Failures) -> Extracted | None:
    link = getattr(item, "link", None)
    html = getattr(item, "html", None)
    label = link or "feed item"
    if link and not getattr(item, "has_full_content", False):
        try:
            page = get(link, client=client)
            return extract(
                page.content, label=link, url=page.url, content_type=page.content_type, charset=page.charset
            )
        except (FetchError, ParseError) as exc:
            if not html:
                failures.add(str(exc))
                return None
            failures.add(f"{exc}; using the feed's summary instead")
    if not html:
        failures.add(f"{label}: the feed item has no link and no text")
        return None
    try:
        return extract_html(f"<html><body><article>{html}</article></body></html>", label=label, url=link)
    except ParseError as exc:
        failures.add(str(exc))
        return None


def _mark_feed(engine: Engine, feed_id: int, *, status: str, error: str | None, **values: object) -> None:
    clean = {k: v for k, v in values.items() if v is not None}
    with write_transaction(engine) as conn:
        conn.execute(
            update(FEED)
            .where(FEED.c.id == feed_id)
            .values(last_checked_at=utcnow(), last_status=status, last_error=error, **clean)
        )


def list_feeds(engine: Engine) -> list[dict[str, object]]:
    with engine.connect() as conn:
        rows = conn.execute(select(FEED).order_by(FEED.c.id))
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
            for r in rows
        ]
