"""Parse and fingerprint list files before they are applied, in a worker process for a series.

An import of many archived files (a history backfill) parses the next files in a spawned worker
process while the pipeline applies the current one: parsing and applying take about as long as each
other, so the two overlap instead of adding up. The worker exits when the process that started it
dies, even by SIGKILL (no orphan left parsing). It ignores Ctrl-C (SIGINT, which the terminal sends
to the whole process group): the process that started it stops it, so an interrupted import ends
with that process's one line, never the worker's traceback.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import multiprocessing
import os
import queue
import re
import signal
import threading
from collections.abc import Generator, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from tracker.errors import ParseError
from tracker.history.fingerprint import Fingerprint, fingerprint_all
from tracker.records import ListEntry
from tracker.sources.base import SourceSpec

PARSE_AHEAD = 2  # files parsed ahead of the one being applied


@dataclass
class PreparedFile:
    """A list file parsed and fingerprinted, ready to apply (picklable: made in a worker process
    when many files are imported)."""

    path: Path
    sha256: str | None
    published_at: datetime | None = None
    format: str = ""
    warnings: list[str] = field(default_factory=list)
    content: dict[str, Fingerprint] = field(default_factory=dict)
    error: str | None = None  # why the file is not a usable list (ParseError)

    def __getstate__(self) -> dict[str, Any]:
        # Columns of plain strings pickle several times faster than 15,000 small objects.
        state = dict(self.__dict__)
        fps = list(self.content.values())
        state["content"] = (
            [f.key for f in fps],
            [f.hash for f in fps],
            [f.data for f in fps],
            [f.entity_type for f in fps],
            [f.primary_name for f in fps],
            [f.not_provided for f in fps],
        )
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        columns = state.pop("content")
        self.__dict__.update(state)
        self.content = {key: Fingerprint(key, *rest) for key, *rest in zip(*columns, strict=True)}


def prepare_file(
    spec: SourceSpec, path: Path, sha256: str | None, *, shown: str | None = None
) -> PreparedFile:
    """Parse and fingerprint a file; a bad file gives a PreparedFile with its error, not an exception.
    The error names the file as ``shown`` (what the user gave, when ``path`` is the archived copy of
    a download), else by its name.

    This is the one place list text is made storable on every backend: NUL and the other C0 control
    characters but tab and newline are removed (PostgreSQL refuses NUL in text; SQLite would keep
    it), with a warning naming the entries (``strip_controls``).
    """
    prepared = PreparedFile(path=path, sha256=sha256)
    try:
        parsed = spec.parse(path)
        prepared.published_at = parsed.published_at
        prepared.format = parsed.format
        prepared.warnings = [clean_text(w) for w in parsed.warnings]
        content = fingerprint_all(parsed.entries)
        oversized(parsed.entries, content)
        cleaned = strip_controls(parsed.entries, content)
        if cleaned:
            content = fingerprint_all(parsed.entries)
            shown = ", ".join(cleaned[:10]) + (f" and {len(cleaned) - 10} more" if len(cleaned) > 10 else "")
            prepared.warnings.append(
                f"removed control characters (NUL and others; tab and newline kept) from the text of "
                f"{len(cleaned)} entries: {shown}"
            )
        prepared.content = content
    except ParseError as exc:
        message = clean_text(str(exc))
        name = shown or path.name
        prepared.error = message.replace(path.name, name) if path.name in message else f"{name}: {message}"
    return prepared


# The longest text in any field of the real lists in shared/data is 8,241 characters (a us_csl
# 2022-05-06 field; UN remarks reach 1,363); a field eight times that is no list's (the trial's
# huge.xml: one name of 50 MB, printed whole by search in 1 min 30 s).
MAX_FIELD_CHARS = 65_536


def oversized(entries: list[ListEntry], content: dict[str, Fingerprint]) -> None:
    """Raise ParseError (one line) when an entry holds a text longer than MAX_FIELD_CHARS. The
    entries' canonical JSON lengths find the suspects; only those are walked."""
    suspects = {
        key for key, fp in content.items() if len(fp.data) > MAX_FIELD_CHARS or len(key) > MAX_FIELD_CHARS
    }
    for entry in entries:
        if entry.source_id not in suspects:
            continue
        longest = max(_texts(entry, "entry"), key=lambda pair: len(pair[1]))
        if len(longest[1]) > MAX_FIELD_CHARS:
            shown = entry.source_id[:40] + ("..." if len(entry.source_id) > 40 else "")
            raise ParseError(
                f"entry {shown}: its {_FIELD_WORDS.get(longest[0], longest[0])} is {len(longest[1]):,} characters long, far beyond "
                f"any real list's (limit {MAX_FIELD_CHARS:,}); not loaded"
            )


