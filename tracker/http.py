"""The one HTTP path: clients built from Settings, one retry policy, one HTML link finder.

Every request tracker makes goes through a client from ``new_client`` (user agent, timeout, redirects
and retry policy from Settings): list downloads (``tracker.sources.fetch``), news pages and feeds
(``tracker.news.feeds``) and link resolution (``resolve_link``, used for the UK list's page).

What is retried, everywhere: HTTP 429 and 5xx, timeouts and transport failures (reset connections, a
body cut off mid-way), but not an unknown host, a refused connection or an unreachable network
(offline: another attempt a few seconds later fails the same way), after ``backoff * 2**n`` seconds (capped at 60) plus up to
``backoff / 2`` of jitter, or after the server's Retry-After when it gives one; a server asking for
more than two minutes is not retried. Everything else (4xx, too many redirects, a bad URL) fails at
once. Callers turn the last failure into their own one-line ``FetchError``.
"""

from __future__ import annotations

import email.utils
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Literal, NamedTuple, TypeVar
from urllib.parse import urljoin

import httpx
import tenacity

from tracker.errors import FetchError
from tracker.settings import Settings

T = TypeVar("T")
BACKOFF_MAX = 60.0  # seconds, one wait
MAX_RETRY_AFTER = 120.0  # a server asking for a longer wait is not retried
PAGE_MAX_BYTES = 5 * 1024 * 1024  # an HTML page that links to a list file; a bigger one is not a page
# The end of every line that says a list could not be fetched over the network.
OFFLINE_HINT = "offline? sync from a file with --url FILE_OR_URL, or use `tracker import`"
# reason() of connection failures that another attempt would meet again
UNREACHABLE = frozenset({"connection refused", "host name not found", "network unreachable"})


