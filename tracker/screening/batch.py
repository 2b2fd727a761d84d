"""Batch screening files: reading the queries (plain lines, JSON lines, CSV with a header) and
writing one answer per query (JSON lines or CSV).

Input, UTF-8 (a byte-order mark is fine) or UTF-16 / UTF-32 with its byte-order mark (what Excel's
"Unicode text" and Windows tools save), or Windows-1252 (Excel's "CSV" in Western Europe: a file
whose start is not UTF-8 and holds no UTF-8 character, read as such, or as cp1251 or KOI8-R when it
is Cyrillic, with one warning), read line
by line in bounded memory:
* plain lines: each non-blank line is a name;
* JSON lines: one object per line, ``{"name": ..., "dob": ..., "country": ..., "id": ..., "type": ...}``
  (only ``name`` required; ``id`` is yours and is copied to the answer); keys are read as CSV header
  cells are (``Name``, ``full_name``, ``date_of_birth``, ``birthDate``, name parts), and a key read
  as nothing is named once to ``warn``;
* CSV with a header holding a name column (``name``, ``full_name``, ``Customer Name`` ...: the
  spellings in columns.SPELLINGS, compared by letters and digits only, so case, spaces and underscores do
  not count), optionally ``dob``, ``country``, ``id``, ``type`` (``Date of Birth``, ``nationality``
  ...), separated by commas, semicolons, tabs or bars. Every other column naming a party (Director,
  Spouse, UBO, AKA, Vessel Name ...: classify_header) is screened too, one query per name with its
  ``column``; a column that may hold a name and is not screened (Notes) makes each row with text
  in it an unscreened BadLine; columns that hold no name (country, address, numbers, dates,
  amounts, Street Name) are named once to ``warn``.
  Instead of a name column, a surname column with a given-name one (``Name,Surname``, ``First
  Name,Last Name``, ``Given,Middle,Family``, ``Nom;Prénom``, ``Name;Vorname``, ``Apellido,Nombre``:
  a bare name column beside a given-name one is the surname) gives the name put together: given,
  middle, surname. A
  date of birth is read as tracker.dates.read_dob reads it (1967-08-19, 19.08.1967, 1967/08/19,
  19 Aug 1967, D/M/YYYY or M/D/YYYY when only one reading is a date). Under a
  header of a name column alone, each line is a name whole, as in plain lines (a comma or a stray
  quote is part of it; a line quoted whole is unquoted).
``auto`` picks JSON lines when the first line starts with ``{``, CSV when it is a header with a
name column, else plain lines (a plain name may hold a comma: "DERKACH, Andrii"); a first line that
looks like CSV columns without a name column (a semicolon, tab or bar, three comma fields, a digit,
or a known column such as ``dob``) is refused: read as plain lines each row would be one name that
matches nothing, a false all clear.

A line that cannot be read (not UTF-8, not a JSON object, no name, the wrong number of CSV fields,
a CSV quote not closed on its line, longer than MAX_LINE_BYTES) becomes a ``BadLine`` naming it,
never a silent skip; a file that is not text at all (NUL bytes or control characters at its
start), holds no name (blank, or a CSV header alone) or has two columns for one name field
(``Name,Name``: which one holds the party cannot be told) is refused with UsageError before
anything is screened. Lines
end in LF, CRLF, or CR alone in a file with no LF (old Mac files); UTF-16 saved without its byte-order mark is
recognised by its NUL bytes and read.
"""

from __future__ import annotations

import codecs
import csv
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any, Protocol

from tracker.dates import read_dob, take_dates
from tracker.errors import UsageError
from tracker.json_objects import RepeatedKey, unique_object
from tracker.screening.columns import (
    ACCEPTED,
    COLUMNS,
    IDENTIFIER,
    NAME,
    NAME_FIELDS,
    NOT_NAME,
    OTHER_NAMES,
    PARTS,
    PLACEHOLDERS,
    SURNAME_PART,
    UNKNOWN,
    classify_header,
    column_key,
    header_like,
    name_is_surname,
)

INPUT_FORMATS = ("auto", "lines", "jsonl", "csv")
OUTPUT_FORMATS = ("jsonl", "csv")
FIELDS = ("name", "dob", "country", "id", "type")
MAX_LINE_BYTES = 64 * 1024  # a name is at most a few hundred bytes; a longer line is not a query
_SNIFF_BYTES = 8192
_CHUNK = 1 << 16
_DELIMITERS = (",", ";", "\t", "|")


# Byte-order marks of the wide encodings, longest first (UTF-32 LE starts with UTF-16 LE's mark).
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Bytes that never occur in a text file of names (all C0 controls but tab, LF, FF, CR).
_BINARY = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D}


@dataclass(frozen=True, slots=True)
class BatchQuery:
    line: int  # 1-based line of the file where the query starts
    name: str
    dob: str | None = None
    country: str | None = None
    id: str | None = None
    type: str | None = None
    # Read whole though it splits into columns ("Sergei Lavrov,RU"): matching nothing is no all
    # clear for it (the name may be one of its columns); the screener answers an error instead.
    columns: tuple[str, ...] = ()
    # The header cell or JSON key the name is from, when a row holds more than one name to screen
    # (Name, Director, Spouse ...): each answer says which column it screened.
    column: str | None = None

    def as_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"line": self.line, "id": self.id, "query": self.name}
        if self.column is not None:
            body["column"] = self.column
        body.update(dob=self.dob, country=self.country, type=self.type)
        return body


