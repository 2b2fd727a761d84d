"""Download a list file into the archive: conditional GET, retries, size cap, sha256, gzip, atomic.

`fetch` is the one entry point. It streams the raw bytes to a temp file inside archive_dir/<source>/
while hashing them, so an unchanged list (same sha256 as last time) costs one request and no
compression, and a failed or killed download never leaves a file under its final name.
"""

from __future__ import annotations

import contextlib
import email.utils
import gzip
import hashlib
import json
import os
import random
import re
import shutil
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Literal, TypeVar
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import url2pathname

import httpx
from lxml import html

from tracker.errors import FetchError

CHUNK = 1 << 16
GZIP_LEVEL = 3  # ~0.2 s for the 20 MB SDN XML (level 6: 0.4 s for 15 % less disk)
BACKOFF_MAX = 60.0  # seconds, one wait
MAX_RETRY_AFTER = 120.0  # a server asking for a longer wait is not retried
LIST_SUFFIXES = {".xml", ".csv", ".xlsx", ".xls", ".json", ".txt", ".zip", ".ods"}
GZIP_MAGIC = b"\x1f\x8b"

Progress = Callable[[int, int | None], None]
T = TypeVar("T")


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


class _Retry(Exception):
    """A transient failure: try again after `delay` seconds (None = exponential backoff)."""

    def __init__(self, message: str, delay: float | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.delay = delay


@dataclass
class _Target:
    """Where and how one download lands: shared by the HTTP and the local-file paths."""

    folder: Path  # archive_dir/<source>
    suffix: str
    previous: Validators | None
    max_bytes: int
    progress: Progress | None
    started: float


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
) -> Download:
    """Download `url` (http, https, file:// or a plain path) into archive_dir/<source>/.

    Raises FetchError with a one-line reason. `retries` extra attempts are made on 5xx, 429, timeouts
    and connection errors, waiting backoff * 2**n seconds plus jitter (or the server's Retry-After).
    """
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https", "file") and "://" in url:
        raise FetchError(f"unsupported URL scheme {scheme!r}: {url} (use http, https, file:// or a path)")
    local = None if scheme in ("http", "https") else _local_path(url)
    ext = _suffix(local.name if local else url, suffix)
    target = _Target(archive_dir / source, ext, previous, max_bytes, progress, time.monotonic())
    try:
        if local is not None:
            return _fetch_file(local, target)
        headers = _conditional_headers(previous) | {"User-Agent": user_agent}
        with contextlib.ExitStack() as stack:
            http = client or stack.enter_context(httpx.Client())  # close only a client we opened
            return _with_retries(
                lambda: _attempt(http, url, headers, target, timeout), retries, sleep, backoff
            )
    except OSError as exc:  # disk full, permissions: still one line, never a traceback
        raise FetchError(f"cannot archive into {target.folder}: {exc.strerror or exc}") from exc


# --- HTTP -------------------------------------------------------------------------------------------


def _conditional_headers(previous: Validators | None) -> dict[str, str]:
    headers = {}
    if previous and previous.etag:
        headers["If-None-Match"] = previous.etag
    if previous and previous.last_modified:
        headers["If-Modified-Since"] = previous.last_modified
    return headers


def _attempt(
    client: httpx.Client, url: str, headers: dict[str, str], target: _Target, timeout: float
) -> Download:
    request = client.build_request("GET", url, headers=headers, timeout=timeout)
    try:
        response = client.send(request, stream=True, follow_redirects=True)
    except httpx.HTTPError as exc:
        raise _transport_error(exc, url, timeout) from exc
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
        raise FetchError(f"download from {host} is larger than the {_human(target.max_bytes)} cap")
    info = {
        "url": url,
        "final_url": str(response.url),
        "etag": etag,
        "last_modified": last_modified,
        "content_type": response.headers.get("Content-Type"),
    }
    target.folder.mkdir(parents=True, exist_ok=True)
    with _Spool(target.folder, target.max_bytes, f"download from {host}") as spool:
        try:
            for chunk in response.iter_bytes(CHUNK):
                spool.write(chunk)
                if target.progress:
                    target.progress(spool.size, expected)
        except httpx.TimeoutException as exc:
            raise _Retry(f"no answer from {host} (timed out after {timeout:g} s)") from exc
        except httpx.TransportError as exc:  # the server closed the connection mid-body
            got = response.num_bytes_downloaded
            if expected:
                raise _Retry(_early(host, got, expected)) from exc
            raise _Retry(f"download from {host} broke off after {_human(got)} ({_reason(exc)})") from exc
        # Content-Length counts the bytes on the wire, before any Content-Encoding is undone.
        encoded = response.headers.get("Content-Encoding", "identity").lower() != "identity"
        got = response.num_bytes_downloaded if encoded else spool.size
        if expected is not None and got < expected:
            raise _Retry(_early(host, got, expected))
        return _archive(spool, target, info)


