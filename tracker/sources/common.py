"""What every list parser shares, so a new source module only writes what is particular to its format.

* **Reading files**: ``open_binary`` / ``read_bytes`` / ``read_head`` undo gzip transparently (archives are
  stored gzipped; detected by magic bytes, never by name) and turn a cut-off gzip stream into one line,
  ``truncated(label, exc)``. ``find_member`` finds a file of a set in a folder.
* **Limits** (hostile files): every byte a parser reads passes through a ``Budget`` (one per parse):
  decompressed size, markup tags + lines, and the memory the process grows by, each capped by a setting
  (``ReadLimits``); ``Budget.rows`` keeps checking memory in loops over data already read, and
  ``Budget.check_zip`` measures a ZIP (or .xlsx) before a library opens it.
* **Head checks**: ``check_xml_head`` and ``check_text_head`` refuse an empty download, an HTML error page
  or a binary file before any parsing, with a one-line ``ParseError`` naming what was expected.
* **Warnings**: one ``Warnings`` collector, each distinct message once with its count.
* **XML**: ``RecordStream`` streams the record elements of a big file in bounded memory and turns lxml's
  syntax errors into "truncated" / "wrong encoding" / "malformed" lines (``syntax_error``);
  ``local_name``, ``generation_time`` and ``AttributeCheck`` cover what the XML formats have in common.
* **Text and cells**: ``decode_text`` (UTF-8 / Windows-1252 with a warning on a switch), ``clean`` (strip
  + collapse whitespace), ``join``, ``ordered_add``, ``cell_text``.

Every helper raises ``tracker.errors.ParseError`` (never an OSError or lxml error) for bad input.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import re
import sys
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from datetime import UTC, datetime
from io import BufferedIOBase
from pathlib import Path
from typing import IO, Any, NamedTuple, TypeVar

from lxml import etree

from tracker.errors import ParseError

GZIP_MAGIC = b"\x1f\x8b"
_BOM = b"\xef\xbb\xbf"
T = TypeVar("T")

# --------------------------------------------------------------------------------------------------
# limits


class ReadLimits(NamedTuple):
    """Caps for one parse (from Settings: TRACKER_MAX_LIST_BYTES, _MAX_LIST_ELEMENTS, _MAX_PARSE_MEMORY_MB,
    _MAX_PARSE_SECONDS).

    ``max_bytes``: decompressed bytes read, all files of the parse together. ``max_elements``: markup
    tags ("<") plus lines ("\\n") in them, an upper bound on the XML elements or CSV rows a parser can
    build. ``max_memory``: bytes the process's resident memory may grow by during the parse (0: no
    check). ``max_seconds``: CPU seconds of the parsing thread (0: no check; CPU, not wall time, so a
    busy machine does not refuse a real list). The largest real lists: OFAC SDN XML 21 MB with 1.9
    million tags + lines, ~60 MB of growth; OFSI ConList.xlsx 17 MB unzipped with 1.4 million and ~7 s.
    """

    max_bytes: int
    max_elements: int
    max_memory: int
    max_seconds: float = 0.0


def read_limits() -> ReadLimits:
    """The limits of the current settings (read from the environment now, so worker processes and
    tests that set TRACKER_MAX_* see them)."""
    from tracker.settings import load_settings  # here: parsers stay importable without settings

    settings = load_settings()
    return ReadLimits(
        settings.max_list_bytes,
        settings.max_list_elements,
        settings.max_parse_memory_mb * 1024 * 1024,
        settings.max_parse_seconds,
    )


def resident_memory() -> int | None:
    """The process's resident memory in bytes (Linux: now; elsewhere: its peak so far); None when the
    platform does not say (Windows): then no memory check is made."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak if sys.platform == "darwin" else peak * 1024)  # macOS says bytes, Linux KiB


_CHECK_EVERY = 1 << 20  # bytes read between memory checks: 1 MiB of tags builds at most ~40 MB of tree
_ROWS_EVERY = 1024  # loop items between memory checks


def _mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB"


