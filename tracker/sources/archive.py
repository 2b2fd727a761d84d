"""The download archive: archive_dir/<source>/<fetched-at>-<sha256[:12]><suffix>.gz, each with a .json
sidecar (URLs, validators, sha256 of the raw bytes, size, fetch time).

A download is first spooled to a hidden temp file in the same folder while it is hashed and
size-checked (``Spool``); ``keep`` then moves it in under its final name, gzipped, with ``os.replace``,
so a failed, killed or crashed download never leaves a file under a final name.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import shutil
import uuid
import zlib
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Literal

from tracker.errors import FetchError
from tracker.sources.common import GZIP_MAGIC

CHUNK = 1 << 16
GZIP_LEVEL = 3  # ~0.2 s for the 20 MB SDN XML (level 6: 0.4 s for 15 % less disk)


def human_size(n: int) -> str:
    """1500 -> "1 KB", 3 * 2**20 -> "3 MB", as the size-cap messages say it."""
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / 1024**2:.1f}".removesuffix(".0") + " MB"


class _Gunzipped:
    """The decompressed size of a gzip stream fed chunk by chunk, nothing of it kept: a served ``.gz``
    is archived as it is, so without this a bomb would pass the size cap compressed. Stops counting at
    bytes that are not gzip (the parser reports those)."""

    def __init__(self, cap: int, what: str) -> None:
        self.cap = cap
        self.what = what
        self.size = 0
        self.broken = False
        self._inflate = zlib.decompressobj(wbits=31)

    def feed(self, data: bytes) -> None:
        while data and not self.broken:
            try:
                out = self._inflate.decompress(data, CHUNK * 16)  # at most 1 MB out per step
            except zlib.error:
                self.broken = True
                return
            self.size += len(out)
            if self.size > self.cap:
                raise FetchError(
                    f"{self.what} is larger than the {human_size(self.cap)} cap once decompressed"
                )
            if self._inflate.eof:  # the next gzip member, if any
                data = self._inflate.unused_data
                self._inflate = zlib.decompressobj(wbits=31)
            else:
                data = self._inflate.unconsumed_tail


class Spool:
    """Raw bytes in a temp file inside the archive folder, hashed and size-checked on the way: the raw
    size, and for a gzip file its decompressed size too, against ``max_bytes``.

    ``what`` names the download in the FetchError raised past ``max_bytes``. Leaving the ``with``
    block removes the temp file unless ``keep`` moved it into the archive.
    """

    def __init__(self, folder: Path, max_bytes: int, what: str) -> None:
        self.path = folder / f".{uuid.uuid4().hex}.part"
        self.max_bytes = max_bytes
        self.what = what
        self.sha = hashlib.sha256()
        self.size = 0
        self.head = b""
        self.file: IO[bytes] | None = None
        self._gunzipped: _Gunzipped | None = None

    def __enter__(self) -> Spool:
        self.file = self.path.open("wb")
        return self

    def write(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.max_bytes:
            raise FetchError(f"{self.what} is larger than the {human_size(self.max_bytes)} cap")
        self.sha.update(chunk)
        assert self.file is not None, "write inside the with block"
        self.file.write(chunk)
        if self._gunzipped is not None:
            self._gunzipped.feed(chunk)
        elif len(self.head) < 2:
            self.head += chunk[:2]
            if len(self.head) >= 2 and self.head.startswith(GZIP_MAGIC):
                self._gunzipped = _Gunzipped(self.max_bytes, self.what)
                self.file.flush()
                self._gunzipped.feed(self.path.read_bytes())  # a byte or two so far: the magic came split

    def __exit__(self, *exc: object) -> None:
        if self.file is not None:
            self.file.close()
        self.path.unlink(missing_ok=True)  # no-op once the bytes were moved into the archive


def keep(
    spool: Spool, folder: Path, suffix: str, previous_sha: str | None, info: dict[str, str | None]
) -> tuple[Literal["unchanged", "new"], Path | None]:
    """Move the spooled bytes into the archive, gzipped, unless they equal the previous download.

    Returns ("unchanged", None) for the previous sha256, ("new", path) otherwise; a file already in the
    archive with the same bytes (e.g. one the guards rejected last time) is reused, not archived twice.
    ``info`` (url, final_url, etag, last_modified, content_type) goes into the sidecar.
    """
    if spool.file is not None:
        spool.file.close()
    sha = spool.sha.hexdigest()
    if previous_sha == sha:
        return "unchanged", None
    earlier = archived_copy(folder, sha)
    if earlier is not None:
        return "new", earlier
    fetched_at = datetime.now(UTC)
    final = folder / f"{fetched_at:%Y%m%dT%H%M%SZ}-{sha[:12]}{suffix}.gz"
    if spool.head.startswith(GZIP_MAGIC):  # already gzipped (e.g. a .gz path): keep one layer
        os.replace(spool.path, final)
    else:
        _gzip_atomically(spool.path, final)
    sidecar = {**info, "sha256": sha, "size": spool.size, "fetched_at": fetched_at.isoformat()}
    _write_atomically(final.with_name(final.name + ".json"), json.dumps(sidecar, indent=2) + "\n")
    return "new", final


def archived_copy(folder: Path, sha: str) -> Path | None:
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