_FIELD_WORDS = {"full": "name"}  # a Name's text, as a user calls it


def _texts(obj: Any, where: str) -> Iterator[tuple[str, str]]:
    """(field name, text) of every text in a record dataclass, nested records, lists and dicts."""
    if isinstance(obj, str):
        yield where, obj
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for spec in dataclasses.fields(obj):
            if spec.name != "fingerprint_cache":
                yield from _texts(getattr(obj, spec.name), spec.name)
    elif isinstance(obj, list | tuple | frozenset):
        for item in obj:
            yield from _texts(item, where)
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield from _texts(str(key), where)
            yield from _texts(value, f"{where} {key}"[:60])


# C0 controls but tab (\t) and newline (\n). Their JSON forms (orjson writes these as \uXXXX, or
# \b \f \r) tell cheaply which fingerprinted entries hold any.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f]")
_CONTROL_ESCAPES = re.compile(r"\\u00[01][0-9a-fA-F]|\\[bfr]")


def clean_text(text: str) -> str:
    """``text`` without C0 control characters other than tab and newline."""
    return _CONTROLS.sub("", text)


def strip_controls(entries: list[ListEntry], content: dict[str, Fingerprint]) -> list[str]:
    """Remove control characters from the text of the entries whose fingerprint shows some (in
    place, their fingerprint cache cleared); returns the cleaned entries' ids, as cleaned."""
    suspects = {
        key
        for key, fp in content.items()
        if _CONTROLS.search(key) or _CONTROLS.search(fp.primary_name) or _CONTROL_ESCAPES.search(fp.data)
    }
    cleaned: list[str] = []
    if not suspects:
        return cleaned
    for entry in entries:
        if entry.source_id in suspects and _clean_fields(entry):
            entry.fingerprint_cache = None
            cleaned.append(entry.source_id)
    return cleaned


def _clean_fields(obj: Any) -> bool:
    """Clean every text field of a record dataclass in place (nested records, lists and dicts of
    text too); True when anything changed. Enum values are left alone (they are our own)."""
    changed = False
    for spec in dataclasses.fields(obj):
        if spec.name == "fingerprint_cache":
            continue
        value = getattr(obj, spec.name)
        new = _cleaned(value)
        if new is not None:
            setattr(obj, spec.name, new)
            changed = True
        elif isinstance(value, list):
            for item in value:
                if dataclasses.is_dataclass(item):
                    changed |= _clean_fields(item)
    return changed


def _cleaned(value: Any) -> Any:
    """A cleaned copy of a text, list of texts or dict of texts, or None when it needs none."""
    if type(value) is str:
        text = clean_text(value)
        return text if text != value else None
    if isinstance(value, list) and value and all(type(v) is str for v in value):
        texts = [clean_text(v) for v in value]
        return texts if texts != value else None
    if isinstance(value, dict):
        pairs = {clean_text(str(k)): clean_text(str(v)) for k, v in value.items()}
        return pairs if pairs != value else None
    return None


def prepare_path(spec: SourceSpec, path: Path) -> PreparedFile:
    """prepare_file of an archived file or folder, hashing it first (a file that cannot be read
    gives its error, like a file that does not parse)."""
    try:
        sha256 = sha256_of(path)
    except OSError as exc:
        return PreparedFile(path=path, sha256=None, error=f"cannot read {path}: {exc.strerror or exc}")
    return prepare_file(spec, path, sha256)


def prepared_in_order(spec: SourceSpec, paths: Iterable[Path]) -> Generator[PreparedFile, None, None]:
    """The files prepared one after the other, in the given order; with more than one file, a
    worker process parses up to PARSE_AHEAD files ahead of the one the caller is working on.
    ``paths`` may be lazy (files extracted from an archive as they are needed): it is read at most
    PARSE_AHEAD + 1 ahead of what was yielded.

    Closing the generator (Ctrl-C, an error, a caller that stops early) kills the worker and returns
    within STOP_WAIT seconds. Results are read only here, in the caller's thread, never by a
    background thread: concurrent.futures' result thread, stopped in the middle of a result (a
    parsed list is megabytes), waited forever for the rest, and so did the interrupted import.
    """
    queued = iter(paths)
    first = list(itertools.islice(queued, 2))
    if len(first) < 2:
        for path in first:
            yield prepare_path(spec, path)
        return
    queued = itertools.chain(first, queued)
    worker = _Worker()
    try:
        for path in itertools.islice(queued, PARSE_AHEAD):
            worker.submit(spec, path)
        while worker.pending:
            prepared = worker.next_result()
            next_path = next(queued, None)
            if next_path is not None:
                worker.submit(spec, next_path)
            yield prepared
        worker.finish()
    finally:
        worker.kill()  # Ctrl-C, an error, or the caller stopped early: no wait for parses nobody reads


