"""The layout of `tracker search` results at 80 columns: a SOURCE:ID key is whole on one line (what
`tracker show` takes; the Canadian key of Maduro was cut across two lines), and no line ends in a
space (trial 1, item 16)."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest

from tracker.cli import search as cli_search
from tracker.cli.term import SafeConsole

LONG_KEY_ID = "Justice for Victims of Corrupt Foreign Officials Regulations (JVCFOR)/1/1"


def _row(name: str, source_id: str) -> dict[str, object]:
    return {
        "score": 1.0,
        "name": name,
        "source": "ca_sema",
        "source_id": source_id,
        "matched_name": name,
        "explanation": "family name MADURO = Maduro",
        "entity_type": "individual",
    }


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    buffer = io.StringIO()
    console = SafeConsole(file=buffer)
    console.width = 80
    monkeypatch.setattr(cli_search, "console", console)
    monkeypatch.setattr("tracker.cli.term.console", cli_search.console)
    checked = SimpleNamespace(label=", ".join(f"list_number_{i} 2024-05-13" for i in range(6)))
    rows = [_row("Nicolás MADURO MOROS", LONG_KEY_ID), _row("Cilia FLORES", "Venezuela/N/A/44")]
    cli_search.print_results(rows, "Maduro", 0.8, checked)  # type: ignore[arg-type]
    return buffer


def test_a_long_key_is_whole_on_its_own_line(printed: io.StringIO) -> None:
    lines = printed.getvalue().splitlines()
    assert f"          ca_sema:{LONG_KEY_ID}" in lines
    assert " 2. 1.00  Cilia FLORES  ca_sema:Venezuela/N/A/44" in lines  # a short one stays beside it


def test_no_line_ends_in_a_space(printed: io.StringIO) -> None:
    lines = printed.getvalue().splitlines()
    assert any(line.startswith("checked against: ") for line in lines)
    assert [line for line in lines if line != line.rstrip()] == []
