"""The one HTTP path (tracker.http): client factory, retry policy, link finder and link resolution.
Never the network: httpx.MockTransport."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
import pytest

from tracker.errors import FetchError
from tracker.http import (
    OFFLINE_HINT,
    HttpClient,
    Link,
    RetryPolicy,
    Transient,
    find_links,
    is_transient_error,
    new_client,
    reason,
    resolve_link,
    retry_after,
    retry_policy,
)
from tracker.settings import Settings

PAGE = b"""<html><body>
<a href="/about">About</a>
<a href="/media/123/UK_Sanctions_List.ods">UK sanctions list (ODS)</a>
<a href="https://assets.example.gov.uk/media/456/UK-Sanctions-List.csv">UK sanctions list  (CSV)</a>
</body></html>"""


HINT_RE = re.escape("; " + OFFLINE_HINT) + "$"  # every network failure line ends with it


def mock(handler: Callable[[httpx.Request], httpx.Response]) -> httpx.MockTransport:
    return httpx.MockTransport(handler)


# --- the client factory -------------------------------------------------------------------------------


def test_new_client_takes_user_agent_timeouts_retries_and_redirects_from_settings() -> None:
    settings = Settings(
        user_agent="tracker-test/2",
        http_timeout=42,
        http_retries=5,
        http_backoff=0.25,
        http_max_redirects=3,
        news_timeout=7,
        news_retries=1,
        news_backoff=0.1,
    )
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200)

    lists = new_client(settings, transport=mock(handler))
    news = new_client(settings, purpose="news")
    assert isinstance(lists, HttpClient) and lists.timeout.read == 42 and news.timeout.read == 7
    assert (lists.retry.retries, lists.retry.backoff) == (5, 0.25)
    assert (news.retry.retries, news.retry.backoff) == (1, 0.1)
    assert lists.follow_redirects and lists.max_redirects == 3
    lists.get("https://x.test/")
    assert seen[0].headers["User-Agent"] == "tracker-test/2"


def test_a_bare_client_gets_single_attempts_unless_told() -> None:
    bare = httpx.Client()
    assert retry_policy(bare).retries == 0
    assert retry_policy(bare, retries=2).retries == 2
    factory = new_client(Settings(http_retries=4))
    assert retry_policy(factory).retries == 4 and retry_policy(factory, 1).retries == 1


# --- the retry policy ---------------------------------------------------------------------------------


def test_retry_policy_backs_off_exponentially_with_jitter_then_gives_up() -> None:
    sleeps: list[float] = []
    calls = []

    def failing() -> None:
        calls.append(1)
        raise Transient("HTTP 500 from x.test")

    policy = RetryPolicy(retries=3, backoff=1.0, sleep=sleeps.append)
    with pytest.raises(Transient) as caught:
        policy.run(failing)
    assert len(calls) == 4 and caught.value.attempts == 4
    assert [int(s) for s in sleeps] == [1, 2, 4]  # 1, 2, 4 s plus up to 0.5 s of jitter
    assert all(0 <= s - int(s) <= 0.5 for s in sleeps)


def test_retry_policy_waits_as_the_server_asks_and_caps_the_backoff() -> None:
    sleeps: list[float] = []
    answers = iter([Transient("429", delay=7.0), Transient("503"), "done"])

    def attempt() -> str:
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    assert RetryPolicy(retries=5, backoff=100.0, max_wait=60, sleep=sleeps.append).run(attempt) == "done"
    assert 7.0 <= sleeps[0] <= 57.0  # Retry-After 7 s plus jitter (up to backoff / 2)
    assert 120.0 >= sleeps[1] >= 60.0  # 100 * 2 capped at 60, plus jitter


def test_other_errors_are_not_retried() -> None:
    sleeps: list[float] = []
    calls = []

    def attempt() -> None:
        calls.append(1)
        raise FetchError("HTTP 404 Not Found")

    with pytest.raises(FetchError):
        RetryPolicy(retries=3, sleep=sleeps.append).run(attempt)
    assert len(calls) == 1 and sleeps == []


def test_retry_after_reads_seconds_and_dates_and_refuses_long_waits() -> None:
    def response(value: str) -> httpx.Response:
        return httpx.Response(
            503, headers={"Retry-After": value}, request=httpx.Request("GET", "https://x.test/")
        )

    assert retry_after(response("7")) == 7.0
    assert retry_after(response("Tue, 07 May 2024 10:00:00 GMT")) == 0.0  # in the past: at once
    assert retry_after(response("soon")) is None
    with pytest.raises(
        FetchError, match=r"^HTTP 503 from x\.test \(the server asks to wait 3600 s\)" + HINT_RE
    ):
        retry_after(response("3600"))


# --- the link finder ----------------------------------------------------------------------------------


def test_find_links_gives_href_absolute_url_and_text() -> None:
    links = find_links(PAGE, "https://www.gov.uk/government/publications/the-uk-sanctions-list")
    assert links == [
        Link("/about", "https://www.gov.uk/about", "About"),
        Link(
            "/media/123/UK_Sanctions_List.ods",
            "https://www.gov.uk/media/123/UK_Sanctions_List.ods",
            "UK sanctions list (ODS)",
        ),
        Link(
            "https://assets.example.gov.uk/media/456/UK-Sanctions-List.csv",
            "https://assets.example.gov.uk/media/456/UK-Sanctions-List.csv",
            "UK sanctions list (CSV)",
        ),
    ]
    assert find_links(b"", "https://x.test/") == []
    assert find_links(b"<p>no links<a>nor here</a>", "https://x.test/") == []


# --- link resolution ----------------------------------------------------------------------------------


def ods_link(link: Link) -> bool:
    return link.href.endswith(".ods")


def test_resolve_link_finds_the_file_on_a_page() -> None:
    client = httpx.Client(transport=mock(lambda r: httpx.Response(200, content=PAGE)))
    page = "https://www.gov.uk/government/publications/the-uk-sanctions-list"
    url = resolve_link(client, page, ods_link, what="UK list", link="ODS")
    assert url == "https://www.gov.uk/media/123/UK_Sanctions_List.ods"


def test_resolve_link_keeps_a_url_that_serves_the_file() -> None:
    body = b"Report Date: 01-Feb-2026\nLast Updated,Unique ID\n" * 200
    client = httpx.Client(transport=mock(lambda r: httpx.Response(200, content=body)))
    url = "https://x.test/list.ods"
    assert resolve_link(client, url, ods_link, what="UK list", link="ODS") == url


def test_resolve_link_without_a_match_fails_clearly() -> None:
    client = httpx.Client(transport=mock(lambda r: httpx.Response(200, content=PAGE)))
    with pytest.raises(FetchError, match=r"^UK list: the XLSX link was not found on https://x\.test/p; set"):
        resolve_link(client, "https://x.test/p", lambda link: False, what="UK list", link="XLSX")


def test_resolve_link_http_error_is_not_retried() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(410)

    client = new_client(Settings(http_retries=3), transport=mock(handler))
    with pytest.raises(FetchError, match=r"^UK list: HTTP 410 from https://x\.test/p" + HINT_RE):
        resolve_link(client, "https://x.test/p", ods_link, what="UK list", link="ODS")
    assert len(calls) == 1


def test_resolve_link_retries_a_server_error_with_the_client_policy() -> None:
    answers = [httpx.Response(503), httpx.Response(200, content=PAGE)]
    client = new_client(Settings(http_retries=2, http_backoff=0), transport=mock(lambda r: answers.pop(0)))
    url = resolve_link(client, "https://x.test/p", ods_link, what="UK list", link="ODS")
    assert url == "https://x.test/media/123/UK_Sanctions_List.ods" and answers == []


def test_resolve_link_gives_up_after_the_retries() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadError("[Errno 104] Connection reset by peer", request=request)

    client = new_client(Settings(http_retries=1, http_backoff=0), transport=mock(handler))
    with pytest.raises(
        FetchError, match=r"^UK list: cannot reach https://x\.test/p \(.*\) after 2 attempts" + HINT_RE
    ):
        resolve_link(client, "https://x.test/p", ods_link, what="UK list", link="ODS")


def test_resolve_link_refuses_an_endless_page() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        chunks = (b"<html>" + b"x" * 65536 for _ in range(1000))
        return httpx.Response(200, headers={"content-type": "text/html"}, content=chunks)

    client = httpx.Client(transport=mock(handler))
    with pytest.raises(FetchError, match="serves more than 1 MB of HTML"):
        resolve_link(client, "https://x.test/p", ods_link, what="UK list", link="ODS", max_bytes=2**20)


# --- offline: what another attempt would meet again is not retried -------------------------------------

OFFLINE_ERRORS = [
    ("[Errno -2] Name or service not known", "host name not found"),
    ("[Errno -3] Temporary failure in name resolution", "host name not found"),
    ("[Errno -5] No address associated with hostname", "host name not found"),
    ("[Errno 8] nodename nor servname provided, or not known", "host name not found"),
    ("[Errno 111] Connection refused", "connection refused"),
    ("[Errno 101] Network is unreachable", "network unreachable"),
]


@pytest.mark.parametrize(("text", "why"), OFFLINE_ERRORS)
def test_name_resolution_and_refused_connections_are_not_retried(text: str, why: str) -> None:
    request = httpx.Request("GET", "https://x.test/p")
    error = httpx.ConnectError(text, request=request)
    assert reason(error) == why and not is_transient_error(error)
    attempts: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        attempts.append(request)
        raise httpx.ConnectError(text, request=request)

    client = new_client(Settings(http_retries=3, http_backoff=0), transport=mock(handler))
    with pytest.raises(FetchError, match=rf"^UK list: cannot reach https://x\.test/p \({why}\)" + HINT_RE):
        resolve_link(client, "https://x.test/p", ods_link, what="UK list", link="ODS")
    assert len(attempts) == 1


def test_a_reset_connection_or_a_timeout_is_still_retried() -> None:
    request = httpx.Request("GET", "https://x.test/p")
    assert is_transient_error(httpx.ReadError("[Errno 104] Connection reset by peer", request=request))
    assert is_transient_error(httpx.ConnectTimeout("timed out", request=request))
    assert is_transient_error(httpx.RemoteProtocolError("peer closed connection", request=request))
