"""What one API worker holds: the engine, the settings, and the name index of the current lists,
reloaded when the store changes (a sync by the scheduler, the CLI, another worker or instance).

Each worker (uvicorn process) keeps its own index. It asks the store for its stamp
(tracker.store.queries.store_stamp: the newest accepted snapshot id and the number of entry
versions) at most every ``check_seconds``; when the stamp moved, the index is loaded again
(tracker.search.load_index: from the on-disk cache when a sync already rebuilt it, else built from
the store). While the first load runs, requests needing it get 503 at once; later reloads run in a background thread while
the old index keeps answering, so a sync never stalls searches.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Engine

from tracker.api.config import ApiSettings
from tracker.errors import TrackerError, one_line
from tracker.search import LoadedIndex
from tracker.settings import Settings

log = logging.getLogger(__name__)

Stamp = tuple[int | None, int, int]


class NoData(TrackerError):
    """No list is loaded yet (an empty store, or the first load runs): the API answers 503 with
    Retry-After ``retry_after`` seconds (a load takes seconds; a first sync a minute or two)."""

    def __init__(self, message: str, retry_after: int = 30) -> None:
        super().__init__(message)
        self.retry_after = retry_after


NO_LIST = "no list is loaded yet: run `tracker sync` or `tracker import`, then retry"
LOADING = "the name index is loading; retry shortly"


@dataclass
class Searchable:
    """One loaded index and the stored facts of entries it found (shared by the requests that use
    this index; tracker.screening.screen.Screening's cache)."""

    loaded: LoadedIndex
    stamp: Stamp
    facts: dict[tuple[str, str], Any] = field(default_factory=dict)
    # the lists a selection was checked against (tracker.screening.coverage), by selection and
    # minute (tracker.api.screen.open_screening)
    coverages: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # built on first use (tracker.api.identifiers)


class IndexHolder:
    """The current index of one worker (thread-safe; requests run in a thread pool)."""

    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        api: ApiSettings,
        *,
        clock: Callable[[], float] = time.monotonic,
        on_load: Callable[[Searchable, float], None] | None = None,
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.api = api
        self._clock = clock
        self._on_load = on_load
        self._load_lock = threading.Lock()  # one load at a time; a first load blocks its requests
        self._state_lock = threading.Lock()
        self._current: Searchable | None = None
        self._seen: Stamp | None = None  # the newest stamp read from the store
        self._checked_at = float("-inf")
        self._worker: threading.Thread | None = None
        self._past: OrderedDict[tuple[datetime, Stamp], Searchable] = OrderedDict()
        self._past_lock = threading.Lock()
        self.last_error: str | None = None

    # --- the current lists ----------------------------------------------------------------------

    def current(self) -> Searchable:
        """The index of the current lists, reloaded when the store changed. NoData (503) while the
        store holds no accepted snapshot, and at once while the first load runs (the trial: a search
        right after `tracker serve` waited over 60 s for it)."""
        now = self._clock()
        if self._current is None and self._loading_elsewhere():  # 503 at once, not a wait
            if self._stamp()[0] is None:  # the other thread finds an empty store: say so
                raise NoData(self.last_error or NO_LIST)
            raise NoData(LOADING, retry_after=5)
        if self._current is None or now - self._checked_at >= self.api.check_seconds:
            self._check(now)
        if self._current is None:
            raise NoData(self.last_error or NO_LIST)
        return self._current

    @property
    def ready(self) -> bool:
        return self._current is not None

    @property
    def loading(self) -> bool:
        worker = self._worker
        return (worker is not None and worker.is_alive()) or self._load_lock.locked()

    def _loading_elsewhere(self) -> bool:
        """A load runs in another thread (the background one, or another request's)."""
        worker = self._worker
        if worker is not None and worker.is_alive() and worker is not threading.current_thread():
            return True
        return self._load_lock.locked() and worker is not threading.current_thread()

    def warm(self) -> None:
        """Load the index in the background (worker start, /readyz before the first search)."""
        self._spawn(self._warm_quietly)

    def join(self, timeout: float | None = None) -> None:
        """Wait for a background load (shutdown, tests)."""
        worker = self._worker
        if worker is not None:
            worker.join(timeout)

    def _warm_quietly(self) -> None:
        with contextlib.suppress(NoData):  # an empty store: /readyz says so
            self.current()

    def _stamp(self) -> Stamp:
        from tracker.store.queries import store_stamp

        with self.engine.connect() as conn:
            return store_stamp(conn)

    def _check(self, now: float) -> None:
        stamp = self._stamp()
        with self._state_lock:
            self._checked_at = now
            self._seen = stamp
        if stamp[0] is None or (self._current is not None and self._current.stamp == stamp):
            return
        if self._current is None or not self.api.reload_in_background:
            self._load()
        else:
            self._spawn(self._load)

    def _load(self) -> None:
        from tracker.search import load_index

        # A first load that another thread took between the check above and here: 503 at once
        # rather than a request waiting for it; later reloads keep the old index and may wait.
        first_elsewhere = self._current is None and threading.current_thread() is not self._worker
        if not self._load_lock.acquire(blocking=not first_elsewhere):
            raise NoData(LOADING, retry_after=5)
        try:
            stamp = self._seen
            if stamp is None or (self._current is not None and self._current.stamp == stamp):
                return  # another thread loaded it meanwhile
            started = time.perf_counter()
            try:
                loaded = load_index(self.engine, self.settings)
            except Exception as exc:  # keep answering from the old index; the next check retries
                log.exception("loading the name index failed")
                self.last_error = f"the name index could not be loaded: {one_line(exc)}"
                return
            searchable = Searchable(loaded, stamp)
            self._current = searchable
            self.last_error = None
        finally:
            self._load_lock.release()
        if self._on_load is not None:
            self._on_load(searchable, time.perf_counter() - started)

    def _spawn(self, target: Callable[[], None]) -> None:
        with self._state_lock:
            if self._worker is not None and self._worker.is_alive():
                return
            self._worker = threading.Thread(target=target, name="tracker-index", daemon=True)
            self._worker.start()

    # --- the lists as they stood on a past date -------------------------------------------------

    def at(self, when: datetime) -> Searchable:
        """The index of the lists as they stood at ``when`` (built from the store, ~1-6 s; the last
        ``as_of_cache`` are kept). NoData while the store is empty."""
        from tracker.search import load_index

        current = self.current()
        key = (when, current.stamp)
        with self._past_lock:  # one past index built at a time: each holds ~100-200 MB
            found = self._past.get(key)
            if found is not None:
                self._past.move_to_end(key)
                return found
            searchable = Searchable(load_index(self.engine, self.settings, as_of=when), current.stamp)
            if self.api.as_of_cache:
                self._past[key] = searchable
                while len(self._past) > self.api.as_of_cache:
                    self._past.popitem(last=False)
        return searchable


@dataclass
class ApiState:
    """Everything a request needs, built once per app (tracker.api.app.create_app)."""

    settings: Settings
    api: ApiSettings
    engine: Engine
    holder: IndexHolder
    metrics: Any  # tracker.api.metrics.Metrics
    syncs: Any  # tracker.api.syncs.SyncRunner: syncs started by POST /sync