class Transient(Exception):
    """A failure worth another attempt. ``delay``: the server's Retry-After in seconds, if it gave one.
    After the last attempt, ``attempts`` says how many were made."""

    def __init__(self, message: str, delay: float | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.delay = delay
        self.attempts = 1


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry a ``Transient`` failure (the rule is in the module docstring).

    ``retries`` extra attempts after the first; ``backoff`` the first wait in seconds; ``sleep`` is
    injectable so tests never wait for real. Built on tenacity.
    """

    retries: int = 0
    backoff: float = 1.0
    max_wait: float = BACKOFF_MAX
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)

    def run(self, attempt: Callable[[], T]) -> T:
        """``attempt()`` until it returns or raises anything but Transient; when the retries are used
        up, the last Transient is raised with its ``attempts`` count."""
        made = 0

        def counted() -> T:
            nonlocal made
            made += 1
            return attempt()

        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(self.retries + 1),
            wait=self._wait,
            retry=tenacity.retry_if_exception_type(Transient),
            sleep=self.sleep,
            reraise=True,
        )
        try:
            return retrying(counted)
        except Transient as exc:
            exc.attempts = made
            raise

    def _wait(self, state: tenacity.RetryCallState) -> float:
        failure = state.outcome.exception() if state.outcome is not None else None
        asked = failure.delay if isinstance(failure, Transient) else None
        wait = (
            asked if asked is not None else min(self.max_wait, self.backoff * 2 ** (state.attempt_number - 1))
        )
        return wait + random.uniform(0, self.backoff / 2)  # jitter: don't stampede a struggling server


class HttpClient(httpx.Client):
    """An httpx.Client that carries the retry policy its users apply (made by ``new_client``)."""

    def __init__(
        self,
        *,
        retry: RetryPolicy,
        user_agent: str,
        timeout: float,
        max_redirects: int,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        super().__init__(
            headers={"User-Agent": user_agent},
            timeout=timeout,
            follow_redirects=True,
            max_redirects=max_redirects,
            transport=transport,
        )
        self.retry = retry


def new_client(
    settings: Settings,
    *,
    purpose: Literal["lists", "news"] = "lists",
    transport: httpx.BaseTransport | None = None,
) -> HttpClient:
    """A client with the user agent, redirect limit, timeout and retry policy of ``settings``.

    ``purpose`` picks the timeout and retries: "lists" (TRACKER_HTTP_TIMEOUT / _RETRIES / _BACKOFF)
    for official list files, "news" (TRACKER_NEWS_TIMEOUT / _RETRIES / _BACKOFF) for articles and feeds.
    """
    if purpose == "news":
        timeout, retry = settings.news_timeout, RetryPolicy(settings.news_retries, settings.news_backoff)
    else:
        timeout, retry = settings.http_timeout, RetryPolicy(settings.http_retries, settings.http_backoff)
    return HttpClient(
        retry=retry,
        user_agent=settings.user_agent,
        timeout=timeout,
        max_redirects=settings.http_max_redirects,
        transport=transport,
    )


def retry_policy(client: httpx.Client, retries: int | None = None) -> RetryPolicy:
    """The policy of a client from ``new_client``; a bare httpx.Client (tests, embedding code) makes one
    attempt. ``retries`` overrides the count."""
    policy = client.retry if isinstance(client, HttpClient) else RetryPolicy()
    return policy if retries is None else replace(policy, retries=retries)


def conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from the validators of the last download (conditional GET)."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def is_transient_status(code: int) -> bool:
    """429 Too Many Requests and every 5xx are worth another attempt."""
    return code == 429 or code >= 500


def is_transient_error(exc: httpx.HTTPError) -> bool:
    """Timeouts and transport failures (read, write, protocol, a reset connection) are worth another
    attempt; an unknown host, a refused connection or an unreachable network (``UNREACHABLE``), too
    many redirects or an unsupported scheme are not."""
    if isinstance(exc, httpx.TimeoutException):
        return True
    if isinstance(exc, httpx.ConnectError) and reason(exc) in UNREACHABLE:
        return False
    return isinstance(exc, httpx.TransportError) and not isinstance(exc, httpx.UnsupportedProtocol)


def retry_after(response: httpx.Response) -> float | None:
    """The server's Retry-After in seconds (a number or an HTTP date), None when absent or unreadable.

    Raises FetchError when the server asks for more than MAX_RETRY_AFTER seconds: waiting that long
    inside one sync would stall every other list, so the next scheduled run tries again.
    """
    value = response.headers.get("Retry-After")
    if not value:
        return None
    if value.strip().isdigit():
        wait = float(value)
    else:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        wait = max(0.0, (when - datetime.now(UTC)).total_seconds())
    if wait > MAX_RETRY_AFTER:
        host = response.url.host
        raise FetchError(
            f"HTTP {response.status_code} from {host} (the server asks to wait {wait:.0f} s); {OFFLINE_HINT}"
        )
    return wait


def reason(exc: BaseException) -> str:
    """A short reason for a transport error ("connection refused", "host name not found"...)."""
    text = str(exc) or type(exc).__name__
    low = text.lower()
    if "refused" in low:
        return "connection refused"
    if any(
        text in low
        for text in (
            "name or service not known",
            "name resolution",
            "nodename nor servname",
            "no address associated",
            "getaddrinfo failed",
        )
    ):
        return "host name not found"
    if "unreachable" in low:
        return "network unreachable"
    if "certificate" in low:
        return "TLS certificate problem"
    return re.sub(r"^\[Errno -?\d+\]\s*", "", text)


# --------------------------------------------------------------------------------------------------
# links on a page


class Link(NamedTuple):
    """One ``<a href>`` of a page: the href as written, its absolute URL, its text (spaces collapsed)."""

    href: str
    url: str
    text: str


def find_links(page: bytes | str, base_url: str) -> list[Link]:
    """Every ``<a href>`` of an HTML page, in page order. lxml's HTML parser reads broken markup as
    browsers do; an empty or unreadable page has no links."""
    from lxml import etree
    from lxml import html as lxml_html  # imported here: only link resolution needs them

    try:
        doc = lxml_html.fromstring(page)
    except (etree.ParserError, ValueError):  # an empty document; text that is not markup
        return []
    links = []
    for anchor in doc.iter("a"):
        href = (anchor.get("href") or "").strip()
        if href:
            links.append(Link(href, urljoin(base_url, href), " ".join(anchor.text_content().split())))
    return links


def resolve_link(
    client: httpx.Client,
    url: str,
    matches: Callable[[Link], bool],
    *,
    what: str,
    link: str,
    max_bytes: int = PAGE_MAX_BYTES,
) -> str:
    """``url`` itself when it serves a file; when it serves an HTML page (the publisher moved the file
    and left a page), the absolute URL of the first link on it for which ``matches(link)``.

    For publishers that move their file (the UK list). Made for lists that are not XML (a CSV never
    starts with "<", so a body that does is a page, whatever its content type says). ``what`` names the
    list and ``link`` the file kind in the messages. Retries as the client's policy says. Raises FetchError: HTTP error,
    unreachable host, page over ``max_bytes``, or no matching link.
    """

    def attempt() -> tuple[bytes, str, str]:
        try:
            with client.stream("GET", url, follow_redirects=True) as response:
                if response.status_code >= 400:
                    message = f"{what}: HTTP {response.status_code} from {url}"
                    if is_transient_status(response.status_code):
                        raise Transient(message, retry_after(response))
                    raise FetchError(f"{message}; {OFFLINE_HINT}")
                content_type = response.headers.get("content-type", "").lower()
                head = b""
                for chunk in response.iter_bytes():
                    head += chunk
                    if "html" not in content_type and len(head) >= 2048:
                        break  # a file, not a page: its first bytes tell
                    if len(head) > max_bytes:
                        raise FetchError(f"{what}: {url} serves more than {max_bytes // 2**20} MB of HTML")
                return head, content_type, str(response.url)
        except httpx.HTTPError as exc:
            message = f"{what}: cannot reach {url} ({reason(exc)})"
            if is_transient_error(exc):
                raise Transient(message) from exc
            raise FetchError(f"{message}; {OFFLINE_HINT}") from exc

    try:
        head, content_type, final_url = retry_policy(client).run(attempt)
    except Transient as exc:
        tries = f" after {exc.attempts} attempts" if exc.attempts > 1 else ""
        raise FetchError(f"{exc.message}{tries}; {OFFLINE_HINT}") from exc
    start = head[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if "html" not in content_type and not start.startswith(b"<"):
        return url
    for found in find_links(head, final_url):
        if matches(found):
            return found.url
    raise FetchError(f"{what}: the {link} link was not found on {url}; set TRACKER_SOURCE_URLS")
