"""What every command shares (tracker.cli.app): one line on stderr and exit 2 for each user mistake,
`--version`, shell completion, help without arguments."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import cli_runner
from tests.toysource import TOY, write_list
from tracker.cli.app import tracker_version
from tracker.pipeline import import_path

ROWS = {"1": ("DOE, John", "A"), "2": ("ROE, Jane", "B")}


@pytest.fixture
def cli(settings, engine, tmp_path: Path):
    import_path(TOY, write_list(tmp_path, "v1", "2020-01-01", ROWS), engine=engine, settings=settings)
    import_path(
        TOY,
        write_list(tmp_path, "v2", "2020-02-01", {"1": ROWS["1"]}),
        engine=engine,
        settings=settings,
        force=True,
    )
    return cli_runner(settings)


def one_line_error(result, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("error: ") and len(result.stderr.splitlines()) == 1, result.stderr
    for needle in needles:
        assert needle in result.stderr


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (("search", "John Doe", "--limit", "-1"), ("--limit", "see `tracker search --help`")),
        (("changes", "--limit", "-1"), ("--limit",)),
        (("mentions", "--limit", "-5"), ("--limit",)),
        (("schedule", "runs", "--limit", "-1"), ("--limit",)),
        (("search", "--no-such-option"), ("No such option: --no-such-option",)),
        (("sync", "nosuchlist"), ("unknown source 'nosuchlist' (known: ofac_sdn",)),  # longer than 80
        (("sync", "ofac_sdn", "--url", "/no/such/sdn.xml"), ("no such file: /no/such/sdn.xml",)),
        (("sync", "ofac_sdn", "--url", "file:///no/such/sdn.xml"), ("no such file: /no/such/sdn.xml",)),
        (("diff", "-o", "report.txt"), ("unknown extension '.txt'",)),
        (("diff", "-o", "report"), ("unknown extension '(none)'",)),
        (("diff", "-o", "/no/such/folder/r.csv"), ("folder does not exist",)),
        (("diff", "-o", "/proc/tracker-report.csv"), ("cannot write /proc/tracker-report.csv",)),
        (("diff", "--format", "pdf"), ("unknown --format 'pdf'",)),
    ],
)
def test_user_mistakes_are_one_line_and_exit_2(cli, args, needles):
    one_line_error(cli(*args), *needles)


def test_diff_output_to_a_folder_or_read_only_folder(cli, tmp_path):
    one_line_error(cli("diff", "-o", str(tmp_path)), "is a folder")
    read_only = tmp_path / "ro"
    read_only.mkdir()
    read_only.chmod(0o555)
    try:
        if os.access(read_only, os.W_OK):  # root writes anywhere: /proc stands in above
            pytest.skip("running as root: permissions are not enforced")
        one_line_error(cli("diff", "-o", str(read_only / "r.csv")), "not writable")
    finally:
        read_only.chmod(0o755)
    explicit = cli("diff", "-o", str(tmp_path / "r.txt"), "--format", "csv")
    assert explicit.exit_code == 0 and (tmp_path / "r.txt").read_text(encoding="utf-8-sig").startswith(
        "source,"
    )


def test_binary_stdin_to_news_scan_is_one_line(cli):
    result = cli("news", "scan", "-", input="\x00\x01\x02\x89PNG binary")
    one_line_error(result, "stdin is a binary file")


def test_version_help_and_completion(cli):
    version = cli("--version")
    assert version.exit_code == 0 and version.stdout == f"tracker {tracker_version()}\n"
    assert tracker_version() not in {"", "unknown"}
    bare = cli()
    assert bare.exit_code == 0 and "search" in bare.stdout and "Usage" in bare.stdout
    group = cli("news")
    assert group.exit_code == 0 and "scan" in group.stdout
    # Completion runs as the shell runs it, in a process of its own: inside the suite's process
    # typer's completion state was seen to end --show-completion with exit 1 after other tests.
    script = _tracker("--show-completion", "bash")
    assert script.returncode == 0 and "_tracker_completion" in script.stdout, script.stderr
    env = {"_TRACKER_COMPLETE": "complete_bash", "COMP_WORDS": "tracker sea", "COMP_CWORD": "1"}
    completed = _tracker(env=env)
    assert completed.returncode == 0 and completed.stdout.split() == ["search"], completed.stderr
    env = {"_TRACKER_COMPLETE": "complete_bash", "COMP_WORDS": "tracker search --fail", "COMP_CWORD": "2"}
    assert _tracker(env=env).stdout.split() == ["--fail-on-hit"]


def test_a_group_command_loads_only_its_own_module():
    """`tracker news scan` registers the news commands alone (the others' imports are a one-file
    scan's start-up); the root's help, with no group named first, lists every command."""
    code = (
        "import sys; import tracker.cli as cli; cli.build_app(sys.argv[1:]); "
        "print(sorted(m for m in sys.modules if m.startswith('tracker.cli.') and m[12:] in cli.COMMAND_MODULES))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, "news", "scan", "-"], capture_output=True, text=True, timeout=120
    )
    assert run.stdout.split() == ["['tracker.cli.news']"], run.stderr
    news = _tracker("news", "--help")
    assert news.returncode == 0 and "scan" in news.stdout, news.stderr
    root = _tracker("--help")
    assert root.returncode == 0 and all(c in root.stdout for c in ("news", "search", "sync", "watch"))


def _tracker(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`tracker ARGS` in a new interpreter (named tracker, as the installed script is)."""
    code = "import sys; sys.argv[0] = 'tracker'; from tracker.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_command_closes_its_connections(cli, monkeypatch):
    """Each engine a command opens is disposed when the command ends, whatever the command did
    (looked a name up through the cached index, failed, printed): otherwise pooled connections
    outlive it, and on PostgreSQL a process running many commands runs out of them."""
    import tracker.store.db as db

    opened = []
    real_open = db.open_engine

    def recording_open(url):
        engine = real_open(url)
        opened.append(engine)
        return engine

    monkeypatch.setattr(db, "open_engine", recording_open)
    for args in (
        ["history", "John Doe"],
        ["show", "John Doe"],
        ["search", "John Doe"],
        ["changes"],
        ["show", "toy:9"],
    ):
        cli(*args)
    assert len(opened) >= 5
    assert [engine.pool.checkedin() + engine.pool.checkedout() for engine in opened] == [0] * len(opened)
