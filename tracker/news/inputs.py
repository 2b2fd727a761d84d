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
from sqlalchemy.engine import Engine

from tracker.errors import FetchError, NotFound, ParseError, UsageError
from tracker.news.extract import MAX_ARTICLE_BYTES, Extracted, check_size, extract, extract_html, read_file
from tracker.news.feeds import fetch_feed, get
from tracker.store import news as store
from tracker.store.db import write_transaction

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".xhtml")


@dataclass(frozen=True, slots=True)
class ArticleDoc:
    """One article ready to store: where it came from and what was extracted."""

    location: str  # URL, file path, or "-" for stdin
    content: Extracted
    feed_id: int | None = None


@dataclass
class Failures:
    """What a run could not read (one line each, logged as a warning) and what it skipped on purpose."""

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
    """Articles of a .txt / .html file, or of every such file under a folder (sorted); other files
    are noted as skipped. UsageError when ``path`` does not exist."""
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


# Where an article read from stdin is stored as coming from (``news scan -``).
STDIN = "-"


def article_label(location: str, title: str | None = None) -> str:
    """How a message names an article: its ``title`` when given, else its URL or path; one read from
    stdin is "standard input" (it was named "-"), whatever its title, which is its first line."""
    return "standard input" if location == STDIN else title or location


def from_stdin(data: bytes, failures: Failures, *, date: datetime | None = None) -> Iterator[ArticleDoc]:
    """The one article read from stdin (location STDIN, "-")."""
    try:
        check_size(len(data), "stdin")
        content = extract(data, label="stdin")
    except ParseError as exc:
        failures.add(str(exc))
        return
    yield ArticleDoc(STDIN, _dated(content, date))


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
    """Register a feed: (its id, whether it is new). UsageError for anything but an http(s) URL."""
    if not url.startswith(("http://", "https://")):
        raise UsageError(f"{url!r} is not an http(s) URL")
    with write_transaction(engine) as conn:
        return store.add_feed(conn, url)


def remove_feed(engine: Engine, url_or_id: str) -> str:
    """Unregister a feed by URL or id (its articles and mentions stay): its URL. NotFound if unknown."""
    with write_transaction(engine) as conn:
        row = store.feed_by_url_or_id(conn, url_or_id.strip())
        if row is None:
            raise NotFound(f"{url_or_id!r} is not a registered feed (see `tracker news feeds list`)")
        store.delete_feed(conn, int(row.id))
    return str(row.url)


def from_feed(
    engine: Engine, url: str, client: httpx.Client, failures: Failures, *, date: datetime | None = None
) -> Iterator[ArticleDoc]:
    """New items of a feed (conditional GET on the feed; items whose link is stored are skipped)."""
    feed_id, _ = add_feed(engine, url)
    with engine.connect() as conn:
        feed = store.feed(conn, feed_id)
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
                if store.article_url_stored(conn, item.link):
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
    with write_transaction(engine) as conn:
        store.mark_feed(conn, feed_id, status=status, error=error, **values)


def list_feeds(engine: Engine) -> list[dict[str, object]]:
    """Registered feeds and how their last check went, as JSON-ready dicts (by id)."""
    with engine.connect() as conn:
        return store.list_feeds(conn)