@dataclass(frozen=True, slots=True)
class BadLine:
    line: int
    message: str
    id: str | None = None  # the caller's id, when the line holds one that could be read
    query: str | None = None  # the name, when the line holds one that could be read
    column: str | None = None  # the column or key of the row it is about, when it is about one
    # A column that may hold a name and was not screened (Notes, Remarks, a header not known):
    # this row is answered "not screened: column X", never "no match".
    unscreened: bool = False


def read_batch(
    stream: IO[bytes],
    label: str,
    fmt: str = "auto",
    warn: Callable[[str], None] | None = None,
    name_columns: Sequence[str] = (),
    skip_columns: Sequence[str] = (),
) -> Iterator[BatchQuery | BadLine]:
    """The queries of a batch file in file order, with a BadLine for each line that cannot be read;
    ``warn`` gets one message naming the CSV columns that are not read, if any.

    A row holding more than one name (Name with Director, Spouse, UBO, AKA ... columns or keys:
    classify_header) gives one query per name, each with its ``column``; ``name_columns`` (header
    cells or keys, any case) are screened as names too, ``skip_columns`` are not read at all. A
    column that may hold a name and is not screened (classify_header: UNKNOWN, as Notes) makes each
    row with text in it an unscreened BadLine: never a silent "no match".

    Raises UsageError (before yielding anything) for an unknown format, a binary file, a file with no
    name in it, a CSV header without a name column, or (``auto``) a first line that looks like CSV
    columns without a name column.
    """
    if fmt not in INPUT_FORMATS:
        raise UsageError(f"unknown --input-format {fmt!r} (use one of: {', '.join(INPUT_FORMATS)})")
    source: _Reader = stream
    head = source.read(_SNIFF_BYTES)
    wide = next((codec for bom, codec in _WIDE_BOMS if head.startswith(bom)), None)
    if wide is None:
        wide = _utf16_without_bom(head)
    if wide is not None:  # read as the UTF-8 it holds: every later step is the same
        source = _AsUtf8(head, stream, wide)
        head = source.read(_SNIFF_BYTES)
    if _looks_binary(head):
        raise UsageError(_binary_message(head, label))
    legacy = _legacy_codec(head) if wide is None and _legacy_start(head) else None
    if legacy is not None and warn is not None:
        warn(
            f"{label}: not UTF-8 text: read as {_LEGACY_NAMES[legacy]}; save the file as UTF-8 if its "
            "names do not read right"
        )
    lines = _numbered(_raw_lines(head, source), legacy, None if warn is None else _late_legacy(label, warn))
    first = _first_text_line(lines)
    if first is None:
        raise UsageError(f"{label} holds no names")
    choice = _Choice.of(name_columns, skip_columns)
    kind, delimiter = (
        _sniff(first[1], label, choice) if fmt == "auto" else (fmt, _csv_delimiter(first[1], choice))
    )
    if kind == "lines" and choice.named:
        raise UsageError(
            f"{label}: --name-column {' / '.join(name_columns)} is given but the first line is no "
            "CSV header with such a column (nor a JSON line)"
        )
    queue = _prepend(first, lines)
    for item in _queries(queue, kind, label, delimiter, fmt, warn, choice):
        yield _dates_out_of_name(item, label, warn) if isinstance(item, BatchQuery) else item


def _queries(
    queue: Iterator[Numbered],
    kind: str,
    label: str,
    delimiter: str,
    fmt: str,
    warn: Callable[[str], None] | None,
    choice: _Choice,
) -> Iterator[BatchQuery | BadLine]:
    if kind == "csv":
        yield from _csv_queries(queue, label, delimiter, warn, choice)
    elif kind == "jsonl":
        unread: set[str] = set()
        for number, text, raw in queue:
            if text is None:
                yield _bad(number, raw)
            else:
                yield from _json_queries(number, text, label, unread, warn, choice)
    else:
        yield from (
            BatchQuery(number, text.strip(), columns=_columns_in(text) if fmt == "auto" else ())
            if text is not None
            else _bad(number, raw)
            for number, text, raw in queue
            if text is None or text.strip()
        )


def _dates_out_of_name(
    query: BatchQuery, label: str, warn: Callable[[str], None] | None
) -> BatchQuery | BadLine:
    """``query`` with the dates written in its name taken out, by the rule a single query follows
    (tracker.dates.take_dates): a note that they were not used goes to ``warn``; a name that is
    nothing but a date is a BadLine (no name to screen: answered "no match", it was a false all
    clear)."""
    try:
        taken = take_dates(query.name, query.dob)
    except UsageError as exc:
        return BadLine(query.line, str(exc), query.id, column=query.column)
    if taken.name == query.name:
        return query
    if taken.note is not None and warn is not None:
        warn(f"{label}: line {query.line}: {taken.note}")
    columns = _columns_in(taken.name) if query.columns else ()
    return BatchQuery(
        query.line, taken.name, taken.dob, query.country, query.id, query.type, columns, query.column
    )