class Budget:
    """What one parse of ``label`` may still read and allocate (``ReadLimits``, default: the settings).

    Every reader from ``open_binary(path, budget)`` counts into it; parsers that read a file whole and
    then parse it from memory wrap the in-memory data with ``stream`` and their loops with ``rows``, so
    the memory check keeps running. Each cap, when passed, raises one ``ParseError`` line naming the
    setting to raise for a real list that big.
    """

    def __init__(self, label: str, limits: ReadLimits | None = None) -> None:
        self.label = label
        self.limits = limits or read_limits()
        self.size = 0
        self.elements = 0
        self._baseline = resident_memory() if self.limits.max_memory else None
        self._cpu_start = time.thread_time()
        self._unchecked = 0  # bytes read since the last check

    def count(self, data: bytes) -> None:
        """Count bytes just read; ParseError past a cap."""
        self.size += len(data)
        if self.size > self.limits.max_bytes:
            raise ParseError(
                f"{self.label}: more than {_mb(self.limits.max_bytes)} once decompressed: refused as a "
                "compression bomb (TRACKER_MAX_LIST_BYTES)"
            )
        self.elements += data.count(b"<") + data.count(b"\n")
        if self.elements > self.limits.max_elements:
            raise ParseError(
                f"{self.label}: more than {self.limits.max_elements:,} markup tags and lines: refused as "
                "an element bomb (TRACKER_MAX_LIST_ELEMENTS)"
            )
        self.passed(len(data))

    def passed(self, size: int) -> None:
        """``size`` more bytes went through a parser: check once per ``_CHECK_EVERY`` of them."""
        self._unchecked += size
        if self._unchecked >= _CHECK_EVERY:
            self._unchecked = 0
            self.check()

    def check(self, more: int = 0) -> None:
        """ParseError when the parse used more than ``max_seconds`` of CPU, or the process grew by more
        than ``max_memory`` since the budget was made, or would with ``more`` bytes allocated at once
        (decoding a whole file: call before, not after)."""
        seconds = self.limits.max_seconds
        if seconds and time.thread_time() - self._cpu_start > seconds:
            raise ParseError(
                f"{self.label}: parsing it took more than {seconds:g} s of CPU: refused "
                "(TRACKER_MAX_PARSE_SECONDS)"
            )
        if self._baseline is None:
            return
        now = resident_memory()
        if now is not None and now + more - self._baseline > self.limits.max_memory:
            raise ParseError(
                f"{self.label}: parsing it took more than {_mb(self.limits.max_memory)} of memory: refused "
                "as a memory bomb (TRACKER_MAX_PARSE_MEMORY_MB)"
            )

    def reader(self, inner: IO[bytes] | BufferedIOBase) -> io.BufferedReader:
        """``inner`` (a file, GzipFile or ZIP member) read through this budget; read errors pass as is."""
        return io.BufferedReader(_CountingReader(inner, self), buffer_size=1 << 16)

    def stream(self, data: bytes) -> io.BufferedReader:
        """Bytes already in memory as a file for a streaming parser, so memory is checked as it parses
        (their size was counted when they were read)."""
        return io.BufferedReader(_CountingReader(io.BytesIO(data), self, counted=True), buffer_size=1 << 16)

    def rows(self, items: Iterable[T]) -> Iterator[T]:
        """``items`` unchanged, with a memory check every ``_ROWS_EVERY`` of them."""
        for number, item in enumerate(items, start=1):
            if number % _ROWS_EVERY == 0:
                self.check()
            yield item

    def check_zip(self, archive: zipfile.ZipFile) -> None:
        """Measure every member of a ZIP (an .xlsx workbook is one) against the caps before a library
        reads it: the declared sizes first, then the real bytes, decompressed and dropped chunk by chunk.
        ParseError for a bomb or a corrupt member."""
        declared = sum(info.file_size for info in archive.infolist())
        if self.size + declared > self.limits.max_bytes:
            raise ParseError(
                f"{self.label}: ZIP members add up to {_mb(declared)} once decompressed, more than "
                f"{_mb(self.limits.max_bytes)}: refused as a compression bomb (TRACKER_MAX_LIST_BYTES)"
            )
        measure = Budget(self.label, self.limits._replace(max_memory=0))
        measure.size, measure.elements = self.size, self.elements
        for info in archive.infolist():
            if info.is_dir():
                continue
            try:
                with archive.open(info) as member:
                    while chunk := member.read(_CHECK_EVERY):
                        measure.count(chunk)
            except (
                zipfile.BadZipFile,
                zlib.error,
                OSError,
                EOFError,
                RuntimeError,
                NotImplementedError,
            ) as exc:
                raise ParseError(f"{self.label}: cannot read {info.filename} from the ZIP ({exc})") from exc