def _check_status(response: httpx.Response) -> None:
    code, host = response.status_code, response.url.host
    if 200 <= code < 300:
        return
    if code == 429 or code >= 500:
        wait = _retry_after(response.headers.get("Retry-After"))
        if wait is not None and wait > MAX_RETRY_AFTER:
            raise FetchError(f"HTTP {code} from {host} (the server asks to wait {wait:.0f} s)")
        raise _Retry(f"HTTP {code} from {host}", wait)
    status = f"{code} {response.reason_phrase}".strip()
    raise FetchError(f"HTTP {status} from {host} ({response.url})")


def _with_retries(attempt: Callable[[], T], retries: int, sleep: Callable[[float], None], base: float) -> T:
    for n in range(retries + 1):
        try:
            return attempt()
        except _Retry as exc:
            last = exc
            if n < retries:
                delay = exc.delay if exc.delay is not None else min(BACKOFF_MAX, base * 2**n)
                sleep(delay + random.uniform(0, base / 2))  # jitter: don't stampede a struggling server
    tries = f" after {retries + 1} attempts" if retries else ""
    raise FetchError(last.message + tries)


def _transport_error(exc: httpx.HTTPError, url: str, timeout: float) -> Exception:
    host = urlsplit(url).hostname or url
    if isinstance(exc, httpx.TooManyRedirects):
        return FetchError(f"too many redirects from {host}")
    if isinstance(exc, httpx.TimeoutException):
        return _Retry(f"no answer from {host} (timed out after {timeout:g} s)")
    if isinstance(exc, httpx.TransportError) and not isinstance(exc, httpx.UnsupportedProtocol):
        with contextlib.suppress(RuntimeError):  # the host that failed may be a redirect target
            host = exc.request.url.host
        return _Retry(f"cannot reach {host} ({_reason(exc)})")
    return FetchError(f"cannot download {url}: {exc}")


