"""tracker.cli.term: text reaches the terminal as the characters it holds, in any encoding."""

from __future__ import annotations

import io
import json
import logging

from rich.table import Table

from tracker.cli.term import (
    CleanFormatter,
    SafeConsole,
    clean,
    data_stdout,
    flat,
    json_text,
    styled,
    without_escapes,
)

HOSTILE = "A\x1b]8;;http://x\x1b\\B\x1b[31m\u202eC\x9b\rD\x07 [bold]E[/bold] [/link] :skull:\u200cF"


def test_clean_spaces_controls_removes_bidi_overrides_and_keeps_joiners():
    assert clean(HOSTILE) == "A B C  D  [bold]E[/bold] [/link] :skull:\u200cF"
    assert clean("a\tb\nc") == "a\tb\nc"
    assert flat(" a\n\tb  c ") == "a b c"


def test_a_control_character_in_a_query_is_a_space_where_shown_and_where_searched():
    """The trial: "Kim\\x1b[31mJong" was echoed "Kim[31mJong", two words joined."""
    from tracker.matching.query import check_query

    assert flat("Kim\x1b[31mJong") == "Kim Jong"
    assert flat("Kim\x00Jong\x9bUn\x7fIl") == "Kim Jong Un Il"
    assert clean("Ki\u202em") == "Kim"  # a bidi override sits inside a word
    assert [part.norm for part in check_query("Kim\x1bJong\x07Un").parts] == ["kim", "jong", "un"]


def test_whole_escape_sequences_are_removed_not_only_their_esc():
    """The trial: "Vladimir\\x1b[31mPutin" found nothing, read as "Vladimir [31mPutin"."""
    assert without_escapes("Vladimir\x1b[31mPutin\x1b[0m") == "Vladimir Putin "
    assert without_escapes("\x1b[1;38;5;196mKIM\x1b[m") == " KIM "  # 256 colours, a bare reset
    assert flat("a\x9b2Jb") == "a 2Jb"  # a one-byte CSI: only the control goes
    assert without_escapes("\x1b]8;;http://x\x07link\x1b]8;;\x1b\\") == " link "  # OSC, BEL or ST
    assert without_escapes("\x1bP1$r\x1b\\x") == " x"  # DCS
    assert flat("Kim\x1b]unterminated Jong") == "Kim ]unterminated Jong"  # no end: only its ESC goes
    assert without_escapes("[31m Putin") == "[31m Putin"  # no ESC: text, kept


def test_a_safe_console_prints_markup_and_emoji_codes_as_text():
    out = io.StringIO()
    console = SafeConsole(file=out)
    console.print("[/bold] [link=http://x]CLICK[/link] :skull:")
    table = Table("name")
    table.add_row("[/red]" + HOSTILE)
    table.title = "[/title]"
    console.print(table)
    console.print(styled(("error:", "red"), " ", "[/bold]"))
    text = out.getvalue()
    assert "[/bold] [link=http://x]CLICK[/link] :skull:" in text
    assert "[/red]" in text and "[/title]" in text and "error: [/bold]" in text
    assert "\x1b" not in text and "\u202e" not in text and "\x9b" not in text


def test_json_escapes_what_a_terminal_would_run():
    text = json_text({"name": HOSTILE}, indent=None)
    assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text
    assert json.loads(text) == {"name": HOSTILE}
    assert (
        json_text({"n": "Деркач"}, indent=None, ascii_only=True)
        == '{"n": "\\u0414\\u0435\\u0440\\u043a\\u0430\\u0447"}'
    )


def test_data_on_a_cp1252_stdout_is_utf8(monkeypatch):
    raw = io.BytesIO()
    stdout = io.TextIOWrapper(raw, encoding="cp1252")
    monkeypatch.setattr("sys.stdout", stdout)
    with data_stdout() as stream:
        stream.write("Деркач,1\n")
    stdout.flush()
    assert raw.getvalue() == "Деркач,1\n".encode()


def test_log_lines_are_clean():
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "ALERT %s", (HOSTILE,), None)
    line = CleanFormatter("%(message)s").format(record)
    assert line == "ALERT " + clean(HOSTILE) and "\x1b" not in line


def test_a_quoted_name_keeps_its_joiners_and_a_shortened_text_ends_at_a_word():
    from tracker.cli.term import quoted, shortened

    # repr showed 'علی خامنه\u200cای' on a UTF-8 console; controls still go
    assert quoted("علی خامنه\u200cای\x1b") == "'علی خامنه\u200cای'"
    title = "Ali Khamenei declined to comment on the sanctions"
    assert shortened(title, 30) == "Ali Khamenei declined to..."
    assert shortened(title, 26) == "Ali Khamenei declined..."
    assert shortened(title, 100) == title
    assert shortened("x" * 40, 20) == "x" * 17 + "..."  # no space to cut at
    assert all(len(shortened(title, width)) <= width for width in range(10, 60))