# --------------------------------------------------------------------------------------------------
# workbooks


def open_workbook(data: bytes, label: str, budget: Budget) -> Any:
    """The first sheet of an .xlsx workbook (openpyxl, read-only, values only) as ``(workbook, sheet)``;
    the caller closes the workbook. The ZIP is measured against ``budget`` first.

    openpyxl raises whatever its ZIP, XML and value readers meet in a damaged file (BadZipFile,
    XMLSyntaxError, KeyError, ValueError, TypeError, IndexError... seen by fuzzing): all of them become
    one ParseError line here, and in ``sheet_rows``.
    """
    import openpyxl  # imported here: only workbook sources pay for it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            budget.check_zip(archive)  # openpyxl unzips it all: measure it first
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise ParseError(f"{label}: not a readable .xlsx workbook ({exc})") from exc
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 (see the docstring: a third-party reader of hostile input)
        raise ParseError(f"{label}: not a readable .xlsx workbook ({_why(exc)})") from exc
    try:
        return workbook, workbook.worksheets[0]
    except Exception as exc:  # noqa: BLE001
        workbook.close()
        raise ParseError(f"{label}: the workbook has no readable sheet ({_why(exc)})") from exc


def sheet_rows(rows: Iterable[T], label: str, budget: Budget) -> Iterator[T]:
    """The rows openpyxl reads, its errors as one ParseError line, memory checked as in ``Budget.rows``."""
    iterator = iter(rows)
    number = 0
    while True:
        try:
            row = next(iterator)
        except StopIteration:
            return
        except Exception as exc:  # noqa: BLE001 (see open_workbook)
            raise ParseError(f"{label}: workbook is truncated or corrupt ({_why(exc)})") from exc
        number += 1
        if number % _ROWS_EVERY == 0:
            budget.check()
        yield row


def _why(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:200]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class _CountingReader(io.RawIOBase):
    """A raw binary stream over ``inner`` that counts what passes into a Budget."""

    def __init__(self, inner: IO[bytes] | BufferedIOBase, budget: Budget, *, counted: bool = False) -> None:
        super().__init__()
        self._inner = inner
        self._budget = budget
        self._counted = counted  # bytes already counted (in memory): only check memory

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            data = self._inner.read(len(buffer))
        except (
            zlib.error
        ) as exc:  # corrupt deflate data: an OSError like gzip's own, so callers say "corrupt"
            raise OSError(f"corrupt compressed data ({exc})") from exc
        size = len(data)
        buffer[:size] = data
        if self._counted:
            self._budget.passed(size)
        else:
            self._budget.count(data)
        return size

    def readall(self) -> bytes:
        out = io.BytesIO()  # getvalue() hands over its buffer: one copy of the file in memory, not two
        while chunk := self.read(_CHECK_EVERY):
            out.write(chunk)
        return out.getvalue()

    def close(self) -> None:
        self._inner.close()
        super().close()


# --------------------------------------------------------------------------------------------------
# files


def open_binary(path: Path, budget: Budget | None = None) -> io.BufferedReader:
    """Open ``path`` for reading, un-gzipping it when it starts with the gzip magic bytes, every byte
    counted into ``budget`` (a new one for this file when None).

    Raises ParseError for a missing file or a folder, and from reads past a cap of the budget. Reads
    may raise EOFError or OSError on a truncated gzip stream: wrap them with ``truncated``.
    """
    budget = budget or Budget(path.name)
    try:
        raw = path.open("rb")
    except FileNotFoundError as exc:
        raise ParseError(f"file not found: {path}") from exc
    except IsADirectoryError as exc:
        raise ParseError(f"expected a file, got a folder: {path}") from exc
    head = raw.read(2)
    raw.seek(0)
    if head == GZIP_MAGIC:
        return budget.reader(gzip.GzipFile(fileobj=raw, mode="rb"))
    return budget.reader(raw)


