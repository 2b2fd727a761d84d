"""The one place where text reaches the terminal.

List content (names, remarks, addresses), user input, file names and error messages are printed as
the characters they hold: never read as console markup (a listed name ``[/bold]`` or
``[link=http://...]CLICK ME[/link]``), emoji codes, or terminal escape sequences (``ESC ]8;;`` hidden
hyperlinks, cursor moves, bidi overrides that reorder what is shown). Every console of the CLI is a
``SafeConsole``; our own colours come as ``(text, style)`` pairs (``styled(("error:", "red"), msg)``),
never as markup inside a string.

Encodings: human text goes out in the console's encoding, with a backslash escape for a character it
cannot show (cp1252 on Windows shows ``\\u0414`` instead of failing with UnicodeEncodeError); JSON is
written with ``\\u`` escapes on such a console, which is still the same JSON; CSV and JSON lines are
data formats and are written as UTF-8 whatever the console (``data_stdout``).
"""

from __future__ import annotations

import codecs
import errno
import functools
import io
import json
import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any, TextIO, cast

from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.status import Status
from rich.text import Text

# Characters removed from displayed text: C0 controls but tab and newline (ESC starts every escape
# sequence; CR and backspace overwrite what was printed), DEL, the C1 controls (0x9b is a one-byte
# CSI on some terminals), and the bidi embeddings, overrides and isolates (Unicode TR9) that reorder
# the characters around them ("Trojan Source", CVE-2021-42574). Joiners and marks stay: Persian and
# Arabic names need ZWNJ / ZWJ / RLM.
_CONTROLS = [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0)]
_HIDDEN = [*_CONTROLS, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
# A control becomes a space, as search reads it (a separator): "Kim\x1b[31mJong" is "Kim [31mJong",
# not "Kim[31mJong"; a bidi control, which sits inside a word, is removed.
_CLEAN: dict[int, str | None] = {**dict.fromkeys(_HIDDEN), **dict.fromkeys(_CONTROLS, " ")}
# In JSON the same characters (those json.dumps leaves raw) become \u escapes: the data is kept whole.
_JSON_ESCAPES = {c: f"\\u{c:04x}" for c in _HIDDEN if c >= 0x7F}

Part = str | tuple[str, str] | Text


# Whole terminal escape sequences (ECMA-48): a CSI ``ESC [`` with its parameter,
# intermediate and final bytes (a colour: ESC[31m), and an OSC / DCS / SOS / PM / APC string up to
# its terminator (BEL or ST: a hidden hyperlink ESC]8;;url BEL). Removing the ESC alone left
# "[31mPutin" as one word. One without its end is left to _CLEAN (its ESC becomes a space), as are
# the one-byte C1 forms (0x9b): in Unicode text they are rare, and a letter after one is a letter.
_ESCAPES = re.compile(
    r"\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
)


def without_escapes(text: str) -> str:
    """``text`` with each terminal escape sequence a space (a separator, as a control character is
    read): "Vladimir\\x1b[31mPutin" is "Vladimir Putin". For user queries and displayed text."""
    return _ESCAPES.sub(" ", text)


def clean(text: object) -> str:
    """``text`` as a string without terminal escape sequences, with each other control character a
    space and without bidi overrides (tab and newline kept)."""
    return without_escapes(str(text)).translate(_CLEAN)


def flat(text: object) -> str:
    """``text`` cleaned and on one line: every run of white space (newlines too) becomes one space."""
    return " ".join(clean(text).split())


def quoted(text: object) -> str:
    """``text`` flat, between single quotes: as ``repr`` shows a string, but with every character
    itself (repr writes a ZWNJ, which Persian names need, as ``\\u200c``)."""
    return f"'{flat(text)}'"


def shortened(text: object, width: int) -> str:
    """``text`` flat, cut to at most ``width`` characters at the last space before the limit (within
    one word only when the text has no space in its second half), "..." marking the cut."""
    text = flat(text)
    if len(text) <= width:
        return text
    cut = text[: width - 2]  # one character more than kept: a space there is a word boundary
    space = cut.rfind(" ")
    cut = cut[:space] if space > width // 2 else cut[: width - 3]
    return cut.rstrip(" ,;:") + "..."


def styled(*parts: Part | object) -> Text:
    """One Text from plain pieces and ``(text, style)`` pairs; no piece is read as markup. On a
    console that is not UTF-8, what it cannot show is already its backslash escape (``showable``)."""
    encoding = getattr(sys.stdout, "encoding", None)
    pieces: list[str | tuple[str, str] | Text] = []
    for part in parts:
        if isinstance(part, Text):
            pieces.append(part)
        elif isinstance(part, tuple):
            pieces.append((showable(clean(part[0]), encoding), str(part[1])))
        else:
            pieces.append(showable(clean(part), encoding))
    return Text.assemble(*pieces)


def showable(text: str, encoding: str | None) -> str:
    """``text`` as a console in ``encoding`` shows it: a character the encoding lacks as its
    backslash escape (``\\u0414``), as the stream would write it (prepare_streams). Done before the
    text is laid out, so that wrapping measures the escapes and lines stay within the width."""
    if not encoding or _is_unicode_encoding(encoding):
        return text
    return text.encode(encoding, "backslashreplace").decode(encoding)


@functools.lru_cache(maxsize=16)
def _is_unicode_encoding(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return True  # unknown: leave the text to the stream's own error handler


class SafeStatus(Status):
    """A spinner line whose messages are plain text (rich reads a str status as markup)."""

    def update(self, status: RenderableType | None = None, **kwargs: Any) -> None:
        super().update(styled(flat(status)) if isinstance(status, str) else status, **kwargs)


class SafeConsole(Console):
    """A rich Console that never interprets the text it prints: markup, emoji codes and highlighting
    are off, and every string it renders (``print``, table cells, titles) is ``clean``-ed."""

    def __init__(self, *, stderr: bool = False, file: IO[str] | None = None) -> None:
        super().__init__(stderr=stderr, file=file, markup=False, emoji=False, highlight=False)

    def render_str(self, text: str, **options: Any) -> Text:
        # the text as characters, whatever the caller asks: never markup, emoji codes or highlights
        options.update(emoji=False, markup=False, highlight=False)
        return super().render_str(showable(clean(text), self.encoding), **options)

    def on_broken_pipe(self) -> None:
        # rich exits 1 here (SystemExit, which no handler sees); the reader going away (`| head`)
        # is the app's to handle, once for every command (tracker.cli.app: exit 0)
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    def status(self, status: RenderableType, **kwargs: Any) -> Status:
        return SafeStatus(styled(flat(status)) if isinstance(status, str) else status, console=self, **kwargs)


console = SafeConsole()
err_console = SafeConsole(stderr=True)


def out(*parts: Part | object) -> None:
    """A line of human output on stdout, wrapped to the console width with no trailing spaces (rich
    left the space it wrapped at: "... read as a note, not as ")."""
    out_indented(0, *parts)


def out_indented(indent: int, *parts: Part | object, first: int | None = None) -> None:
    """A line of human output, wrapped to the console width with every line indented (no trailing
    spaces: a log or a pipe gets the text, not the padding); ``first``: the first line's own
    indent (a hanging indent)."""
    text = styled(*parts)
    width = max(20, console.width - indent)
    for i, line in enumerate(text.wrap(console, width)):
        line.rstrip()
        console.print(Text(" " * (indent if i or first is None else first)) + line, soft_wrap=True)


def err(*parts: Part | object) -> None:
    """A line on stderr, never wrapped (a log keeps one line per message)."""
    err_console.print(styled(*parts), soft_wrap=True)


def error(message: object) -> None:
    """One line on stderr, never wrapped, however long: a log or a script reads an error whole."""
    err(("error:", "red"), " ", flat(message))


def warning(message: object) -> None:
    """On stderr, wrapped to the width (``hanging``): human output fits 80 columns."""
    hanging(("warning:", "yellow"), flat(message))


def note(message: object) -> None:
    """On stderr, wrapped as a warning is."""
    hanging(("note:", "yellow"), flat(message))


def hanging(label: tuple[str, str], message: str) -> None:
    """``label message`` on stderr, wrapped at spaces to the console's width (80 off a terminal), the
    lines after the first indented by 2. A word wider than a line (a long path) stays whole on a
    line of its own, to be copied: folding it would split it."""
    width = max(20, err_console.width)
    lines = [label[0]]
    for word in message.split(" "):
        limit = width if len(lines) == 1 else width - 2
        if cell_len(lines[-1]) + 1 + cell_len(word) > limit and lines[-1]:
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}" if lines[-1] else word
    err(label, lines[0][len(label[0]) :])
    for line in lines[1:]:
        err("  ", line)


class CleanFormatter(logging.Formatter):
    """Log lines (`tracker schedule run`) without control characters: a listed name in an alert
    must not reach journald or a terminal as an escape sequence either."""

    def format(self, record: logging.LogRecord) -> str:
        return clean(super().format(record))


# --- encodings ----------------------------------------------------------------------------------------


def is_unicode(stream: object) -> bool:
    """Can ``stream`` encode every character (a UTF-8/16/32 text stream)?"""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def prepare_streams() -> None:
    """Let human output survive any console encoding: characters stdout / stderr cannot encode are
    written as backslash escapes instead of ending the command with UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and not is_unicode(stream):
            stream.reconfigure(errors="backslashreplace")


def json_text(data: Any, *, indent: int | None = 2, ascii_only: bool = False) -> str:
    """JSON of ``data`` (dates as strings); control and bidi characters as \\u escapes."""
    text = json.dumps(data, ensure_ascii=ascii_only, indent=indent, default=str)
    return text if ascii_only else text.translate(_JSON_ESCAPES)


def print_json(data: Any, *, indent: int | None = 2) -> None:
    """Machine-readable output: plain JSON on stdout (no colour, no wrapping), one document."""
    stream = sys.stdout
    stream.write(json_text(data, indent=indent, ascii_only=not is_unicode(stream)) + "\n")
    stream.flush()


class _Cleaning(io.TextIOBase):
    """A text stream that ``clean``-s what it writes: data shown on a terminal."""

    def __init__(self, target: TextIO) -> None:
        self.target = target

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.target.write(clean(text))
        return len(text)

    def flush(self) -> None:
        self.target.flush()


@contextmanager
def data_stdout() -> Iterator[TextIO]:
    """stdout for a data format (CSV, JSON lines): UTF-8 whatever the console's encoding, so a file
    it is piped to holds every row (a cp1252 console would fail at the first Cyrillic name). Shown
    on a terminal, the data loses its control characters (``clean``); a pipe or file gets it whole."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    wrapper = None
    if not is_unicode(stream) and buffer is not None:
        stream.flush()
        wrapper = io.TextIOWrapper(buffer, encoding="utf-8", newline="", write_through=True)
    target: TextIO = wrapper or stream
    shown: TextIO = cast(TextIO, _Cleaning(target)) if stream.isatty() else target
    try:
        yield shown
    finally:
        shown.flush()
        if wrapper is not None:
            wrapper.detach()  # stdout's buffer stays open
