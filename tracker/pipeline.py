"""The one place where the stages of each flow meet; the CLI and the scheduled jobs both call it.

Lists (``sync_sources`` / ``sync_source`` / ``import_many``): fetch (tracker.download) or read an
archived file -> parse and fingerprint (tracker.prepared) -> guard and store (tracker.landing), then
the indexes built from the store are refreshed (REFRESHERS). Each snapshot is applied in ONE database
transaction: a crash or kill at any point leaves the previous state intact, and the next run simply
does the work again.

News (``scan_news``): articles -> mentions of listed persons -> watchlist alerts.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import httpx
from sqlalchemy.engine import Engine

from tracker.download import Progress, download_list
from tracker.errors import FetchError, UsageError, one_line
from tracker.http import new_client
from tracker.interrupts import reported_commit
from tracker.landing import apply_file
from tracker.prepared import prepared_in_order
from tracker.results import SyncResult, SyncStatus
from tracker.series import ImportSeries, SeriesItem, date_in_name
from tracker.settings import Settings
from tracker.sources.base import SourceSpec
from tracker.store import snapshots
from tracker.store.locks import single_flight
from tracker.store.models import utcnow

__all__ = [
    "SyncResult",
    "apply_file",
    "import_many",
    "import_path",
    "scan_news",
    "sync_source",
    "sync_sources",
    "utcnow",
]

if TYPE_CHECKING:
    from tracker.news.inputs import ArticleDoc
    from tracker.news.mentions import NewsScan
    from tracker.sources.fetch import Download

log = logging.getLogger(__name__)

Refresher = Callable[[Engine, Settings], None]


# --- indexes built from the store ---------------------------------------------------------------------


def _refresh_search_index(engine: Engine, settings: Settings) -> None:
    from tracker.search import refresh_index  # the matching stack loads only when something changed

    refresh_index(engine, settings)


def _refresh_scan_index(engine: Engine, settings: Settings) -> None:
    from tracker.news.listings import refresh_scan_index  # the news stack loads only when something changed

    refresh_scan_index(engine, settings.data_dir / "index" / "scan.pickle")


def _raise_watch_alerts(engine: Engine, settings: Settings) -> None:
    from tracker.news.alerts import raise_after_sync  # the news stack loads only when something changed

    raise_after_sync(engine, settings)


# Called, in order, after a sync or import that accepted a snapshot, whoever asked for it (the CLI, the
# scheduler, a script): the first search or scan afterwards then finds its index warm, and list changes
# of watched persons are alerted at once (not only when a news scan runs).
REFRESHERS: list[Refresher] = [_refresh_search_index, _refresh_scan_index, _raise_watch_alerts]


def refresh_indexes(engine: Engine, settings: Settings, results: Sequence[SyncResult]) -> None:
    """Run the REFRESHERS when any of ``results`` changed the store. A refresher that fails is logged
    and skipped: the snapshots are stored, and a stale index rebuilds itself when next used."""
    if any(r.status == SyncStatus.ACCEPTED for r in results):
        for refresh in REFRESHERS:
            try:
                refresh(engine, settings)
            except Exception:
                log.exception("refreshing an index after the sync failed (it rebuilds when next used)")


# --- syncing live lists -------------------------------------------------------------------------------


def sync_sources(
    specs: Sequence[SourceSpec],
    *,
    engine: Engine,
    settings: Settings,
    url: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
    on_start: Callable[[SourceSpec], None] | None = None,
    on_result: Callable[[SourceSpec, SyncResult], None] | None = None,
    stopping: threading.Event | None = None,
    contain_errors: bool = False,
) -> list[SyncResult]:
    """Sync the sources in parallel threads (at most ``settings.sync_workers`` at a time; one failing
    never stops the others), then refresh the indexes once. Results come back, and ``on_result`` is
    called, in the order of ``specs``; ``on_start`` is called from the worker thread as each starts.
    Each source's snapshot is still applied in its own write transaction under its own lock (SQLite
    serialises the writers with BEGIN IMMEDIATE and its busy timeout; PostgreSQL takes them as they
    come), so downloads and parsing overlap while the store stays consistent.

    ``stopping``: checked before each source starts; sources not started get no result (always the
    last ones: sources start in order). ``contain_errors``: an unexpected exception of one source (a
    bug) becomes its "failed" result instead of propagating.
    """

    def one(spec: SourceSpec) -> SyncResult | None:
        if stopping is not None and stopping.is_set():
            return None
        if on_start:
            on_start(spec)
        try:
            return _sync_source(
                spec, engine=engine, settings=settings, url=url, force=force, progress=progress
            )
        except Exception as exc:
            if not contain_errors:
                raise
            log.exception("%s: sync crashed", spec.name)
            return SyncResult(spec.name, SyncStatus.FAILED, reason=f"{type(exc).__name__}: {one_line(exc)}")

    results: list[SyncResult] = []
    workers = max(1, min(settings.sync_workers, len(specs)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sync") as pool:
        futures = [pool.submit(one, spec) for spec in specs]  # the pool starts them in this order
        try:
            for spec, future in zip(specs, futures, strict=True):
                result = future.result()
                if result is None:  # stopping: this one and every later one were not started
                    break
                results.append(result)
                if on_result:
                    on_result(spec, result)
        finally:
            for future in futures:
                future.cancel()  # on an error: start nothing more (the running ones finish)
    refresh_indexes(engine, settings, results)
    return results


def sync_source(
    spec: SourceSpec,
    *,
    engine: Engine,
    settings: Settings,
    client: httpx.Client | None = None,
    url: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
    refresh: bool = True,
) -> SyncResult:
    """Download the list if it changed, and apply it; then refresh the indexes (unless ``refresh`` is
    False). Never raises for a bad download: the result says."""
    result = _sync_source(
        spec, engine=engine, settings=settings, client=client, url=url, force=force, progress=progress
    )
    if refresh:
        refresh_indexes(engine, settings, [result])
    return result


@single_flight  # one sync of a source at a time, across processes; a second one waits for it
def _sync_source(
    spec: SourceSpec,
    *,
    engine: Engine,
    settings: Settings,
    client: httpx.Client | None = None,
    url: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> SyncResult:
    say = progress or (lambda _msg: None)
    given = url  # --url: a rejection names it, not the archived copy of what it gave
    url = url or settings.source_urls.get(spec.name) or spec.default_url
    if not url:
        reason = (
            f"{spec.name}: {spec.url_note}; pass --url URL or use `tracker import`"
            if spec.url_note
            else f"{spec.name} has no download URL; use `tracker import`"
        )
        return SyncResult(spec.name, SyncStatus.FAILED, reason=reason)
    source = snapshots.ensure_source(engine, spec.name)
    source_id = int(source.id)
    try:
        url, download = download_list(spec, source, url, settings=settings, client=client, say=say)
    except FetchError as exc:
        snapshots.mark_source(engine, source_id, SyncStatus.FAILED, str(exc))
        return SyncResult(spec.name, SyncStatus.FAILED, reason=str(exc))

    if download.status != "new" or download.path is None:
        return _unchanged(engine, spec, source_id, download, same_url=source.url == url)
    say(f"{spec.name}: parsing {download.size / 1e6:.1f} MB")
    # A local file given by hand (--url PATH) is as old as its date (its own, else its name's), as
    # for `tracker import`. A configured local URL (TRACKER_SOURCE_URLS: a mirror a job refreshes)
    # is a download like any other.
    local = given is not None and not download.url.startswith(("http://", "https://"))
    try:
        result = apply_file(
            spec,
            download.path,
            engine=engine,
            settings=settings,
            sha256=download.sha256,
            url=download.url,
            fetched_at=utcnow(),
            force=force,
            default_time=date_in_name(Path(url2pathname(urlsplit(download.url).path))) if local else None,
            require_time=local,
            shown=given,
        )
    except UsageError as exc:
        snapshots.mark_source(engine, source_id, SyncStatus.FAILED, str(exc))
        return SyncResult(spec.name, SyncStatus.FAILED, reason=str(exc))
    if result.status == SyncStatus.ACCEPTED:
        snapshots.remember_download(
            engine,
            source_id,
            etag=download.etag,
            last_modified=download.last_modified,
            url=url,
            sha256=download.sha256,
        )
    return result


def _unchanged(
    engine: Engine, spec: SourceSpec, source_id: int, download: Download, *, same_url: bool
) -> SyncResult:
    """A download that brought nothing new (HTTP 304, or the same bytes as last time)."""
    snapshots.mark_source(engine, source_id, SyncStatus.UNCHANGED, None)
    if download.status == "unchanged" and same_url:  # remember new validators for the same bytes
        snapshots.remember_download(
            engine, source_id, etag=download.etag, last_modified=download.last_modified
        )
    latest = snapshots.latest_snapshot(engine, source_id)
    return SyncResult(
        spec.name,
        SyncStatus.UNCHANGED,
        published_at=latest.published_at if latest else None,
        entries=latest.entry_count if latest else 0,
        reason="not modified (HTTP 304)" if download.status == "not_modified" else "same file as last time",
    )


# --- importing archived files -------------------------------------------------------------------------


def import_path(
    spec: SourceSpec,
    path: Path,
    *,
    engine: Engine,
    settings: Settings,
    published: datetime | None = None,
    force: bool = False,
) -> SyncResult:
    """Load an archived file or folder as a snapshot (dated from the file, else ``published``)."""
    (result,) = import_many(spec, [(path, published)], engine=engine, settings=settings, force=force)
    return result


def import_many(
    spec: SourceSpec,
    items: Sequence[tuple[Path, datetime | None]] | Iterable[SeriesItem],
    *,
    engine: Engine,
    settings: Settings,
    force: bool = False,
    on_result: Callable[[SeriesItem, SyncResult], None] | None = None,
    refresh: bool = True,
) -> list[SyncResult]:
    """Import a series of archived files (a history backfill), each dated from the file, else from
    its given date (the date in its name for tracker.series items), then refresh the indexes once
    (unless ``refresh`` is False). A worker process parses the next files while this one applies the
    current one (tracker.prepared). ``items``: (path, date) pairs, or tracker.series items (an
    ImportSeries extracts archive members lazily; each extracted copy is deleted once applied).
    ``on_result`` is called after each file, in order.

    Raises UsageError for a missing path, or a file with no date of its own and none given.
    """
    series: Iterable[SeriesItem] = items if isinstance(items, ImportSeries) else _series_items(items)
    results: list[SyncResult] = []
    pulled: deque[SeriesItem] = deque()
    logged: set[str] = set()  # kinds of warning already logged: said once per series

    def paths() -> Iterator[Path]:
        for item in series:
            pulled.append(item)
            yield item.path

    prepared_series = prepared_in_order(spec, paths())
    try:
        with contextlib.closing(prepared_series):
            for prepared in prepared_series:
                item = pulled.popleft()
                with reported_commit():  # a Ctrl-C from the commit on waits for on_result
                    try:
                        result = apply_file(
                            spec,
                            item.path,
                            engine=engine,
                            settings=settings,
                            sha256=prepared.sha256,
                            url=None,
                            fetched_at=utcnow(),
                            force=force,
                            default_time=item.published,
                            require_time=True,
                            prepared=prepared,
                            label=item.label,
                            logged=logged,
                        )
                    finally:
                        item.discard()
                    results.append(result)
                    if on_result:
                        on_result(item, result)
    finally:
        for item in pulled:  # extracted ahead but never applied (an error stopped the series)
            item.discard()
    if refresh:
        refresh_indexes(engine, settings, results)
    return results


def _series_items(items: Iterable[tuple[Path, datetime | None] | SeriesItem]) -> list[SeriesItem]:
    """Given (path, date) pairs or items, as items; UsageError when one names nothing."""
    series = [
        item if isinstance(item, SeriesItem) else SeriesItem(item[0], item[1], str(item[0])) for item in items
    ]
    for item in series:
        if not item.path.exists():
            raise UsageError(f"no such file or folder: {item.path}")
    return series


# --- news ---------------------------------------------------------------------------------------------


def scan_news(
    *,
    engine: Engine,
    settings: Settings,
    files: Sequence[Path] = (),
    urls: Sequence[str] = (),
    feeds: Sequence[str] | None = None,
    stdin: IO[Any] | None = None,
    date: datetime | None = None,
    rescan: bool = False,
    webhook_url: str | None = None,
    client: httpx.Client | None = None,
    progress: Progress | None = None,
    on_loaded: Callable[[int], None] | None = None,
) -> NewsScan:
    """Scan articles for listed persons, store the mentions, raise the watchlist's alerts: the one news
    flow, run by `tracker news scan` and by the scheduler's news job.

    Inputs: ``files`` (.txt / .html files or folders), ``urls`` (article pages), ``feeds`` (RSS / Atom
    URLs; None: every registered feed when no other input is given), ``stdin`` (a text or bytes
    stream holding one article). ``date`` sets the articles' date (else their own). The scan index is
    cached in data/index/scan.pickle for the store as it is (rebuilt once a snapshot landed).
    ``progress`` gets a line per stage, ``on_loaded`` the number of listed persons scanned for. Unreadable inputs are reported in
    the result, never raised; a missing file or folder raises UsageError. With no input and no
    registered feed nothing is done (``nothing_to_scan``).
    """
    from tracker.news import inputs, mentions
    from tracker.news.alerts import check_alerts
    from tracker.news.listings import load_scan_context

    say = progress or (lambda _msg: None)
    if feeds is None:
        given = bool(files or urls) or stdin is not None
        feeds = [] if given else [str(f["url"]) for f in inputs.list_feeds(engine)]
    if not (feeds or files or urls) and stdin is None:
        return mentions.NewsScan(nothing_to_scan=True)
    say("loading the lists")
    with engine.connect() as conn:
        context = load_scan_context(conn, settings.data_dir / "index" / "scan.pickle")
    if on_loaded is not None:
        on_loaded(len(context.index))
    failures = inputs.Failures()
    # Made on first use: files and stdin alone never load the HTTP stack (~0.1 s of a one-file scan).
    opened: list[httpx.Client] = []

    def http() -> httpx.Client:
        if client is not None:
            return client
        if not opened:
            opened.append(new_client(settings, purpose="news"))
        return opened[0]

    def documents() -> Iterator[ArticleDoc]:
        if stdin is not None:
            yield from inputs.from_stdin(inputs.read_stdin(stdin), failures, date=date)
        for path in files:
            yield from inputs.from_path(path, failures, date=date)
        for link in urls:
            yield from inputs.from_url(link, http(), failures, date=date)
        for feed_url in feeds:
            yield from inputs.from_feed(engine, feed_url, http(), failures, date=date)

    try:
        say("scanning")
        results = mentions.scan_documents(engine, documents(), context, rescan=rescan)
        alerts = check_alerts(engine, webhook_url=webhook_url, client=http() if webhook_url else client)
    finally:
        for own in opened:
            own.close()
    return mentions.NewsScan(len(feeds), len(context.index), results, alerts, failures.items, failures.notes)