def truncated(label: str, exc: BaseException) -> ParseError:
    """The one-line error for a gzip (or zip) stream that ends early or is corrupt."""
    return ParseError(f"{label}: compressed file is truncated or corrupt ({exc})")


def read_bytes(path: Path, budget: Budget | None = None) -> bytes:
    """The whole (un-gzipped) file, counted into ``budget``. ParseError when it is missing, its
    compression is cut off, or it passes a cap."""
    with open_binary(path, budget) as fh:
        try:
            return fh.read()
        except (EOFError, OSError) as exc:
            raise truncated(path.name, exc) from exc


def read_head(path: Path, size: int) -> bytes:
    """The first ``size`` (un-gzipped) bytes, for sniffing the format before parsing."""
    with open_binary(path, Budget(path.name, _NO_LIMITS)) as fh:
        try:
            return fh.read(size)
        except (EOFError, OSError) as exc:
            raise truncated(path.name, exc) from exc


def find_member(folder: Path, stem: str) -> Path | None:
    """Find ``stem`` (e.g. "sdn.csv") in a folder, also as ``stem.gz``; case-insensitive."""
    wanted = {stem.lower(), stem.lower() + ".gz"}
    for child in sorted(folder.iterdir()):
        if child.name.lower() in wanted:
            return child
    return None


_NO_LIMITS = ReadLimits(sys.maxsize, sys.maxsize, 0)  # for a few bytes of head, or a count on an error path


def line_count(path: Path) -> int:
    """Number of lines in the (un-gzipped) file; only called on error paths."""
    lines = 1
    try:
        with open_binary(path, Budget(path.name, _NO_LIMITS)) as fh:
            while chunk := fh.read(1 << 20):
                lines += chunk.count(b"\n")
    except (EOFError, OSError):
        pass
    return lines


# --------------------------------------------------------------------------------------------------
# head checks


# Control bytes no text file holds (tab, LF, CR and a CSV's final ^Z aside)
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x19\x1b-\x1f\x7f]")


def check_xml_head(head: bytes, label: str, what: str) -> str:
    """Refuse what cannot be the expected XML list: empty, an HTML page, not XML at all.

    ``head`` is the first few KB of the file, ``what`` names the list in the message ("the EU sanctions
    XML"). Returns the head decoded, BOM and leading space stripped and lower-cased, for further checks.
    """
    text = head.decode("utf-8", "replace").lstrip("\ufeff \t\r\n").lower()
    if not text:
        raise ParseError(f"{label}: file is empty")
    if text.startswith(("<!doctype html", "<html")) or "<html" in text[:512]:
        raise ParseError(f"{label}: got an HTML page, not {what}")
    if not text.startswith("<"):
        if CONTROL_BYTES.search(head[:512]) or "\ufffd" in text[:512]:  # its start would print as noise
            raise ParseError(f"{label}: binary data, not {what}")
        shown = head.decode("utf-8", "replace").lstrip("\ufeff \t\r\n")[:20]
        raise ParseError(f"{label}: not an XML file (starts with {shown!r})")
    return text


def check_text_head(data: bytes, what: str, label: str) -> None:
    """Refuse what cannot be the expected CSV / text list: empty, binary, an HTML or XML page."""
    head = data[:4096].lstrip(_BOM + b" \t\r\n")
    if not head:
        raise ParseError(f"{label}: file is empty, not {what}")
    if b"\x00" in data[:4096]:
        raise ParseError(f"{label}: binary file, not {what}")
    lowered = head[:200].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        raise ParseError(f"{label}: got an HTML page, not {what}")
    if lowered.startswith(b"<"):
        raise ParseError(f"{label}: got an XML/HTML document, not {what}")


# --------------------------------------------------------------------------------------------------
# warnings


class Warnings:
    """Collects a parser's warnings: each distinct message once, with its count, in first-seen order.

    One odd element repeated on 10,000 entries becomes one line, "message (10000 times)". ``unit`` names
    what is counted: the UK lists, which have one row per name, say "rows".
    """

    def __init__(self, unit: str = "times") -> None:
        self.unit = unit
        self._counts: dict[str, int] = {}

    def add(self, message: str) -> None:
        self._counts[message] = self._counts.get(message, 0) + 1

    def messages(self) -> list[str]:
        """Every message as often as it was added (to replay into another collector)."""
        return [message for message, count in self._counts.items() for _ in range(count)]

    def as_list(self) -> list[str]:
        """The lines for ``ParsedList.warnings``."""
        return [m if n == 1 else f"{m} ({n} {self.unit})" for m, n in self._counts.items()]