def _reason(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    low = text.lower()
    if "refused" in low:
        return "connection refused"
    if "name or service not known" in low or "name resolution" in low or "nodename nor servname" in low:
        return "host name not found"
    if "unreachable" in low:
        return "network unreachable"
    if "certificate" in low:
        return "TLS certificate problem"
    return re.sub(r"^\[Errno -?\d+\]\s*", "", text)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _content_length(response: httpx.Response) -> int | None:
    value = response.headers.get("Content-Length", "")
    return int(value) if value.isdigit() else None


def _early(host: str, got: int, expected: int) -> str:
    return f"download from {host} ended early (got {_human(got)} of {_human(expected)})"


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
            raise FetchError(f"{path.name} is larger than the {_human(target.max_bytes)} cap")
        uri = path.resolve().as_uri()
        info = {"url": uri, "final_url": uri, "etag": None, "last_modified": None, "content_type": None}
        target.folder.mkdir(parents=True, exist_ok=True)
        with _Spool(target.folder, target.max_bytes, path.name) as spool:
            for chunk in iter(lambda: source.read(CHUNK), b""):
                spool.write(chunk)
                if target.progress:
                    target.progress(spool.size, total)
            return _archive(spool, target, info)


# --- archive ----------------------------------------------------------------------------------------


class _Spool:
    """Raw bytes in a temp file inside the archive folder, hashed and size-checked on the way."""

    def __init__(self, folder: Path, max_bytes: int, what: str) -> None:
        self.path = folder / f".{uuid.uuid4().hex}.part"
        self.max_bytes = max_bytes
        self.what = what
        self.sha = hashlib.sha256()
        self.size = 0
        self.head = b""

    def __enter__(self) -> _Spool:
        self.file = self.path.open("wb")
        return self

    def write(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.max_bytes:
            raise FetchError(f"{self.what} is larger than the {_human(self.max_bytes)} cap")
        if len(self.head) < 2:
            self.head += chunk[:2]
        self.sha.update(chunk)
        self.file.write(chunk)

    def __exit__(self, *exc: object) -> None:
        self.file.close()
        self.path.unlink(missing_ok=True)  # no-op once the bytes were moved into the archive


def _archive(spool: _Spool, target: _Target, info: dict[str, str | None]) -> Download:
    """Move the spooled bytes into the archive, gzipped, unless they equal the previous download."""
    spool.file.close()
    sha = spool.sha.hexdigest()

    def result(status: Literal["unchanged", "new"], path: Path | None) -> Download:
        return Download(
            status,
            url=info["final_url"] or "",
            path=path,
            sha256=sha,
            size=spool.size,
            etag=info["etag"],
            last_modified=info["last_modified"],
            elapsed=time.monotonic() - target.started,
            content_type=info["content_type"],
        )

    if target.previous and target.previous.sha256 == sha:
        return result("unchanged", None)
    earlier = _archived_copy(target.folder, sha)
    if earlier is not None:  # e.g. a file the guards rejected last time: don't archive it twice
        return result("new", earlier)
    fetched_at = datetime.now(UTC)
    final = target.folder / f"{fetched_at:%Y%m%dT%H%M%SZ}-{sha[:12]}{target.suffix}.gz"
    if spool.head.startswith(GZIP_MAGIC):  # already gzipped (e.g. a .gz path): keep one layer
        os.replace(spool.path, final)
    else:
        _gzip_atomically(spool.path, final)
    sidecar = {**info, "sha256": sha, "size": spool.size, "fetched_at": fetched_at.isoformat()}
    _write_atomically(final.with_name(final.name + ".json"), json.dumps(sidecar, indent=2) + "\n")
    return result("new", final)


def _archived_copy(folder: Path, sha: str) -> Path | None:
    """An archive file already holding these bytes (its sidecar has the full sha256), if any."""
    for sidecar in folder.glob(f"*-{sha[:12]}*.gz.json"):
        archived = sidecar.with_name(sidecar.name.removesuffix(".json"))
        with contextlib.suppress(OSError, ValueError):
            if archived.exists() and json.loads(sidecar.read_text(encoding="utf-8")).get("sha256") == sha:
                return archived
    return None


def _gzip_atomically(raw: Path, final: Path) -> None:
    tmp = final.with_name(f".{uuid.uuid4().hex}.gz.part")
    try:
        # filename="" and mtime=0: the temp name and time don't leak into the gzip header
        with (
            raw.open("rb") as src,
            tmp.open("wb") as out,
            gzip.GzipFile(filename="", mode="wb", fileobj=out, compresslevel=GZIP_LEVEL, mtime=0) as gz,
        ):
            shutil.copyfileobj(src, gz, CHUNK * 4)
        os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f".{uuid.uuid4().hex}.part")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


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


def _human(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / 1024**2:.1f}".removesuffix(".0") + " MB"


# --- link resolution --------------------------------------------------------------------------------


def resolve_link(
    client: httpx.Client,
    page_url: str,
    pattern: str,
    *,
    timeout: float = 60,
    retries: int = 2,
    sleep: Callable[[float], None] = time.sleep,
) -> str:
    """Absolute URL of the first <a href> on an HTML page whose href or text matches `pattern`.

    For publishers that move their file link (the UK list). FetchError if no link matches.
    """

    def attempt() -> httpx.Response:
        try:
            response = client.get(page_url, timeout=timeout, follow_redirects=True)
        except httpx.HTTPError as exc:
            raise _transport_error(exc, page_url, timeout) from exc
        _check_status(response)
        return response

    response = _with_retries(attempt, retries, sleep, 1.0)
    regex = re.compile(pattern, re.IGNORECASE)
    try:
        doc = html.fromstring(response.content)
    except Exception as exc:  # lxml raises ParserError or ValueError on empty/odd input
        raise FetchError(f"{page_url} is not an HTML page ({exc})") from exc
    for href, text in _links(doc.iter("a")):
        if regex.search(href) or regex.search(text):
            return urljoin(str(response.url), href)
    raise FetchError(f"no link matching '{pattern}' on {page_url} (the publisher may have moved the file)")


def _links(anchors: Iterable) -> Iterable[tuple[str, str]]:
    for a in anchors:
        href = (a.get("href") or "").strip()
        if href:
            yield href, " ".join(a.text_content().split())