STOP_WAIT = 5.0  # seconds a killed worker is waited for (SIGKILL ends it at once; this is a bound)


class _Worker:
    """One spawned process that prepares the files sent to it, in order, over two pipes."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")  # no fork of a process holding DB connections
        tasks_out, self._tasks = context.Pipe(duplex=False)
        self._results, results_in = context.Pipe(duplex=False)
        # daemon: killed, not waited for, should the interpreter exit with it still running
        self._process = context.Process(
            target=_work, args=(tasks_out, results_in), name="tracker-parse", daemon=True
        )
        with _sigint_blocked():  # the child inherits the mask: no Ctrl-C traceback while it starts
            self._process.start()
        tasks_out.close()  # the child's ends: its death is then EOF here, not a wait forever
        results_in.close()
        self.pending = 0

    def submit(self, spec: SourceSpec, path: Path) -> None:
        self._tasks.send((spec, path))
        self.pending += 1

    def next_result(self) -> PreparedFile:
        """The next file's PreparedFile; re-raises an unexpected error of the worker (a bug)."""
        try:
            prepared, failure = self._results.recv()
        except EOFError:
            self._process.join(STOP_WAIT)
            raise RuntimeError(f"the parse worker died (exit code {self._process.exitcode})") from None
        self.pending -= 1
        if failure is not None:
            raise failure
        assert isinstance(prepared, PreparedFile)
        return prepared

    def finish(self) -> None:
        """Every result read: let the worker end on its own."""
        self._tasks.send(None)
        self._process.join(STOP_WAIT)

    def kill(self) -> None:
        if self._process.is_alive():
            self._process.kill()
        self._process.join(STOP_WAIT)
        self._tasks.close()
        self._results.close()
        if self._process.exitcode is not None:
            self._process.close()


def _work(tasks: Connection, results: Connection) -> None:
    """The worker process: prepare each (spec, path) received until None or EOF. A thread sends the
    replies, (PreparedFile, None) or (None, the exception) for an unexpected error, so that parsing
    goes on while the importer has not yet read the last one (up to PARSE_AHEAD waiting)."""
    start_worker()
    outbox: queue.Queue[tuple[PreparedFile | None, BaseException | None] | None] = queue.Queue(PARSE_AHEAD)
    sender = threading.Thread(target=_send_all, args=(outbox, results), name="send", daemon=True)
    sender.start()
    while True:
        try:
            task = tasks.recv()
        except EOFError:
            break
        if task is None:
            break
        spec, path = task
        try:
            outbox.put((prepare_path(spec, path), None))
        except Exception as exc:  # a bug: the importer raises it
            outbox.put((None, exc))
    outbox.put(None)
    sender.join()


def _send_all(
    outbox: queue.Queue[tuple[PreparedFile | None, BaseException | None] | None], results: Connection
) -> None:
    while (reply := outbox.get()) is not None:
        try:
            results.send(reply)
        except (BrokenPipeError, EOFError):  # the importer is gone or stopped reading
            return
        except Exception as exc:  # an exception that does not pickle (nothing was written)
            results.send((None, RuntimeError(f"{type(exc).__name__}: {exc}")))


@contextmanager
def _sigint_blocked() -> Iterator[None]:
    """SIGINT held back in this thread meanwhile (a Ctrl-C is delivered when it ends, not lost).
    Nothing on Windows, which has no signal masks."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def start_worker() -> None:
    """In a worker process, first thing: ignore Ctrl-C (it started with SIGINT blocked, so one sent
    while it was still loading Python is dropped here, not raised as a traceback), and exit with the
    parent (exit_with_parent)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    exit_with_parent()


def exit_with_parent() -> None:
    """In a worker process: exit as soon as the parent process is gone. A pool's worker otherwise
    outlives a parent killed by SIGKILL (it holds both ends of its task queue, so it never sees EOF)
    and goes on parsing for nobody. The parent's sentinel becomes readable when the parent dies."""
    parent = multiprocessing.parent_process()
    if parent is None:  # not a multiprocessing child: nothing to watch
        return

    def watch() -> None:
        parent.join()  # waits on the sentinel: no polling
        os._exit(1)  # skip cleanup: there is no one left to report to

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def sha256_of(path: Path) -> str:
    """sha256 of a file, or of a folder's files (names and bytes, sorted)."""
    digest = hashlib.sha256()
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for file in files:
        if path.is_dir():
            digest.update(file.relative_to(path).as_posix().encode())
        with file.open("rb") as fh:
            while block := fh.read(1 << 20):
                digest.update(block)
    return digest.hexdigest()