# --------------------------------------------------------------------------------------------------
# XML


class _LocalNames(dict[object, str]):
    """Tag -> local name, filled on first sight (a file has a few dozen distinct tags); bounded, so a
    hostile file with endless distinct tags cannot grow it."""

    def __missing__(self, tag: object) -> str:
        name = tag.rpartition("}")[2] if isinstance(tag, str) else ""
        if len(self) < 10_000:
            self[tag] = name
        return name


# Local name of an element tag ("{ns}uid" -> "uid"); "" for comments and processing instructions.
# Formats change namespace over the years (OFAC did around 2020), so parsers match local names. A bound
# dict lookup, not a Python function: it runs for each of the ~600,000 elements of the SDN XML, where a
# function call cost 5 % of the parse.
local_name: Callable[[object], str] = _LocalNames().__getitem__


def syntax_error(label: str, exc: etree.XMLSyntaxError, lines: int) -> ParseError:
    """One line for an XML syntax error: truncated download, wrong encoding, or malformed.

    ``lines`` is the number of lines in the document: an error on the very last line means the file
    stops mid-element, i.e. a cut-off download.
    """
    message = str(exc.msg or exc)
    line = exc.lineno
    if "Premature end" in message or "end of data" in message or line >= lines:
        return ParseError(f"{label}: file is truncated (XML ends early at line {line})")
    if "encoding" in message.lower() or "Invalid bytes" in message or "not proper UTF" in message:
        return ParseError(f"{label}: bytes do not match the declared encoding at line {line} ({message})")
    return ParseError(f"{label}: malformed XML at line {line}: {message}")


CSV_FIELD_LIMIT = 131_072
"""Characters a CSV field may hold before a list is refused: the csv module's default, which stops a
runaway quoted field early (a real list's longest field is far under MAX_FIELD_CHARS, 65,536)."""


@contextmanager
def csv_field_limit() -> Iterator[None]:
    """Read CSV inside this block with the field limit at CSV_FIELD_LIMIT, then put the old one back.

    The limit is the csv module's one global: followthemoney raises it to 30 MB when its statement
    module is imported (the FtM export), which let a 200,000-character field through in a process
    that had exported before (the suite, the HTTP server)."""
    previous = csv.field_size_limit(CSV_FIELD_LIMIT)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def csv_field_too_long(label: str, exc: Exception, line: int | None) -> ParseError | None:
    """The one-line refusal of a list whose CSV field outgrew the csv module's field limit (128 KiB,
    which stops a runaway quoted field early), worded as tracker.prepared words a field over
    MAX_FIELD_CHARS (the README's 65,536): the csv module's own "field larger than field limit
    (131072)" read as a reader's fault. None for any other csv.Error."""
    from tracker.prepared import MAX_FIELD_CHARS

    if "field larger than field limit" not in str(exc):
        return None
    where = f"line {line}: " if line else ""
    return ParseError(
        f"{label}: {where}a field is over {CSV_FIELD_LIMIT:,} characters long, far beyond any "
        f"real list's (limit {MAX_FIELD_CHARS:,}); not loaded"
    )


def free_element(el: Any) -> None:
    """Drop a parsed record and the siblings before it, so memory stays flat on a big file."""
    el.clear(keep_tail=False)
    parent = el.getparent()
    if parent is not None:
        while el.getprevious() is not None:
            del parent[0]


