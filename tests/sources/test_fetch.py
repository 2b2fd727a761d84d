"""List downloads (tracker.sources.fetch): never the network. httpx.MockTransport for most cases, one
local server end to end."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from tracker.errors import FetchError
from tracker.http import OFFLINE_HINT
from tracker.sources.fetch import Download, Validators, fetch

BODY = b'<?xml version="1.0"?>\n<sdnList><publshInformation/><sdnEntry><uid>1</uid></sdnEntry></sdnList>\n'
URL = "https://sanctionslistservice.ofac.treas.gov/api/download/SDN.XML"
ARCHIVE_NAME = re.compile(r"^\d{8}T\d{6}Z-[0-9a-f]{12}\.xml\.gz$")
HINT = "; " + OFFLINE_HINT  # every network failure line ends with it
HINT_RE = re.escape(HINT) + "$"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Recorder:
    """A MockTransport handler that plays scripted responses and remembers the requests."""

    def __init__(self, *responses: httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]):
        self.responses = list(responses)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        item = self.responses[min(len(self.requests), len(self.responses)) - 1]  # last one repeats
        if isinstance(item, Exception):
            raise item
        return item(request) if callable(item) else item


def run(
    handler: Recorder,
    archive: Path,
    *,
    url: str = URL,
    previous: Validators | None = None,
    retries: int = 3,
    max_bytes: int = 10_000,
    sleeps: list[float] | None = None,
    **kwargs: object,
) -> Download:
    client = httpx.Client(transport=httpx.MockTransport(handler))
    sleep = sleeps.append if sleeps is not None else lambda s: None
    return fetch(
        url,
        source="ofac_sdn",
        archive_dir=archive,
        previous=previous,
        client=client,
        retries=retries,
        max_bytes=max_bytes,
        user_agent="tracker-test/1",
        sleep=sleep,
        **kwargs,  # type: ignore[arg-type]
    )


def archived(archive: Path) -> list[str]:
    folder = archive / "ofac_sdn"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def assert_nothing_left(archive: Path) -> None:
    assert archived(archive) == [], "a failed download must leave no file, partial or final"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return tmp_path / "archive"


# --- successful paths ---------------------------------------------------------------------------------


def test_new_file_is_archived_gzipped_with_sha_of_raw_bytes(archive: Path) -> None:
    handler = Recorder(
        httpx.Response(200, content=BODY, headers={"ETag": '"v1"', "Content-Type": "text/xml"})
    )
    seen: list[tuple[int, int | None]] = []
    result = run(handler, archive, progress=lambda done, total: seen.append((done, total)))

    assert result.status == "new"
    assert result.sha256 == sha(BODY)
    assert result.size == len(BODY)
    assert result.etag == '"v1"' and result.content_type == "text/xml"
    assert result.path is not None and ARCHIVE_NAME.match(result.path.name)
    assert result.path.name.split("-")[1].startswith(sha(BODY)[:12])
    assert gzip.decompress(result.path.read_bytes()) == BODY
    assert seen[-1] == (len(BODY), len(BODY))
    assert handler.requests[0].headers["User-Agent"] == "tracker-test/1"
    assert "If-None-Match" not in handler.requests[0].headers  # nothing to be conditional on yet

    sidecar = json.loads(result.path.with_name(result.path.name + ".json").read_text())
    assert sidecar["sha256"] == sha(BODY) and sidecar["size"] == len(BODY)
    assert sidecar["url"] == URL and sidecar["etag"] == '"v1"' and sidecar["fetched_at"]
    assert archived(archive) == [result.path.name, result.path.name + ".json"]


def test_redirect_to_storage_link_is_followed(archive: Path) -> None:
    storage = "https://ofacstorage.blob.core.windows.net/publication/SDN.XML?sig=abc"

    def route(request: httpx.Request) -> httpx.Response:
        if request.url.host == "sanctionslistservice.ofac.treas.gov":
            return httpx.Response(302, headers={"Location": storage})
        return httpx.Response(200, content=BODY)

    result = run(Recorder(route), archive)
    assert result.status == "new"
    assert result.url == storage
    assert result.path is not None and gzip.decompress(result.path.read_bytes()) == BODY
    sidecar = json.loads(result.path.with_name(result.path.name + ".json").read_text())
    assert (sidecar["url"], sidecar["final_url"]) == (URL, storage)


def test_304_sends_validators_and_downloads_nothing(archive: Path) -> None:
    handler = Recorder(httpx.Response(304))
    previous = Validators(etag='"v1"', last_modified="Tue, 07 May 2024 10:00:00 GMT", sha256=sha(BODY))
    result = run(handler, archive, previous=previous)

    assert result.status == "not_modified"
    assert result.path is None and result.size == 0
    assert (result.sha256, result.etag, result.last_modified) == (
        previous.sha256,
        previous.etag,
        previous.last_modified,
    )
    headers = handler.requests[0].headers
    assert headers["If-None-Match"] == '"v1"'
    assert headers["If-Modified-Since"] == "Tue, 07 May 2024 10:00:00 GMT"
    assert_nothing_left(archive)


def test_same_sha_as_before_is_unchanged_and_not_archived(archive: Path) -> None:
    handler = Recorder(httpx.Response(200, content=BODY, headers={"ETag": '"v2"'}))
    result = run(handler, archive, previous=Validators(etag='"v1"', sha256=sha(BODY)))
    assert result.status == "unchanged"
    assert result.path is None
    assert result.sha256 == sha(BODY) and result.size == len(BODY)
    assert result.etag == '"v2"'  # the new validator, so the store can use it next time
    assert_nothing_left(archive)


def test_different_sha_is_new(archive: Path) -> None:
    result = run(
        Recorder(httpx.Response(200, content=BODY)), archive, previous=Validators(sha256=sha(b"old"))
    )
    assert result.status == "new"


def test_the_same_new_file_twice_is_archived_once(archive: Path) -> None:
    # e.g. a file the guards rejected: the store keeps the old sha, so the next run sees it as new again
    first = run(Recorder(httpx.Response(200, content=BODY)), archive, previous=Validators(sha256="old"))
    again = run(Recorder(httpx.Response(200, content=BODY)), archive, previous=Validators(sha256="old"))
    assert (first.status, again.status) == ("new", "new")
    assert again.path == first.path
    assert len(archived(archive)) == 2  # one file and its sidecar


def test_content_encoding_gzip_is_decoded_and_not_taken_for_truncation(archive: Path) -> None:
    wire = gzip.compress(BODY)
    headers = {"Content-Encoding": "gzip", "Content-Length": str(len(wire))}
    # a generator body, so httpx reads it as from a real connection (a bytes body is pre-read)
    parts = [wire[:20], wire[20:]]
    handler = Recorder(lambda request: httpx.Response(200, content=iter(parts), headers=headers))
    result = run(handler, archive)
    assert result.sha256 == sha(BODY)
    assert result.path is not None and gzip.decompress(result.path.read_bytes()) == BODY


# --- retries and failures -----------------------------------------------------------------------------


def test_http_500_then_success_is_retried_without_sleeping_for_real(archive: Path) -> None:
    handler = Recorder(httpx.Response(500), httpx.Response(200, content=BODY))
    sleeps: list[float] = []
    started = time.monotonic()
    result = run(handler, archive, sleeps=sleeps)
    assert result.status == "new"
    assert len(handler.requests) == 2
    assert len(sleeps) == 1 and 1.0 <= sleeps[0] <= 1.5  # backoff 1 s + jitter, injected
    assert time.monotonic() - started < 1.0


def test_http_500_forever_gives_up_after_all_attempts(archive: Path) -> None:
    handler = Recorder(httpx.Response(500))
    sleeps: list[float] = []
    with pytest.raises(FetchError) as caught:
        run(handler, archive, retries=3, sleeps=sleeps)
    assert str(caught.value) == "HTTP 500 from sanctionslistservice.ofac.treas.gov after 4 attempts" + HINT
    assert len(handler.requests) == 4
    # exponential backoff: 1, 2, 4 s, each plus up to 0.5 s of jitter
    assert [int(s) for s in sleeps] == [1, 2, 4]
    assert_nothing_left(archive)


def test_429_respects_a_small_retry_after(archive: Path) -> None:
    handler = Recorder(httpx.Response(429, headers={"Retry-After": "7"}), httpx.Response(200, content=BODY))
    sleeps: list[float] = []
    assert run(handler, archive, sleeps=sleeps).status == "new"
    assert 7.0 <= sleeps[0] < 7.5


def test_a_long_retry_after_fails_at_once(archive: Path) -> None:
    handler = Recorder(httpx.Response(503, headers={"Retry-After": "3600"}))
    with pytest.raises(FetchError, match=r"HTTP 503 from .* asks to wait 3600 s"):
        run(handler, archive)
    assert len(handler.requests) == 1


def test_404_fails_at_once(archive: Path) -> None:
    handler = Recorder(httpx.Response(404))
    sleeps: list[float] = []
    with pytest.raises(FetchError) as caught:
        run(handler, archive, sleeps=sleeps)
    assert str(caught.value) == f"HTTP 404 Not Found from sanctionslistservice.ofac.treas.gov ({URL})" + HINT
    assert len(handler.requests) == 1 and sleeps == []
    assert_nothing_left(archive)


def test_304_without_validators_is_an_error(archive: Path) -> None:
    with pytest.raises(FetchError, match="HTTP 304"):
        run(Recorder(httpx.Response(304)), archive, previous=None)


def test_timeout_is_retried_then_reported(archive: Path) -> None:
    handler = Recorder(httpx.ReadTimeout("read timed out"))
    with pytest.raises(FetchError) as caught:
        run(handler, archive, retries=2, timeout=60)
    assert str(caught.value) == (
        "no answer from sanctionslistservice.ofac.treas.gov (timed out after 60 s) after 3 attempts" + HINT
    )
    assert len(handler.requests) == 3


def test_timeout_in_the_middle_of_the_body_leaves_no_partial_file(archive: Path) -> None:
    def stalls() -> Iterator[bytes]:
        yield BODY[:10]
        raise httpx.ReadTimeout("read timed out")

    handler = Recorder(lambda request: httpx.Response(200, content=stalls()))
    with pytest.raises(FetchError, match=r"^no answer from \S+ \(timed out after 5 s\)" + HINT_RE):
        run(handler, archive, retries=0, timeout=5)
    assert_nothing_left(archive)


def test_size_cap_by_content_length_fails_before_reading(archive: Path) -> None:
    def never() -> Iterator[bytes]:
        raise AssertionError("the body must not be read")
        yield b""

    handler = Recorder(
        lambda request: httpx.Response(200, content=never(), headers={"Content-Length": "2000"})
    )
    with pytest.raises(
        FetchError, match=r"^download from sanctionslistservice\S+ is larger than the 1000 bytes cap$"
    ):
        run(handler, archive, max_bytes=1000)
    assert len(handler.requests) == 1  # not retried
    assert_nothing_left(archive)


def test_size_cap_by_stream_aborts(archive: Path) -> None:
    read: list[int] = []

    def endless() -> Iterator[bytes]:
        for i in range(1000):
            read.append(i)
            yield b"x" * 65536

    handler = Recorder(lambda request: httpx.Response(200, content=endless()))  # chunked, no length
    with pytest.raises(FetchError, match=r"^download from \S+ is larger than the 256 KB cap$"):
        run(handler, archive, max_bytes=256 * 1024, retries=0)
    assert len(read) <= 6  # stopped soon after passing the cap
    assert_nothing_left(archive)


def test_cap_message_in_megabytes(archive: Path) -> None:
    handler = Recorder(httpx.Response(200, headers={"Content-Length": str(600 * 1024 * 1024)}))
    with pytest.raises(FetchError, match=r"larger than the 512 MB cap$"):
        run(handler, archive, max_bytes=512 * 1024 * 1024)


def test_truncated_body_is_reported_and_not_archived(archive: Path) -> None:
    short = httpx.Response(200, content=b"x" * 1500, headers={"Content-Length": str(3 * 1024 * 1024)})
    handler = Recorder(short)
    with pytest.raises(FetchError) as caught:
        run(handler, archive, retries=1, max_bytes=10 * 1024 * 1024)
    assert str(caught.value) == (
        "download from sanctionslistservice.ofac.treas.gov ended early (got 1 KB of 3 MB) after 2 attempts"
        + HINT
    )
    assert_nothing_left(archive)


def test_failure_at_a_redirect_target_names_that_host(archive: Path) -> None:
    def route(request: httpx.Request) -> httpx.Response:
        if request.url.host == "sanctionslistservice.ofac.treas.gov":
            return httpx.Response(302, headers={"Location": "https://storage.example.net/sdn.xml"})
        raise httpx.ConnectError("[Errno 111] Connection refused")

    with pytest.raises(FetchError) as caught:
        run(Recorder(route), archive, retries=0)
    assert str(caught.value) == "cannot reach storage.example.net (connection refused)" + HINT


def test_a_crash_while_archiving_leaves_no_file_under_a_final_name(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def dies_halfway(src: object, dst: object, length: int = 0) -> None:
        dst.write(BODY[:10])  # type: ignore[attr-defined]
        raise KeyboardInterrupt  # as if the process were stopped mid-write

    monkeypatch.setattr("tracker.sources.archive.shutil.copyfileobj", dies_halfway)
    with pytest.raises(KeyboardInterrupt):
        run(Recorder(httpx.Response(200, content=BODY)), archive)
    assert_nothing_left(archive)


def test_connection_refused_on_a_closed_local_port(archive: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # closed now: nothing listens on the port
    with pytest.raises(FetchError) as caught:
        fetch(
            f"http://127.0.0.1:{port}/sdn.xml",
            source="ofac_sdn",
            archive_dir=archive,
            previous=None,
            retries=1,
            max_bytes=1000,
            user_agent="t",
            sleep=lambda s: None,
        )
    # not retried: another attempt a moment later is refused the same way
    assert str(caught.value) == "cannot reach 127.0.0.1 (connection refused)" + HINT
    assert_nothing_left(archive)


def test_unknown_scheme_is_refused(archive: Path) -> None:
    with pytest.raises(FetchError, match="unsupported URL scheme 'ftp'"):
        run(Recorder(httpx.Response(200)), archive, url="ftp://example.org/sdn.xml")


# --- local files --------------------------------------------------------------------------------------


@pytest.mark.parametrize("as_uri", [True, False], ids=["file-url", "plain-path"])
def test_local_file_is_archived_then_unchanged(tmp_path: Path, archive: Path, as_uri: bool) -> None:
    src = tmp_path / "in dir" / "sdn.csv"
    src.parent.mkdir()
    src.write_bytes(b"1,A\n2,B\n")
    url = src.as_uri() if as_uri else str(src)
    first = fetch(url, source="ofac_sdn", archive_dir=archive, previous=None, max_bytes=100, user_agent="t")
    assert first.status == "new" and first.url == src.as_uri()
    assert first.path is not None and first.path.name.endswith(".csv.gz")  # suffix from the file name
    assert gzip.decompress(first.path.read_bytes()) == b"1,A\n2,B\n"

    again = fetch(
        url,
        source="ofac_sdn",
        archive_dir=archive,
        previous=Validators(sha256=first.sha256),
        max_bytes=100,
        user_agent="t",
    )
    assert again.status == "unchanged" and again.path is None
    assert len(archived(archive)) == 2  # the first file and its sidecar, nothing more


def test_local_gz_file_is_stored_with_a_single_gzip_layer(tmp_path: Path, archive: Path) -> None:
    src = tmp_path / "sdn.xml.gz"
    src.write_bytes(gzip.compress(BODY))
    result = fetch(
        str(src),
        source="ofac_sdn",
        archive_dir=archive,
        previous=None,
        max_bytes=10_000,
        user_agent="t",
        suffix=".csv",
    )
    assert result.path is not None and ARCHIVE_NAME.match(result.path.name)
    assert gzip.decompress(result.path.read_bytes()) == BODY


def test_local_file_errors(tmp_path: Path, archive: Path) -> None:
    common: dict = {"source": "ofac_sdn", "archive_dir": archive, "previous": None, "user_agent": "t"}
    with pytest.raises(FetchError, match="^file not found: "):
        fetch(str(tmp_path / "missing.xml"), max_bytes=100, **common)
    with pytest.raises(FetchError, match="^expected a file, got a folder"):
        fetch(tmp_path.as_uri(), max_bytes=100, **common)
    big = tmp_path / "big.xml"
    big.write_bytes(b"x" * 200)
    with pytest.raises(FetchError, match="^big.xml is larger than the 100 bytes cap$"):
        fetch(str(big), max_bytes=100, **common)
    assert_nothing_left(archive)


def test_suffix_falls_back_to_the_given_one(archive: Path) -> None:
    url = "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=x"
    result = run(Recorder(httpx.Response(200, content=BODY)), archive, url=url, suffix=".xml")
    assert result.path is not None and ARCHIVE_NAME.match(result.path.name)


# --- one real HTTP server on 127.0.0.1 ----------------------------------------------------------------


class ListServer(BaseHTTPRequestHandler):
    """Serves the list with ETag / Last-Modified and answers conditional GETs with 304."""

    body = BODY
    etag = '"v1"'
    last_modified = "Tue, 07 May 2024 10:00:00 GMT"
    log: list[tuple[str, int]] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path == "/moved":
            return self.reply(301, b"", {"Location": "/sdn.xml"})
        if self.path == "/slow":
            time.sleep(1.0)
            return self.reply(200, self.body)
        if self.path == "/cut":  # promises more than it sends, then closes the connection
            self.send_response(200)
            self.send_header("Content-Length", str(2 * 1024 * 1024))
            self.end_headers()
            self.wfile.write(b"x" * 300_000)
            self.close_connection = True
            return None
        if self.headers.get("If-None-Match") == self.etag:
            return self.reply(304, b"")
        return self.reply(200, self.body, {"ETag": self.etag, "Last-Modified": self.last_modified})

    def reply(self, code: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        type(self).log.append((self.path, code))
        self.send_response(code)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # keep pytest output clean
        pass


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the client hanging up on /slow or /cut is the point of those tests


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """``handler`` served on 127.0.0.1 in a thread; yields the base URL."""
    httpd = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def server() -> Iterator[str]:
    ListServer.log = []
    ListServer.body, ListServer.etag = BODY, '"v1"'
    with serving(ListServer) as url:
        yield url


def test_end_to_end_against_a_local_server(server: str, archive: Path) -> None:
    def get(path: str, previous: Validators | None, retries: int = 3, timeout: float = 60) -> Download:
        return fetch(
            server + path,
            source="ofac_sdn",
            archive_dir=archive,
            previous=previous,
            retries=retries,
            timeout=timeout,
            max_bytes=10_000_000,
            user_agent="t",
            sleep=lambda s: None,
        )

    first = get("/moved", None)
    assert first.status == "new" and first.url == server + "/sdn.xml"
    assert (first.etag, first.last_modified) == ('"v1"', "Tue, 07 May 2024 10:00:00 GMT")
    assert first.path is not None and gzip.decompress(first.path.read_bytes()) == BODY

    remembered = Validators(first.etag, first.last_modified, first.sha256)
    second = get("/sdn.xml", remembered)
    assert second.status == "not_modified" and ListServer.log[-1] == ("/sdn.xml", 304)

    ListServer.body, ListServer.etag = BODY.replace(b"<uid>1", b"<uid>2"), '"v2"'
    third = get("/sdn.xml", remembered)
    assert third.status == "new" and third.etag == '"v2"' and third.sha256 != first.sha256

    with pytest.raises(
        FetchError, match=r"^download from 127\.0\.0\.1 ended early \(got \d+ KB of 2 MB\)" + HINT_RE
    ):
        get("/cut", None, retries=0)
    with pytest.raises(
        FetchError, match=r"^no answer from 127\.0\.0\.1 \(timed out after 0\.2 s\)" + HINT_RE
    ):
        get("/slow", None, retries=0, timeout=0.2)
    assert len([n for n in archived(archive) if n.endswith(".gz")]) == 2  # first and third only
    assert not [n for n in archived(archive) if n.startswith(".")]  # no temp files


# --- hostile servers: a gzip bomb, a server that drips ------------------------------------------------


def test_a_served_gzip_bomb_is_refused_by_its_decompressed_size(archive: Path) -> None:
    """A .gz file is archived as it is, so the cap counts its bytes once decompressed (2 MB of zeros
    pack into 2 KB: under the 1 MB cap compressed, far over it unpacked)."""
    bomb = gzip.compress(b"\0" * (2 << 20))
    assert len(bomb) < 10_000
    with pytest.raises(
        FetchError, match=r"^download from \S+ is larger than the 1 MB cap once decompressed$"
    ):
        run(Recorder(httpx.Response(200, content=bomb)), archive, url=URL + ".gz", max_bytes=1 << 20)
    assert_nothing_left(archive)
    fine = gzip.compress(BODY)  # a real gzip download still passes, stored with one gzip layer
    got = run(Recorder(httpx.Response(200, content=fine)), archive, url=URL + ".gz", max_bytes=1 << 20)
    assert got.path is not None and gzip.decompress(got.path.read_bytes()) == BODY


def test_a_content_encoding_bomb_counts_decoded_bytes(archive: Path) -> None:
    bomb = gzip.compress(b"\0" * (2 << 20))
    answer = httpx.Response(200, headers={"Content-Encoding": "gzip"}, content=bomb)
    with pytest.raises(FetchError, match=r"^download from \S+ is larger than the 1 MB cap$"):
        run(Recorder(answer), archive, max_bytes=1 << 20)
    assert_nothing_left(archive)


def test_a_local_gzip_bomb_is_refused_too(tmp_path: Path, archive: Path) -> None:
    path = tmp_path / "sdn.xml.gz"
    path.write_bytes(gzip.compress(b"\0" * (2 << 20)))
    with pytest.raises(FetchError, match=r"^sdn\.xml\.gz is larger than the 1 MB cap once decompressed$"):
        run(Recorder(), archive, url=str(path), max_bytes=1 << 20)
    assert_nothing_left(archive)


def test_an_unknown_host_fails_at_once_with_the_offline_hint(archive: Path) -> None:
    handler = Recorder(httpx.ConnectError("[Errno -3] Temporary failure in name resolution"))
    sleeps: list[float] = []
    with pytest.raises(FetchError) as caught:
        run(handler, archive, retries=3, sleeps=sleeps)
    assert (
        str(caught.value) == "cannot reach sanctionslistservice.ofac.treas.gov (host name not found)" + HINT
    )
    assert len(handler.requests) == 1 and sleeps == []


def test_retries_stop_at_the_deadline_instead_of_waiting_past_it(archive: Path) -> None:
    sleeps: list[float] = []
    handler = Recorder(httpx.Response(503))
    with pytest.raises(
        FetchError, match=r"took longer than the 2 s deadline \(TRACKER_DOWNLOAD_DEADLINE\)" + HINT_RE
    ):
        run(handler, archive, retries=3, backoff=30.0, sleeps=sleeps, deadline=2.0)
    assert len(handler.requests) == 1 and sleeps == []  # a 30 s wait would end past the deadline


class DripServer(BaseHTTPRequestHandler):
    """Sends one byte every ``every`` seconds, forever: within any read timeout, never done.
    /body drips the body after complete headers; /headers drips the header lines themselves."""

    every = 2.0

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        try:
            if self.path == "/headers":
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                while True:
                    self.wfile.write(b"X-Drip: ")
                    for _ in range(4):
                        self.wfile.flush()
                        time.sleep(self.every)
                        self.wfile.write(b"x")
                    self.wfile.write(b"\r\n")
            self.send_response(200)
            self.send_header("Content-Length", str(10_000_000))
            self.end_headers()
            while True:
                self.wfile.write(b"<")
                self.wfile.flush()
                time.sleep(self.every)
        except OSError:  # the client hung up: the point of the test
            return

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def drip_server() -> Iterator[str]:
    with serving(DripServer) as url:
        yield url


@pytest.mark.parametrize("path", ["/body", "/headers"])
def test_a_server_that_drips_a_byte_every_2_s_fails_at_the_deadline(
    drip_server: str, archive: Path, path: str
) -> None:
    """Each byte comes well inside the 5 s read timeout, so only the overall deadline can end it: at
    1 s here (the setting, TRACKER_DOWNLOAD_DEADLINE, is 15 minutes by default)."""
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch(
            drip_server + path,
            source="ofac_sdn",
            archive_dir=archive,
            previous=None,
            retries=2,
            timeout=5,
            deadline=1.0,
            max_bytes=100_000_000,
            user_agent="t",
            sleep=lambda s: None,
        )
    elapsed = time.monotonic() - started
    assert str(caught.value) == (
        "download from 127.0.0.1 took longer than the 1 s deadline (TRACKER_DOWNLOAD_DEADLINE)" + HINT
    )
    assert 1.0 <= elapsed < 4.0  # the deadline, not the 5 s timeout nor the retries
    assert not [n for n in archived(archive) if n.startswith(".")]  # no temp file left