class _Reader(Protocol):
    def read(self, size: int, /) -> bytes: ...


class _AsUtf8:
    """A UTF-16 or UTF-32 byte stream (``head`` already read from it) read as UTF-8 bytes, decoded a
    chunk at a time. An unpaired surrogate passes through as bytes that are not UTF-8, so its line is
    a BadLine like any unreadable line, never a guessed character; so is an odd byte at the end."""

    def __init__(self, head: bytes, stream: IO[bytes], codec: str) -> None:
        self._pending = head
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder(codec)(errors="surrogatepass")
        self._done = False
        self._out = b""

    def read(self, size: int) -> bytes:
        while len(self._out) < size and not self._done:
            data, self._pending = self._pending or self._stream.read(_CHUNK), b""
            try:
                text = self._decoder.decode(data, final=not data)
            except UnicodeDecodeError:  # cut off inside a character: the last line is unreadable
                text = "\udcff"
            self._done = not data
            self._out += text.encode("utf-8", errors="surrogatepass")
        chunk, self._out = self._out[:size], self._out[size:]
        return chunk


def _utf16_without_bom(head: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when ``head`` reads as UTF-16 saved without its byte-order mark
    (some Windows and Java tools): every other byte NUL on one side for at least half of the
    characters (Latin, Cyrillic, Greek and Arabic text have a NUL high byte or a small one) and
    none on the other, and the text it decodes to is not binary. None otherwise."""
    pairs = len(head) // 2
    if pairs < 2:
        return None
    low, high = head[0 : 2 * pairs : 2], head[1 : 2 * pairs : 2]
    for codec, zeros, other in (("utf-16-le", high, low), ("utf-16-be", low, high)):
        if other.count(0) == 0 and zeros.count(0) * 2 >= pairs:
            text = head[: 2 * pairs].decode(codec, errors="replace")
            if not _looks_binary(text.encode("utf-8")):
                return codec
    return None


def _binary_message(head: bytes, label: str) -> str:
    """Why ``head`` is refused: a NUL byte or two in text (say where), else a binary file."""
    controls = sum(1 for byte in head if byte in _BINARY)
    if controls <= 2 and b"\x00" in head:
        line = head[: head.index(b"\x00")].count(b"\n") + 1
        return f"{label} holds a NUL byte on line {line}: not text (remove it, or save the file as UTF-8)"
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):  # a ZIP (.xlsx, .ods) or OLE2 (.xls) file
        # (trial 3: an Excel file was "a binary file", with no word of what to do)
        return f"{label} is a spreadsheet workbook, not text: save its sheet as CSV (UTF-8) and screen that"
    return f"{label} is a binary file, not names (give plain lines, JSON lines or CSV with a 'name' column)"


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte in _BINARY)
    return bool(head) and controls * 20 > len(head)  # more than 5 % control bytes: not text


def _raw_lines(head: bytes, stream: _Reader) -> Iterator[bytes]:
    """Lines of ``head`` + the rest of ``stream`` (line end kept); an over-long line is cut to
    MAX_LINE_BYTES + 1 bytes and its rest skipped, so memory stays bounded. Lines end in LF (and
    CRLF), or in CR when ``head`` holds a CR and no LF (old Mac files, Excel for Mac's CSV); in a
    file of LF lines a CR alone stays inside its line (an error for CSV, never a split row)."""
    end = b"\r" if b"\r" in head and b"\n" not in head else b"\n"
    buffer, position = head, 0
    while True:
        newline = buffer.find(end, position)
        if newline >= 0:
            yield buffer[position : newline + 1]
            position = newline + 1
            continue
        rest = buffer[position:]
        if len(rest) > MAX_LINE_BYTES:
            yield rest[: MAX_LINE_BYTES + 1]
            buffer, position = _skip_line(stream, end), 0
            continue
        chunk = stream.read(_CHUNK)
        if not chunk:
            if rest:
                yield rest
            return
        buffer, position = rest + chunk, 0


def _skip_line(stream: _Reader, end: bytes) -> bytes:
    """Read past the end of the current line; what follows it."""
    while chunk := stream.read(_CHUNK):
        newline = chunk.find(end)
        if newline >= 0:
            return chunk[newline + 1 :]
    return b""


Numbered = tuple[int, str | None, bytes]  # (line number, text or None when unreadable, raw bytes)


_UTF8_CHAR = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _legacy_start(head: bytes) -> bool:
    """Whether the start of a file is Windows-1252 rather than UTF-8: it does not read as UTF-8 (a
    character cut off at its end is fine) and holds no UTF-8 character beyond ASCII (a UTF-8 file
    with one corrupt line keeps that line a BadLine)."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return _UTF8_CHAR.search(head) is None
    return False


def _late_legacy(label: str, warn: Callable[[str], None]) -> Callable[[int, str], None]:
    def warn_at(number: int, codec: str) -> None:
        warn(
            f"{label}: line {number} is not UTF-8 text: it and later such lines read as "
            f"{_LEGACY_SHORT[codec]}; save the file as UTF-8 if their names do not read right"
        )

    return warn_at


# The 8-bit code pages a batch file that is not UTF-8 is read in: what Excel saves as "CSV" in
# Western Europe, and in Russia, Ukraine or Belarus (a cp1251 file read as cp1252 gave "Îëåã
# Äåðèïàñêà" for Олег Дерипаска: no match, a false all clear), and the older KOI8-R.
_LEGACY_NAMES = {
    "cp1252": 'Windows-1252 (cp1252, what Excel saves as "CSV" in Western Europe)',
    "cp1251": "Windows-1251 (cp1251, Cyrillic)",
    "koi8_r": "KOI8-R (koi8-r, Cyrillic)",
}
_LEGACY_SHORT = {"cp1252": "Windows-1252 (cp1252)", "cp1251": "Windows-1251 (cp1251)", "koi8_r": "KOI8-R"}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")


def _legacy_codec(sample: bytes) -> str:
    """The code page of a sample of a file that is not UTF-8: charset-normalizer's guess among
    _LEGACY_NAMES, a Cyrillic one only when no word of the sample then mixes Cyrillic and Latin
    letters (it read a lone "Müller" as cp1251 "Mьller"); else cp1252."""
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=list(_LEGACY_NAMES)).best()
    codec = best.encoding if best is not None and best.encoding in _LEGACY_NAMES else "cp1252"
    if codec == "cp1252":
        return codec
    words = sample.decode(codec, errors="replace").split()
    mixed = any(_CYRILLIC.search(w) and _LATIN_LETTER.search(w) for w in words)
    return "cp1252" if mixed else codec


def _legacy_text(raw: bytes, codec: str) -> str:
    """A line of a file that is not UTF-8, read in its code page (_legacy_codec); a byte the code
    page leaves undefined (five in cp1252) makes it Latin-1, which reads every byte."""
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _numbered(
    raw_lines: Iterator[bytes],
    legacy: str | None = None,
    late_legacy: Callable[[int, str], None] | None = None,
) -> Iterator[Numbered]:
    """The lines of a file, numbered, as text (None for a line that cannot be read). In a file
    whose start is not UTF-8 (``legacy``: its code page, _legacy_codec), a line that is not UTF-8 is
    read in that code page: a cp1252 CSV's header stays a header (trial 1: it was an error line, and its rows were read
    whole as plain lines). So is every such line from the first one on that holds no UTF-8
    character, in a file with none before it: an export whose first accented name comes after
    the first _SNIFF_BYTES ("Müller" on line 2,000 was an error line); ``late_legacy`` gets that
    line's number. In a file with UTF-8 beyond ASCII, a line that is not UTF-8 stays unreadable."""
    seen_utf8 = legacy is not None
    for number, raw in enumerate(raw_lines, start=1):
        text: str | None
        if len(raw) > MAX_LINE_BYTES:
            text = None
        else:
            try:
                text = raw.decode("utf-8-sig" if number == 1 else "utf-8").rstrip("\r\n")
                seen_utf8 = seen_utf8 or not raw.isascii()
            except UnicodeDecodeError:
                if not seen_utf8 and _UTF8_CHAR.search(raw) is None:
                    legacy, seen_utf8 = _legacy_codec(raw), True
                    if late_legacy is not None:
                        late_legacy(number, legacy)
                text = _legacy_text(raw, legacy).rstrip("\r\n") if legacy is not None else None
        yield number, text, raw


def _bad(number: int, raw: bytes) -> BadLine:
    if len(raw) > MAX_LINE_BYTES:
        return BadLine(number, f"longer than {MAX_LINE_BYTES:,} bytes: not a name")
    return BadLine(number, "not UTF-8 text (save the file as UTF-8)")


def _first_text_line(lines: Iterator[Numbered]) -> Numbered | None:
    """The first line that is not blank (an unreadable line counts: it must be reported)."""
    for item in lines:
        if item[1] is None or item[1].strip():
            return item
    return None


def _prepend(first: Numbered, rest: Iterator[Numbered]) -> Iterator[Numbered]:
    yield first
    yield from rest


@dataclass(frozen=True, slots=True)
class _Choice:
    """The columns the user chose (--name-column, --skip-column), as column_key compares them."""

    named: frozenset[str] = frozenset()
    skipped: frozenset[str] = frozenset()

    @classmethod
    def of(cls, name_columns: Sequence[str], skip_columns: Sequence[str]) -> _Choice:
        named = frozenset(column_key(cell) for cell in name_columns)
        skipped = frozenset(column_key(cell) for cell in skip_columns)
        both = [cell for cell in name_columns if column_key(cell) in skipped]
        if both:
            raise UsageError(f"column {both[0]!r} is given to both --name-column and --skip-column")
        return cls(named, skipped)

    def kind(self, cell: str) -> str:
        """What a cell that is no known field holds: the user's choice, else classify_header."""
        key = column_key(cell)
        if key in self.skipped:
            return NOT_NAME
        return NAME if key in self.named else classify_header(cell)


def _sniff(text: str | None, label: str, choice: _Choice) -> tuple[str, str]:
    if text is None:
        return "lines", ","
    if text.lstrip().startswith("{"):
        return "jsonl", ","
    delimiter = _name_delimiter(text, choice)
    if delimiter is not None:
        return "csv", delimiter
    for delimiter in _DELIMITERS:
        cells = _header_cells(text, delimiter)
        if len(cells) > 1 and (
            delimiter != ","  # a name never holds a semicolon, tab or bar
            or len(cells) > 2  # "DERKACH, Andrii" is a name; three fields are columns
            or any(char.isdigit() for char in text)  # "Andrii Derkach,1967-08-19": a row of data
            or any(column_key(cell) in COLUMNS for cell in cells)  # "full_name,dob"
        ):
            # Read as plain lines, "Andrii Derkach,1967-08-19,Ukraine" is one name that matches
            # nothing: every line an all clear. Refuse rather than misread.
            raise UsageError(
                f"{label}: the first line looks like CSV columns ({', '.join(cells)}) but none is a "
                f"name column ({ACCEPTED}); or give --input-format lines to screen each line whole"
            )
    return "lines", ","


def _header_cells(text: str, delimiter: str) -> list[str]:
    return [cell.strip() for cell in next(csv.reader([text], delimiter=delimiter), [])]


def _name_delimiter(text: str | None, choice: _Choice) -> str | None:
    """The delimiter under which ``text`` is a header with a name column (a known spelling, a
    role such as Director or Beneficial Owner, a --name-column); None when it is not."""
    for delimiter in _DELIMITERS:
        cells = _header_cells(text or "", delimiter)
        if any(
            COLUMNS.get(column_key(cell)) in ("name", *PARTS)
            or column_key(cell) in choice.named
            or (column_key(cell) not in COLUMNS and header_like(cell))
            for cell in cells
        ):
            return delimiter
    return None


def _csv_delimiter(text: str | None, choice: _Choice) -> str:
    return _name_delimiter(text, choice) or ","


@dataclass(frozen=True, slots=True)
class _Layout:
    """How a CSV header is read: the known fields' columns, the names to screen in each row
    (label, the columns put together), the columns that may hold a name and are not screened,
    and the cells not read that hold no name."""

    column: dict[str, int]
    names: list[tuple[str, list[int]]]
    unscreened: list[int]
    quiet: list[str]


def _header_layout(header: list[str], label: str, choice: _Choice) -> _Layout:
    """How ``header`` is read (_Layout). UsageError for two columns of one name field
    (NAME_FIELDS), a --name-column or --skip-column not in it, a --name-column that is a field
    other than a name, or no name column at all."""
    column: dict[str, int] = {}
    extra: list[int] = []
    parts_after: list[int] = []  # "Second Surname": put after the surname
    unscreened: list[int] = []
    quiet: list[str] = []
    keys = [column_key(cell) for cell in header]
    for wanted, option in ((choice.named, "--name-column"), (choice.skipped, "--skip-column")):
        missing = sorted(key for key in wanted if key not in keys)
        if missing:
            raise UsageError(
                f"{label}: {option} {missing[0]!r}: the CSV header has no such column "
                f"(it has: {_some(header)})"
            )
    for index, cell in enumerate(header):
        key = keys[index]
        field = COLUMNS.get(key)
        if key in choice.skipped:
            if cell:
                quiet.append(cell)
            continue
        if field is not None and key in choice.named and field not in NAME_FIELDS:
            raise UsageError(
                f"{label}: --name-column {cell!r} is read as the {field} column; it cannot be a name too"
            )
        if field is not None and field not in column:
            column[field] = index
        elif field in NAME_FIELDS:
            twice = [cell for cell in header if COLUMNS.get(column_key(cell)) == field]
            # "Name,Name" or "Name,Full Name": which column holds the party cannot be told, and
            # the answers could not say which column they screened.
            raise UsageError(
                f"{label}: the CSV header has {len(twice)} columns for the same name "
                f"({', '.join(twice)}): one row is screened as one name per column, so keep one of "
                "them (a second party's name goes in a column of its own, such as Director or AKA)"
            )
        elif field is not None:
            quiet.append(cell)  # a second spelling of a field: not read
        elif not cell:
            continue
        else:
            kind = choice.kind(cell)
            if kind in (NAME, IDENTIFIER):  # an identifier is searched as a name is: found exactly
                extra.append(index)
            elif kind == SURNAME_PART:
                parts_after.append(index)
            elif kind == UNKNOWN:
                unscreened.append(index)
            else:
                quiet.append(cell)
    if name_is_surname({field: header[index] for field, index in column.items()}):
        column["surname"] = column.pop("name")  # Name;Vorname
    if "name" not in column and ("given" in column) != ("surname" in column):
        other = next((i for i in extra if keys[i] in OTHER_NAMES), None)
        if other is not None:  # Nom;Prénom, Apellido,Nombre, Cognome;Nome
            extra.remove(other)
            column["surname" if "given" in column else "given"] = other
    names: list[tuple[str, list[int]]] = []
    if any(field in column for field in NAME_FIELDS) or not extra:
        primary = _name_columns(column, header, label)
        primary += parts_after if "surname" in column else []
        names.append((" + ".join(header[i] for i in primary), primary))
    if parts_after and "surname" not in column:
        unscreened += parts_after
    names += [(header[i], [i]) for i in extra]
    return _Layout(column, names, sorted(unscreened), quiet)


_NAMED_WIDTH = 40  # the columns named in one warning: with its words, it fits 80 columns


def _some(cells: list[str]) -> str:
    """The first cells that fit _NAMED_WIDTH, then "and N more": a wide export (120 columns) gets
    a warning a reader can take in, not every header cell."""
    shown: list[str] = []
    for cell in cells:
        if shown and len(", ".join([*shown, cell])) > _NAMED_WIDTH:
            break
        shown.append(cell if len(cell) <= _NAMED_WIDTH else cell[: _NAMED_WIDTH - 3] + "...")
    rest = len(cells) - len(shown)
    return ", ".join(shown) + (f" and {rest} more" if rest else "")


def _csv_queries(
    lines: Iterator[Numbered],
    label: str,
    delimiter: str,
    warn: Callable[[str], None] | None,
    choice: _Choice,
) -> Iterator[BatchQuery | BadLine]:
    """Rows of a CSV file with a header, one row per line: a quoted field may not span lines (a name
    never holds a line break), so a stray quote costs its own line, never the lines after it."""
    header: list[str] = []
    unreadable: list[BadLine] = []  # lines before the header, named once the header is known good
    for number, text, raw in lines:
        if text is None:
            unreadable.append(_bad(number, raw))
        elif text.strip():
            row = _csv_row(text, delimiter)
            header = [cell.strip() for cell in row] if isinstance(row, list) else []
            break
    layout = _header_layout(header, label, choice)
    column = layout.column
    if warn is not None:
        if layout.quiet:
            warn(f"{label}: column(s) not read: {_some(layout.quiet)} (read: {', '.join(FIELDS)})")
        if len(layout.names) > 1:
            warn(
                f"{label}: {len(layout.names)} names screened in each row, one answer each with its "
                f"column: {_some([name for name, _ in layout.names])}"
            )
        if layout.unscreened:
            warn(
                f"{label}: not screened: column(s) {_some([header[i] for i in layout.unscreened])}: "
                "may hold names (see --name-column, --skip-column)"
            )
    labelled = len(layout.names) > 1
    yield from unreadable
    rows = 0
    for number, text, raw in lines:
        if text is None:  # a row all the same (too long, not text): answered, so the file holds one
            rows += 1
            yield _bad(number, raw)
            continue
        if not text.strip():
            continue
        rows += 1
        row = _csv_row(text, delimiter)
        if len(header) == 1 and (isinstance(row, str) or len(row) != 1):
            # A file of names under a 'name' header: as in plain lines, the whole line is the name
            # ("DERKACH, Andrii" unquoted); only a line quoted whole is unquoted.
            row = [text]
            whole = _columns_in(text)
        else:
            whole = ()
        if isinstance(row, str):
            yield BadLine(number, row)
            continue
        if not any(cell.strip() for cell in row):
            yield BadLine(number, "an empty row: no name")  # answered, never skipped: it may be a lost row
            continue
        if len(row) != len(header):
            yield BadLine(number, f"{len(row)} fields, the header has {len(header)}")
            continue
        values = {field: row[i].strip() or None for field, i in column.items()}
        named = [
            (name, " ".join(row[i].strip() for i in columns if row[i].strip()))
            for name, columns in layout.names
        ]
        yield from _unscreened(number, values.get("id"), [(header[i], row[i]) for i in layout.unscreened])
        if not any(text for _, text in named):
            yield BadLine(number, "no name", values.get("id"))
            continue
        try:
            dob = read_dob(values.get("dob"))
        except UsageError as exc:
            yield BadLine(number, str(exc), values.get("id"), named[0][1] or None)
            continue
        for place, (name, text) in enumerate(named):
            if not text:
                continue
            where = name if labelled else None
            if place == 0:
                part = _part_missing(
                    {
                        field: (header[i], row[i].strip())
                        for field, i in column.items()
                        if field in NAME_FIELDS
                    }
                )
                if part is not None:
                    yield BadLine(number, part, values.get("id"), text, where)
                    continue
            # the date of birth, country and type are the first name's (the row's party), never a
            # director's or an alias's own
            first = place == 0
            yield BatchQuery(
                number,
                text,
                dob if first else None,
                values.get("country") if first else None,
                values.get("id"),
                values.get("type") if first else None,
                whole,
                where,
            )
    if not rows and not unreadable:  # before anything is yielded: the caller refuses the file
        raise UsageError(f"{label} holds no names: only the CSV header ({_some(header)})")


def _leaf_texts(value: Any, depth: int = 0) -> Iterator[str]:
    """The strings inside a JSON value, depth first (at most 20 levels: json.loads already refused
    deeper ones)."""
    if isinstance(value, str):
        yield value
    elif depth < 20 and isinstance(value, dict):
        for item in value.values():
            yield from _leaf_texts(item, depth + 1)
    elif depth < 20 and isinstance(value, list):
        for item in value:
            yield from _leaf_texts(item, depth + 1)


def _unscreened(number: int, ident: str | None, cells: list[tuple[str, Any]]) -> Iterator[BadLine]:
    """A BadLine for each cell of a column that may hold a name, is not screened and holds a
    letter (a number or a date alone is no name; nor is N/A, none, yes, no ...)."""
    for name, value in cells:
        text = value.strip() if isinstance(value, str) else ""
        if any(char.isalpha() for char in text) and text.casefold() not in PLACEHOLDERS:
            yield BadLine(
                number,
                f"not screened: column {name} ({text[:60]!r} may be a name: give --name-column "
                f"{name!r} to screen it, or --skip-column {name!r} if it holds no names)",
                ident,
                text[:200],
                name,
                unscreened=True,
            )


def _name_columns(column: dict[str, int], header: list[str], label: str) -> list[int]:
    """The header columns that make the name, in the order it is written: the name column, or the
    given, middle and surname columns (a name column beside a surname column is the given name).
    UsageError for a header with no name column, with only some parts of a name (screening
    "Anton" for Anton Andreyev is a false all clear), or with both a name and a given-name column
    (which one holds the full name cannot be told)."""
    parts = [part for part in PARTS if part in column]
    if not parts:
        if "name" not in column:
            raise UsageError(
                f"{label}: the CSV header has no name column (it has: {', '.join(header) or 'none'}; "
                f"{ACCEPTED}; or a role such as Director or Owner; or give --name-column)"
            )
        return [column["name"]]
    named = ", ".join(header[column[field]] for field in ("name", *PARTS) if field in column)
    if "name" in column and "given" in column:
        raise UsageError(
            f"{label}: the CSV header has both a name and a given name column ({named}): "
            "keep the full name column or the name part columns, not both"
        )
    if "surname" not in column or ("given" not in column and "name" not in column):
        raise UsageError(
            f"{label}: the CSV header has only part of a name ({named}): give a surname column with "
            "a given name column, or one column with the full name (one part alone would match "
            "nobody, a false all clear)"
        )
    return [column[field] for field in ("name", *PARTS) if field in column]


def _part_missing(parts: dict[str, tuple[str, str]]) -> str | None:
    """Why a name given in parts (field -> (column or key as written, value)) cannot be screened:
    the given name (or name) or the surname is empty and the other part is one word ("Andrii" with
    an empty surname would match nobody, a false all clear). None when the name is whole: both
    parts given, or the part given holds a whole name of two words or more ("Andrii Derkach" in the
    first name column), read as what it is."""
    if len(parts) < 2:
        return None
    given = parts.get("name") or parts.get("given")
    surname = parts.get("surname")
    if given is None or surname is None or (given[1] and surname[1]):
        return None
    empty, other = (given, surname) if not given[1] else (surname, given)
    if not other[1]:
        return f"the {given[0]} and the {surname[0]} are empty: a middle name alone would match nobody"
    if len(other[1].split()) > 1:
        return None
    return (
        f"the {empty[0]} is empty: {other[1]!r} alone is only part of a name (it would find namesakes "
        "or nobody, never a sure answer); give both parts, or the full name in one"
    )


def columns_message(query: BatchQuery) -> str:
    """Why a line read whole that matched nothing is no all clear (BatchQuery.columns)."""
    return (
        f"read whole, it matches nothing, but it splits into columns ({' | '.join(query.columns)}): "
        "give the file a header with a name column, or --input-format lines to screen lines whole"
    )


def _columns_in(text: str) -> tuple[str, ...]:
    """The fields of a line under the first delimiter that splits it into two or more non-empty
    fields; () when none does (a plain name)."""
    for delimiter in _DELIMITERS:
        row = _csv_row(text, delimiter)
        cells = [cell.strip() for cell in row] if isinstance(row, list) else []
        if sum(1 for cell in cells if cell) > 1:
            return tuple(cells)
    return ()


def _csv_row(text: str, delimiter: str) -> list[str] | str:
    """The fields of one CSV line, or why it is not CSV (strict: a quote opened and not closed on
    its line, or text after a closing quote, is an error rather than a field swallowing more)."""
    try:
        return next(csv.reader([text], delimiter=delimiter, strict=True), [])
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            return 'not CSV: a quote (") is opened and not closed on this line'
        if "new-line" in str(exc):
            return "not CSV: a line break (CR) inside the line"
        return f"not CSV: {exc}"


def _json_queries(
    number: int,
    text: str,
    label: str,
    unread: set[str],
    warn: Callable[[str], None] | None,
    choice: _Choice,
) -> Iterator[BatchQuery | BadLine]:
    """The queries of one JSON line. Keys are read as CSV header cells are (COLUMNS: any case,
    ``full_name``, ``date_of_birth``, ``birthDate``, ``first_name`` + ``last_name`` ...); a key
    holding another name (``director``, ``aka``, ``spouse``: classify_header, or a --name-column)
    is a query of its own, with its key as ``column``; a key that may hold a name and is not
    screened (``notes``) is an unscreened BadLine when it holds text; any other key read as nothing
    is named once in a ``warn`` (``unread``: the keys named so far), never dropped silently."""
    if not text.strip():
        return
    try:
        data = json.loads(text, object_pairs_hook=unique_object)
    except RepeatedKey as exc:
        yield BadLine(number, str(exc))
        return
    except ValueError as exc:
        yield BadLine(number, f"not valid JSON ({exc})")
        return
    except RecursionError:  # "[[[[...": nested deeper than the parser's stack
        yield BadLine(number, "not valid JSON (nested too deep)")
        return
    if not isinstance(data, dict):
        yield BadLine(number, 'expected a JSON object with a "name"')
        return
    raw: dict[str, Any] = {}
    keys: dict[str, str] = {}
    others: list[tuple[str, Any]] = []  # (key, value) of the keys holding another name
    after: list[Any] = []  # "second_surname": put after the surname
    unscreened: list[tuple[str, Any]] = []
    for key, value in data.items():
        field = None if column_key(key) in choice.skipped else COLUMNS.get(column_key(key))
        if field in raw and field in NAME_FIELDS:  # {"name": .., "full_name": ..}: which one?
            yield BadLine(number, f"two keys for one name ({keys[field]}, {key}): give one")
            return
        if field is None and column_key(key) not in choice.skipped:
            kind = choice.kind(key)
            if kind in (NAME, IDENTIFIER):  # a list of names, or names nested in an object: each one screened
                nested = isinstance(value, (list, dict))
                others += [(key, item) for item in (_leaf_texts(value) if nested else [value])]
                continue
            if kind == SURNAME_PART:
                after.append(value)
                continue
            if kind == UNKNOWN and isinstance(value, str):
                unscreened.append((key, value))
                continue
            if kind == UNKNOWN and isinstance(value, (dict, list)):
                # {"related": {"director": "Alexey Miller"}}: never read, so never a silent all clear
                unscreened.append((key, " ".join(_leaf_texts(value))))
                continue
        if field == "name" and isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            others += [(key, item) for item in value[1:]]  # {"names": ["A", "B"]}: one answer each
            value = value[0]
        if field is None or field in raw:
            if key not in unread and warn is not None:
                warn(
                    f"{label}: line {number}: key {key!r} not read (read: {', '.join(FIELDS)} and name parts)"
                )
            unread.add(key)
            continue
        raw[field], keys[field] = value, key
    if name_is_surname(keys):  # {"name": ..., "vorname": ...}
        raw["surname"], keys["surname"] = raw.pop("name"), keys.pop("name")
    if "name" not in keys and ("given" in keys) != ("surname" in keys):
        at = next((i for i, (k, _) in enumerate(others) if column_key(k) in OTHER_NAMES), None)
        if at is not None:  # {"nom": ..., "prénom": ...}, {"apellido": ..., "nombre": ...}
            missing = "surname" if "given" in keys else "given"
            keys[missing], raw[missing] = others.pop(at)
    values: dict[str, str | None] = {}
    problem: str | None = None
    for field, value in raw.items():
        if value is None or (
            field in ("id", "dob") and isinstance(value, int) and not isinstance(value, bool)
        ):
            values[field] = None if value is None else str(value)
        elif isinstance(value, str):
            values[field] = value.strip() or None
        else:
            problem = problem or f'"{keys[field]}" must be text, not {type(value).__name__}'
    for key, value in others:
        if value is not None and not isinstance(value, str):
            problem = problem or f'"{key}" must be text, not {type(value).__name__}'
    try:
        fields = _name_fields(keys) if any(field in keys for field in PARTS) else ["name"]
    except UsageError as exc:
        problem = problem or str(exc)
        fields = ["name"]
    name = " ".join(v for field in fields if (v := values.get(field))) or None
    if name is not None and "surname" in keys:
        name = " ".join([name, *(v.strip() for v in after if isinstance(v, str) and v.strip())])
    elif after:
        unscreened += [(key, v) for key, v in data.items() if choice.kind(key) == SURNAME_PART]
    ident = values.get("id")
    yield from _unscreened(number, ident, unscreened)
    if problem is not None:
        yield BadLine(number, problem, ident, name)
        return
    extra = [(key, value.strip()) for key, value in others if isinstance(value, str) and value.strip()]
    if not name and not extra:
        yield BadLine(number, 'no "name"', ident)
        return
    labelled = bool(extra) and (name is not None or len(extra) > 1)
    where = "+".join(keys[field] for field in fields if field in keys) if labelled else None
    had_name = bool(name)
    if name and len(fields) > 1:
        part = _part_missing({field: (keys[field], values.get(field) or "") for field in fields})
        if part is not None:
            yield BadLine(number, part, ident, name, where)
            name = None
    try:
        dob = read_dob(values.get("dob"))
    except UsageError as exc:
        yield BadLine(number, str(exc), ident, name or extra[0][1])
        return
    country: str | None = values.get("country")
    party_type: str | None = values.get("type")
    if name:
        yield BatchQuery(number, name, dob, country, ident, party_type, column=where)
    if had_name:
        dob = country = party_type = None  # the row's party's, never a director's or an alias's
    for key, other in extra:
        yield BatchQuery(number, other, dob, country, ident, party_type, column=key if labelled else None)
        dob = country = party_type = None


def _name_fields(keys: dict[str, str]) -> list[str]:
    """The fields of a JSON line with name parts that make its name, in order (as _name_columns
    reads a CSV header; ``keys``: field -> the key as written). UsageError when it holds only part
    of a name, or both a full name and a given name."""
    named = ", ".join(keys[field] for field in ("name", *PARTS) if field in keys)
    if "name" in keys and "given" in keys:
        raise UsageError(f"both a name and a given name ({named}): give one full name or its parts")
    if "surname" not in keys or ("given" not in keys and "name" not in keys):
        raise UsageError(
            f"only part of a name ({named}): give a surname with a given name, or the full name "
            "(one part alone would match nobody, a false all clear)"
        )
    return [field for field in ("name", *PARTS) if field in keys]