class RecordStream:
    """The record elements of a big XML list, one at a time, each freed once the loop moves on.

    ``for el in RecordStream(path, ("INDIVIDUAL", "ENTITY")): ...`` (tags may use "{*}name" to ignore
    the namespace). Errors: ParseError for a truncated, malformed or wrongly encoded file, also when the
    gzip layer is cut off. After the loop, ``root`` is the document's root element (None if there was
    none); children of the root other than the records are still attached to it for checks.
    """

    def __init__(self, path: Path, tags: str | Sequence[str]) -> None:
        self.path = path
        self.tags = tags
        self.root: Any = None

    def __iter__(self) -> Iterator[Any]:
        with open_binary(self.path) as fh:
            context = etree.iterparse(
                fh,
                events=("end",),
                tag=self.tags,
                # no huge_tree: libxml2 then refuses a text node over 10 MB as it reads it (the
                # trial's 50 MB name: 104 MB peak instead of 254 MB); real lists' longest text is
                # 8,241 characters, and tracker.prepared refuses any field over 65,536.
                remove_comments=True,
            )
            try:
                for _, el in context:
                    yield el
                    free_element(el)
            except etree.XMLSyntaxError as exc:
                raise syntax_error(self.path.name, exc, line_count(self.path)) from exc
            except (EOFError, OSError) as exc:
                raise truncated(self.path.name, exc) from exc
            self.root = context.root


def generation_time(root: Any, attribute: str, warnings: Warnings) -> datetime | None:
    """The root's ISO time stamp attribute as naive UTC; a warning (not an error) when missing or odd."""
    owner = local_name(root.tag)
    generated = root.get(attribute)
    if not generated:
        warnings.add(f"{owner} has no {attribute}")
        return None
    try:
        stamp = datetime.fromisoformat(generated.strip())
    except ValueError:
        warnings.add(f"unreadable {attribute} {generated!r}")
        return None
    return stamp.astimezone(UTC).replace(tzinfo=None) if stamp.tzinfo else stamp


class AttributeCheck:
    """Warns about attributes a format's schema does not define, once per distinct attribute set.

    ``known`` maps an element's local name to the attributes its XSD allows. Checking each distinct
    set once (not each element) keeps this off the hot path: a file has a few dozen distinct sets.
    """

    def __init__(self, known: Mapping[str, AbstractSet[str]], warnings: Warnings) -> None:
        self.known = known
        self.warnings = warnings
        self._seen: set[tuple[str, tuple[str, ...]]] = set()

    def __call__(self, el: Any, tag: str) -> None:
        key = (tag, tuple(el.keys()))
        if key in self._seen:
            return
        self._seen.add(key)
        for attr in sorted(set(key[1]) - self.known[tag]):
            self.warnings.add(f"unknown attribute {attr!r} on <{tag}>")


# --------------------------------------------------------------------------------------------------
# text and cells


def clean(value: str | None) -> str:
    """Strip, and collapse runs of whitespace inside ("" for None): lists pad text with spaces."""
    if not value:
        return ""
    value = value.strip()
    if "  " in value or "\n" in value or "\t" in value:
        return " ".join(value.split())
    return value


def join(parts: Iterable[str | None], sep: str = ", ") -> str | None:
    """The non-empty parts joined by ``sep``; None when there are none."""
    kept = [p for p in parts if p]
    return sep.join(kept) if kept else None


def ordered_add(target: list[str], values: Iterable[str]) -> None:
    """Append each non-empty value not yet in ``target`` (list order = first-seen order)."""
    for value in values:
        if value and value not in target:
            target.append(value)


def decode_text(data: bytes, warnings: Warnings, preferred: str) -> str:
    """Decode a text list with its declared encoding, ``preferred`` ("utf-8" or "cp1252"), falling back
    (with a warning) to the other one; a UTF-8 BOM always means UTF-8.

    cp1252 accepts almost any byte, so when it is preferred a file that is valid UTF-8 with non-ASCII
    text is read as UTF-8 (with a warning): publishers switch encodings without saying so.
    """
    if data.startswith(_BOM):
        return data[3:].decode("utf-8", errors="replace")
    order = ["utf-8", "cp1252"] if preferred == "utf-8" else ["cp1252", "utf-8"]
    if preferred != "utf-8":
        try:
            text = data.decode("utf-8")
            if not text.isascii():
                warnings.add("file is UTF-8, not the Windows-1252 the list used: decoded as UTF-8")
            return text
        except UnicodeDecodeError:
            pass
    for encoding in order:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding != preferred:
            warnings.add(f"file is not {preferred}: decoded as {encoding}")
        return text
    warnings.add(f"file is not {preferred}: undecodable bytes replaced")
    return data.decode(preferred, errors="replace")


def cell_text(value: object) -> str:
    """A spreadsheet or CSV cell as stripped text (dates as dd/mm/yyyy, whole numbers without ".0")."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
