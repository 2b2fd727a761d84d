"""Fetch a list's file for a sync: the source's own URL resolution, then a conditional download
(tracker.sources.fetch) against the validators of the last download from the same URL."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from tracker.http import new_client
from tracker.settings import Settings
from tracker.sources.base import SourceSpec
from tracker.store.tables import AnyRow

if TYPE_CHECKING:
    from tracker.sources.fetch import Download

Progress = Callable[[str], None]


def download_list(
    spec: SourceSpec,
    source: AnyRow,
    url: str,
    *,
    settings: Settings,
    client: httpx.Client | None,
    say: Progress,
) -> tuple[str, Download]:
    """(the URL after the source's own resolution, the download), conditional on the validators of
    the last download from that same URL. Raises FetchError."""
    from tracker.sources.fetch import Validators, fetch  # heavy-ish; only needed for syncs

    own_client = client is None
    client = client or new_client(settings)
    try:
        if spec.resolve_url and url.startswith(("http://", "https://")):
            url = spec.resolve_url(client, url)
        same_url = source.url == url
        previous = Validators(
            etag=source.etag if same_url else None,
            last_modified=source.last_modified if same_url else None,
            sha256=source.sha256,
        )
        sweep_partial_downloads(settings.archive_dir / spec.name)
        say(f"{spec.name}: downloading {url}")
        return url, fetch(
            url,
            source=spec.name,
            archive_dir=settings.archive_dir,
            previous=previous,
            client=client,
            timeout=http_timeout(spec, settings),
            retries=http_retries(spec, settings),
            max_bytes=settings.max_download_bytes,
            user_agent=settings.user_agent,
            suffix=spec.file_suffix,
            backoff=settings.http_backoff,
            deadline=settings.download_deadline,
        )
    finally:
        if own_client:
            client.close()


def http_timeout(spec: SourceSpec, settings: Settings) -> float:
    """The per-operation timeout for a source: TRACKER_HTTP_TIMEOUT when it is set, else the source's
    own default (the EU's slow server: 300 s), else the settings' default."""
    if "http_timeout" in settings.model_fields_set or spec.timeout is None:
        return settings.http_timeout
    return spec.timeout


def http_retries(spec: SourceSpec, settings: Settings) -> int:
    """Retries for a source: TRACKER_HTTP_RETRIES when it is set (0 offline), else the source's own
    default, else the settings' default."""
    if "http_retries" in settings.model_fields_set or spec.retries is None:
        return settings.http_retries
    return spec.retries


def sweep_partial_downloads(folder: Path, older_than: float = 3600.0) -> None:
    """Remove temp files a killed download left behind (never files under a final name)."""
    if not folder.is_dir():
        return
    cutoff = time.time() - older_than
    for stale in folder.glob(".*.part"):
        with contextlib.suppress(OSError):
            if stale.stat().st_mtime < cutoff:
                stale.unlink()
