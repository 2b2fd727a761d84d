"""RSS / Atom feeds and single pages over HTTP: conditional GET, timeouts, retries, a size cap.

Requests go through the client from ``tracker.http.new_client(settings, purpose="news")``: its user
agent, timeout (TRACKER_NEWS_TIMEOUT) and retry policy (TRACKER_NEWS_RETRIES, the rule of
``tracker.http``). Network problems and HTTP errors become FetchError, a document that is not a feed
becomes ParseError: one line each, never a traceback.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx

from tracker.errors import FetchError, ParseError
from tracker.http import (
    Transient,
    conditional_headers,
    is_transient_error,
    is_transient_status,
    reason,
    retry_after,
    retry_policy,
)
from tracker.news.extract import MAX_ARTICLE_BYTES


@dataclass(frozen=True, slots=True)
class Page:
    url: str  # final URL after redirects
    status: int  # 200, or 304 for "not modified"
    content: bytes
    content_type: str | None
    charset: str | None
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True, slots=True)
class FeedItem:
    link: str | None
    title: str | None
    published_at: datetime | None
    html: str | None  # full content or summary from the feed
    has_full_content: bool


@dataclass
class FeedResult:
    url: str
    status: str  # ok / not_modified
    title: str | None = None
    items: list[FeedItem] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    warning: str | None = None  # feedparser found the feed slightly malformed but readable


def get(
    url: str,
    *,
    client: httpx.Client,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float | None = None,
    retries: int | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
) -> Page:
    """GET with conditional headers, retried as the client's policy says (``retries`` overrides the
    count, ``timeout`` the client's timeout in seconds). FetchError "<url>: <reason> (after N attempts)"."""
    headers = conditional_headers(etag, last_modified)
    seconds = timeout if timeout is not None else client.timeout.read
    made = 0

    def attempt() -> Page:
        nonlocal made
        made += 1
        tries = f" (after {made} attempts)" if made > 1 else ""
        try:
            with client.stream(
                "GET",
                url,
                headers=headers,
                timeout=timeout if timeout is not None else httpx.USE_CLIENT_DEFAULT,
                follow_redirects=True,
            ) as response:
                if response.status_code == 304:
                    return Page(url, 304, b"", None, None, etag, last_modified)
                if response.status_code >= 400:
                    status = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
                    if is_transient_status(response.status_code):
                        raise Transient(status, retry_after(response))
                    raise FetchError(f"{url}: {status}{tries}")
                return Page(
                    str(response.url),
                    response.status_code,
                    _read_capped(response, url, max_bytes),
                    response.headers.get("content-type"),
                    response.charset_encoding,
                    response.headers.get("etag"),
                    response.headers.get("last-modified"),
                )
        except httpx.TimeoutException as exc:
            raise Transient(f"timed out after {seconds or 0:.0f} s") from exc
        except httpx.InvalidURL as exc:
            raise FetchError(f"{url}: invalid URL ({exc})") from exc
        except httpx.HTTPError as exc:
            if is_transient_error(exc):
                raise Transient(_failure(exc)) from exc
            raise FetchError(f"{url}: {_failure(exc)}{tries}") from exc

    try:
        return retry_policy(client, retries).run(attempt)
    except Transient as exc:
        raise FetchError(f"{url}: {exc.message} (after {exc.attempts} attempts)") from exc


def _failure(exc: httpx.HTTPError) -> str:
    """A transport failure in words ("cannot connect: connection refused"), never the library's
    exception name (trial 1: "ConnectError: [Errno 111] Connection refused")."""
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect: {reason(exc)}"
    if isinstance(exc, httpx.TooManyRedirects):
        return "too many redirects"
    return f"connection failed: {reason(exc)}"


def _read_capped(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"{url}: {int(declared) / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB cap")
    chunks = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"{url}: more than the {max_bytes / 1e6:.0f} MB cap")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch_feed(
    url: str,
    *,
    client: httpx.Client,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float | None = None,
    retries: int | None = None,
) -> FeedResult:
    """Fetch and parse a feed; ``not_modified`` when the validators still match (HTTP 304)."""
    page = get(url, client=client, etag=etag, last_modified=last_modified, timeout=timeout, retries=retries)
    if page.status == 304:
        return FeedResult(url, "not_modified", etag=etag, last_modified=last_modified)
    result = parse_feed(page.content, label=url)
    result.etag, result.last_modified = page.etag, page.last_modified
    return result


def parse_feed(data: bytes, *, label: str) -> FeedResult:
    """RSS / Atom bytes -> items. A document with no feed structure at all is a ParseError."""
    import feedparser

    parsed: Any = feedparser.parse(data)
    version = parsed.get("version") or ""
    entries = parsed.get("entries") or []
    problem = parsed.get("bozo_exception")
    if not version and not entries:
        reason = f" ({str(problem).splitlines()[0]})" if problem else ""
        raise ParseError(f"{label}: not an RSS or Atom feed{reason}")
    items = [_item(entry) for entry in entries]
    warning = f"{label}: feed is malformed but readable ({problem})" if parsed.get("bozo") else None
    title = parsed.get("feed", {}).get("title")
    return FeedResult(label, "ok", title=title, items=items, warning=warning)


def _item(entry: Any) -> FeedItem:
    content = entry.get("content") or []
    full = max((c.get("value", "") for c in content), key=len, default="")
    summary = entry.get("summary") or ""
    struct = entry.get("published_parsed") or entry.get("updated_parsed")
    published = datetime.utcfromtimestamp(calendar.timegm(struct)) if struct else None
    return FeedItem(
        link=entry.get("link"),
        title=entry.get("title"),
        published_at=published,
        html=full or summary or None,
        has_full_content=len(full) > 1500,
    )
