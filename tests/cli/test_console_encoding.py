"""Real `tracker` processes: output is correct on a console that is not UTF-8 (cp1252, as on
Windows), and list data shown on a terminal carries no escape sequence (issue 12 items 3 and 6)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.toysource import CANON, write_entries
from tracker.pipeline import import_path

TODAY = datetime.now(UTC).date().isoformat()
DERKACH = {
    "source_id": "29366",
    "entity_type": "individual",
    "names": [
        {"full": "Андрій Леонідович Деркач", "kind": "primary", "script": "Cyrl"},
        {"full": "Andrii Leonidovych DERKACH", "kind": "aka"},
    ],
    "birth_dates": ["1967-08-19"],
    "nationalities": ["Україна"],
    "programs": ["UKRAINE-EO13660"],
}
HOSTILE = {
    "source_id": "666",
    "entity_type": "individual",
    "names": [
        {
            "full": "EVIL \x1b]8;;http://evil.example\x1b\\HIDDEN\x1b]8;;\x1b\\ \x1b[2J\u202eNAME",
            "kind": "primary",
        }
    ],
}


@pytest.fixture
def env(settings, engine, tmp_path: Path) -> dict[str, str]:
    import_path(
        CANON, write_entries(tmp_path, "v1", "2024-01-01", [DERKACH]), engine=engine, settings=settings
    )
    changed = {**DERKACH, "programs": ["UKRAINE-EO13660", "ELECTION-EO13848"]}
    path = write_entries(tmp_path, "v2", TODAY, [changed, HOSTILE])
    import_path(CANON, path, engine=engine, settings=settings)
    return {
        **os.environ,
        "TRACKER_DATA_DIR": str(settings.data_dir),
        "TRACKER_DATABASE_URL": settings.resolved_database_url,
        "TRACKER_MAX_LIST_AGE_DAYS": "0",
        "COLUMNS": "80",
    }


def tracker(env: dict[str, str], *args: str, encoding: str = "utf-8", stdout=subprocess.PIPE):
    command = [sys.executable, "-c", "from tracker.cli import main; main()", *args]
    return subprocess.run(
        command, env={**env, "PYTHONIOENCODING": encoding}, stdout=stdout, stderr=subprocess.PIPE, timeout=120
    )


def test_human_output_on_a_cp1252_console(env):
    for args in (
        ("search", "Андрій Деркач"),
        ("show", "canon:29366"),
        ("history", "Андрій Деркач"),
        ("changes",),
    ):
        done = tracker(env, *args, encoding="cp1252")
        err = done.stderr.decode("cp1252")
        assert done.returncode == 0, err
        assert "UnicodeEncodeError" not in err and "internal error" not in err
        out = done.stdout.decode("cp1252")
        assert "DERKACH" in out or "\\u0414" in out  # Latin as is; Cyrillic as \\u escapes, never lost
        # the escapes are measured when the text is laid out: human output still fits 80 columns
        assert max(len(line) for line in out.splitlines()) <= 80, (args, out)


def test_json_on_a_cp1252_console_is_the_same_json(env):
    utf8 = tracker(env, "search", "Андрій Деркач", "--json")
    cp1252 = tracker(env, "search", "Андрій Деркач", "--json", encoding="cp1252")
    assert utf8.returncode == cp1252.returncode == 0
    assert cp1252.stdout.isascii() and b"\\u0414" in cp1252.stdout
    assert json.loads(cp1252.stdout) == json.loads(utf8.stdout.decode("utf-8"))
    batch_in = json.dumps({"name": "Андрій Деркач", "id": "Д-1"}, ensure_ascii=False).encode("utf-8")
    command = [sys.executable, "-c", "from tracker.cli import main; main()", "search", "--batch", "-"]
    batch = subprocess.run(
        command, input=batch_in, capture_output=True, env={**env, "PYTHONIOENCODING": "cp1252"}
    )
    assert batch.returncode == 0, batch.stderr
    assert json.loads(batch.stdout)["id"] == "Д-1"


def test_a_csv_diff_piped_to_a_file_holds_every_row(env, tmp_path):
    expected = tracker(env, "diff", "--from", "2024-01-01")
    assert expected.returncode == 0 and "Андрій".encode() in expected.stdout
    target = tmp_path / "diff.csv"
    with target.open("wb") as fh:
        done = tracker(env, "diff", "--from", "2024-01-01", encoding="cp1252", stdout=fh)
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == expected.stdout  # UTF-8 CSV, every row, whatever the console
    exported = tracker(env, "export", "canon", "--format", "ftm", encoding="cp1252")
    assert exported.returncode == 0, exported.stderr
    assert "Андрій".encode() in exported.stdout  # FtM JSON lines: UTF-8 as well


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_list_data_shown_on_a_terminal_has_no_escape_sequence(env):
    import pty

    for args in (("show", "canon:666"), ("search", "Evil Hidden Name", "--threshold", "0.3"), ("diff",)):
        leader, follower = pty.openpty()
        command = [sys.executable, "-c", "from tracker.cli import main; main()", *args]
        child = subprocess.Popen(command, env={**env, "TERM": "xterm"}, stdout=follower, stderr=follower)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(leader)
        assert child.wait(timeout=120) == 0
        shown = b"".join(chunks).decode("utf-8", "replace")
        assert "HIDDEN" in shown  # the text is shown ...
        for sequence in ("\x1b]8;", "\x1b[2J", "\u202e"):  # ... but none of its escape sequences
            assert sequence not in shown, (args, shown)
