"""Download a list file into the archive: conditional GET, retries, size cap, sha256, gzip, atomic.

`fetch` is the one entry point. It streams the raw bytes to a temp file inside archive_dir/<source>/
while hashing them, so an unchanged list (same sha256 as last time) costs one request and no
compression, and a failed or killed download never leaves a file under its final name.

Hostile servers: the size cap counts a gzip body once decompressed too (``archive.Spool``), and an
overall deadline covers every attempt, wait and byte (``_Deadline``): a server that drips a byte just
inside each read timeout fails at the deadline. Every failure to get the file over the network ends
with ``OFFLINE_HINT``.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import httpx

from tracker.errors import FetchError
from tracker.http import (
    OFFLINE_HINT,
    RetryPolicy,
    Transient,
    conditional_headers,
    is_transient_error,
    is_transient_status,
    reason,
    retry_after,
)
from tracker.sources.archive import CHUNK, Spool, human_size, keep

LIST_SUFFIXES = {".xml", ".csv", ".xlsx", ".xls", ".json", ".txt", ".zip", ".ods"}

Progress = Callable[[int, int | None], None]


@dataclass
class Validators:
    """What the store remembers from the previous accepted download of a source."""

    etag: str | None = None
    last_modified: str | None = None
    sha256: str | None = None


@dataclass
class Download:
    # not_modified: HTTP 304, nothing downloaded. unchanged: same sha256 as before, nothing archived.
    # new: a new file, archived gzipped at `path`.
    status: Literal["not_modified", "unchanged", "new"]
    url: str  # final URL after redirects (file:// URI for local files)
    path: Path | None
    sha256: str | None  # of the raw downloaded bytes (the previous one for not_modified)
    size: int  # raw bytes downloaded
    etag: str | None
    last_modified: str | None
    elapsed: float  # seconds
    content_type: str | None = None  # kept for the record; the parser rejects an HTML page


@dataclass
class _Target:
    """Where and how one download lands: shared by the HTTP and the local-file paths."""

    folder: Path  # archive_dir/<source>
    suffix: str
    previous: Validators | None
    max_bytes: int
    progress: Progress | None
    started: float
    deadline: _Deadline


class _Deadline:
    """The overall time one download may take, ``seconds`` from now (None: no limit).

    Each attempt runs under a timer that, when the time is up, shuts down the sockets the attempt
    opened (found through httpx's "trace" extension, and the response's network stream), so even a
    read that keeps receiving a byte now and then ends; waits between attempts that would pass the
    deadline are not made. The failure is a FetchError, never retried.
    """

    def __init__(self, seconds: float | None, url: str) -> None:
        self.seconds = seconds
        self.url = url
        self.end = time.monotonic() + seconds if seconds else None
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    def error(self) -> FetchError:
        host = urlsplit(self.url).hostname or self.url
        return FetchError(
            f"download from {host} took longer than the {self.seconds:g} s deadline "
            f"(TRACKER_DOWNLOAD_DEADLINE); {OFFLINE_HINT}"
        )

    def check(self) -> None:
        if self.expired or (self.end is not None and time.monotonic() >= self.end):
            self.expired = True
            raise self.error()

    def sleeper(self, sleep: Callable[[float], None]) -> Callable[[float], None]:
        """``sleep``, refusing a wait that would end past the deadline."""

        def wait(seconds: float) -> None:
            if self.end is not None and time.monotonic() + seconds >= self.end:
                self.expired = True
                raise self.error()
            sleep(seconds)

        return wait

    def trace(self, event: str, info: dict[str, object]) -> None:
        """httpx "trace" hook: remember each socket the attempt connects."""
        if event == "connection.connect_tcp.complete":
            self.watch(info.get("return_value"))

    def watch(self, stream: object) -> None:
        get_extra_info = getattr(stream, "get_extra_info", None)
        sock = get_extra_info("socket") if get_extra_info else None
        if isinstance(sock, socket.socket):
            with self._lock:
                self._sockets.append(sock)
                if self.expired:
                    self._shut(sock)

    @contextlib.contextmanager
    def timer(self) -> Iterator[None]:
        """Run one attempt; at the deadline its sockets are shut down (what it raises then is ours)."""
        self.check()
        if self.end is None:
            yield
            return
        timer = threading.Timer(max(0.0, self.end - time.monotonic()), self._expire)
        timer.daemon = True
        timer.start()
        try:
            yield
        except (httpx.HTTPError, Transient) as exc:
            if self.expired:
                raise self.error() from exc
            raise
        finally:
            timer.cancel()
            with self._lock:
                self._sockets.clear()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)  # wakes a blocked recv, unlike close()


def fetch(
    url: str,
    *,
    source: str,
    archive_dir: Path,
    previous: Validators | None,
    client: httpx.Client | None = None,
    timeout: float = 60,
    retries: int = 3,
    max_bytes: int,
    user_agent: str,
    progress: Progress | None = None,
    suffix: str | None = None,
    sleep: Callable[[float], None] = time.sleep,
    backoff: float = 1.0,
    deadline: float | None = None,
) -> Download:
    """Download `url` (http, https, file:// or a plain path) into archive_dir/<source>/.

    Raises FetchError with a one-line reason. `retries` extra attempts are made on 5xx, 429, timeouts
    and broken connections (not on an unknown host or a refused connection), waiting backoff * 2**n
    seconds plus jitter (or the server's Retry-After): the policy of ``tracker.http.RetryPolicy``.
    ``timeout`` is per network operation; ``deadline`` (seconds, None: none) bounds the whole download.
    ``max_bytes`` caps the raw bytes and, for a gzip file, the decompressed bytes.
    """
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https", "file") and "://" in url:
        raise FetchError(f"unsupported URL scheme {scheme!r}: {url} (use http, https, file:// or a path)")
    local = None if scheme in ("http", "https") else _local_path(url)
    ext = _suffix(local.name if local else url, suffix)
    clock = _Deadline(deadline, url)
    target = _Target(archive_dir / source, ext, previous, max_bytes, progress, time.monotonic(), clock)
    try:
        if local is not None:
            return _fetch_file(local, target)
        validators = previous or Validators()
        headers = conditional_headers(validators.etag, validators.last_modified) | {"User-Agent": user_agent}
        with contextlib.ExitStack() as stack:
            http = client or stack.enter_context(httpx.Client())  # close only a client we opened
            policy = RetryPolicy(retries=retries, backoff=backoff, sleep=clock.sleeper(sleep))
            try:
                return policy.run(lambda: _attempt(http, url, headers, target, timeout))
            except Transient as exc:
                tries = f" after {exc.attempts} attempts" if exc.attempts > 1 else ""
                raise FetchError(f"{exc.message}{tries}; {OFFLINE_HINT}") from exc
    except OSError as exc:  # disk full, permissions: still one line, never a traceback
        raise FetchError(f"cannot archive into {target.folder}: {exc.strerror or exc}") from exc


# --- HTTP -------------------------------------------------------------------------------------------


def _attempt(
    client: httpx.Client, url: str, headers: dict[str, str], target: _Target, timeout: float
) -> Download:
    clock = target.deadline
    request = client.build_request(
        "GET", url, headers=headers, timeout=timeout, extensions={"trace": clock.trace}
    )
    with clock.timer():
        try:
            response = client.send(request, stream=True, follow_redirects=True)
        except httpx.HTTPError as exc:
            raise _transport_error(exc, url, timeout) from exc
        clock.watch(response.extensions.get("network_stream"))  # a kept-alive connection: no connect event
        try:
            return _receive(response, url, target, timeout)
        finally:
            response.close()


def _receive(response: httpx.Response, url: str, target: _Target, timeout: float) -> Download:
    host = response.url.host
    etag = response.headers.get("ETag")
    last_modified = response.headers.get("Last-Modified")
    previous = target.previous
    if response.status_code == 304 and previous is not None:
        return Download(
            "not_modified",
            url=str(response.url),
            path=None,
            sha256=previous.sha256,
            size=0,
            etag=etag or previous.etag,
            last_modified=last_modified or previous.last_modified,
            elapsed=time.monotonic() - target.started,
        )
    _check_status(response)
    expected = _content_length(response)
    if expected is not None and expected > target.max_bytes:
        raise FetchError(f"download from {host} is larger than the {human_size(target.max_bytes)} cap")
    info = {
        "url": url,
        "final_url": str(response.url),
        "etag": etag,
        "last_modified": last_modified,
        "content_type": response.headers.get("Content-Type"),
    }
    target.folder.mkdir(parents=True, exist_ok=True)
    with Spool(target.folder, target.max_bytes, f"download from {host}") as spool:
        try:
            for chunk in response.iter_bytes(CHUNK):
                target.deadline.check()
                spool.write(chunk)
                if target.progress:
                    target.progress(spool.size, expected)
        except httpx.TimeoutException as exc:
            raise Transient(f"no answer from {host} (timed out after {timeout:g} s)") from exc
        except httpx.TransportError as exc:  # the server closed the connection mid-body
            got = response.num_bytes_downloaded
            if expected:
                raise Transient(_early(host, got, expected)) from exc
            raise Transient(
                f"download from {host} broke off after {human_size(got)} ({reason(exc)})"
            ) from exc
        # Content-Length counts the bytes on the wire, before any Content-Encoding is undone.
        encoded = response.headers.get("Content-Encoding", "identity").lower() != "identity"
        got = response.num_bytes_downloaded if encoded else spool.size
        if expected is not None and got < expected:
            raise Transient(_early(host, got, expected))
        return _archive(spool, target, info)


def _check_status(response: httpx.Response) -> None:
    code, host = response.status_code, response.url.host
    if 200 <= code < 300:
        return
    if is_transient_status(code):
        raise Transient(f"HTTP {code} from {host}", retry_after(response))
    status = f"{code} {response.reason_phrase}".strip()
    raise FetchError(f"HTTP {status} from {host} ({response.url}); {OFFLINE_HINT}")


def _transport_error(exc: httpx.HTTPError, url: str, timeout: float) -> Exception:
    host = urlsplit(url).hostname or url
    if isinstance(exc, httpx.TooManyRedirects):
        return FetchError(f"too many redirects from {host}; {OFFLINE_HINT}")
    if isinstance(exc, httpx.TimeoutException):
        return Transient(f"no answer from {host} (timed out after {timeout:g} s)")
    with contextlib.suppress(RuntimeError):  # the host that failed may be a redirect target
        host = exc.request.url.host
    if is_transient_error(exc):
        return Transient(f"cannot reach {host} ({reason(exc)})")
    if isinstance(exc, httpx.TransportError) and not isinstance(exc, httpx.UnsupportedProtocol):
        return FetchError(f"cannot reach {host} ({reason(exc)}); {OFFLINE_HINT}")  # not worth a retry
    return FetchError(f"cannot download {url}: {exc}; {OFFLINE_HINT}")


def _content_length(response: httpx.Response) -> int | None:
    value = response.headers.get("Content-Length", "")
    return int(value) if value.isdigit() else None


def _early(host: str, got: int, expected: int) -> str:
    return f"download from {host} ended early (got {human_size(got)} of {human_size(expected)})"


# --- local files ------------------------------------------------------------------------------------


def _local_path(url: str) -> Path:
    if url.lower().startswith("file:"):
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise FetchError(f"file URL on another host is not supported: {url}")
        return Path(url2pathname(unquote(parts.path)))
    return Path(url).expanduser()


def _fetch_file(path: Path, target: _Target) -> Download:
    try:
        source = path.open("rb")
    except FileNotFoundError as exc:
        raise FetchError(f"file not found: {path}") from exc
    except IsADirectoryError as exc:
        raise FetchError(f"expected a file, got a folder: {path} (use `tracker import`)") from exc
    except OSError as exc:
        raise FetchError(f"cannot read {path}: {exc.strerror or exc}") from exc
    with source:
        total = os.fstat(source.fileno()).st_size
        if total > target.max_bytes:
            raise FetchError(f"{path.name} is larger than the {human_size(target.max_bytes)} cap")
        uri = path.resolve().as_uri()
        info = {"url": uri, "final_url": uri, "etag": None, "last_modified": None, "content_type": None}
        target.folder.mkdir(parents=True, exist_ok=True)
        with Spool(target.folder, target.max_bytes, path.name) as spool:
            for chunk in iter(lambda: source.read(CHUNK), b""):
                spool.write(chunk)
                if target.progress:
                    target.progress(spool.size, total)
            return _archive(spool, target, info)


def _suffix(url_or_name: str, given: str | None) -> str:
    """Archive suffix: the URL's own list extension (".xml", ".csv"...) if it has one, else `given`."""
    name = PurePosixPath(urlsplit(url_or_name).path if "://" in url_or_name else url_or_name).name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    ext = PurePosixPath(name).suffix
    if ext in LIST_SUFFIXES:
        return ext
    if given:
        return given if given.startswith(".") else "." + given
    return ".bin"


def _archive(spool: Spool, target: _Target, info: dict[str, str | None]) -> Download:
    """Keep the spooled bytes in the archive (unless unchanged) and describe the download."""
    previous_sha = target.previous.sha256 if target.previous else None
    status, path = keep(spool, target.folder, target.suffix, previous_sha, info)
    return Download(
        status,
        url=info["final_url"] or "",
        path=path,
        sha256=spool.sha.hexdigest(),
        size=spool.size,
        etag=info["etag"],
        last_modified=info["last_modified"],
        elapsed=time.monotonic() - target.started,
        content_type=info["content_type"],
    )
