"""`tracker import` of archives (.tar.xz, .tar.gz, .zip) and folders of dated files: each file dated
from its name, undated and unreadable files skipped with a warning, "N of M" progress, one-line
errors for what cannot be imported, nothing left behind in the temporary folder."""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import signal
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import cli_runner, real_file, stderr_messages
from tracker.series import date_in_name, date_in_text, plan_imports
from tracker.sources import registry

V1 = "1|DOE, John|A\n2|ROE, Jane|B\n"
V2 = "1|DOE, John|A\n"
V3 = "1|DOE, John|A;C\n3|POE, Ed|D\n"


@pytest.fixture
def cli(settings, monkeypatch, tmp_path: Path):
    toys = {"toy": "tests.toysource:TOY", "toyfile": "tests.toysource:TOYFILE"}
    monkeypatch.setattr(registry, "_REGISTRY", {**registry._REGISTRY, **toys})
    work = tmp_path / "tmp"
    work.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(work))  # where archive members are unpacked
    return cli_runner(settings, TRACKER_MAX_SHRINK="1")


def tar_of(path: Path, members: dict[str, str], mode: str = "w:xz") -> Path:
    with tarfile.open(path, mode) as tar:
        for name, text in members.items():
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def zip_of(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return path


def changes(cli) -> list[tuple[str, str, str]]:
    rows = json.loads(cli("changes", "--json", "--limit", "0").stdout)
    return sorted((r["published_at"] or r["timeline_at"], r["source_id"], r["change"]) for r in rows)


EXPECTED = [
    ("2020-01-01T00:00:00", "1", "ADDED"),
    ("2020-01-01T00:00:00", "2", "ADDED"),
    ("2020-02-01T06:30:00", "2", "REMOVED"),
    ("2020-03-01T00:00:00", "1", "MODIFIED"),
    ("2020-03-01T00:00:00", "3", "ADDED"),
]


def test_a_tar_xz_history_imports_every_dated_member_in_order(cli, tmp_path):
    archive = tar_of(
        tmp_path / "history.tar.xz",
        {
            "history/index.csv": "file,fetched\n",
            "history/toy_20200101T0000Z.txt": V1,
            "history/toy_20200201T0630Z.txt": V2,
            "history/toy_20200301T0000Z.txt": V3,
        },
    )
    result = cli("import", "toy", archive)
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == "warning: skipped history.tar.xz:history/index.csv (no date in its name)"
    assert [line.split(":")[0] for line in lines[1:]] == ["1 of 3", "2 of 3", "3 of 3"]
    assert "toy_20200101T0000Z.txt accepted; about" in lines[1] and lines[3].endswith("accepted")
    assert changes(cli) == EXPECTED
    assert list((tmp_path / "tmp").iterdir()) == []  # every extracted member was removed


@pytest.mark.parametrize("kind", ["tar.gz", "zip"])
def test_tar_gz_and_zip_of_dated_folders(cli, tmp_path, kind):
    members = {
        "2020-01-01/list.txt": V1,
        "2020-02-01T06:30/list.txt": V2,
        "2020-03-01/list.txt": V3,
        "README": "not a list",
    }
    path = tmp_path / f"sets.{kind}"
    archive = tar_of(path, members, "w:gz") if kind == "tar.gz" else zip_of(path, members)
    result = cli("import", "toy", archive, "--json")
    assert result.exit_code == 0, result.output
    assert [r["status"] for r in json.loads(result.stdout)] == ["accepted"] * 3
    assert result.stderr.startswith(f"warning: skipped sets.{kind}:README (no date in its name)\n")
    assert changes(cli) == EXPECTED


def test_a_folder_of_dated_files_skips_undated_and_unreadable_ones(cli, tmp_path):
    folder = tmp_path / "daily"
    folder.mkdir()
    (folder / "toy_2020-01-01.txt").write_text(V1)
    (folder / "toy_2020-02-01T06:30.txt").write_text(V2)
    (folder / "toy_2020-03-01.txt").write_text(V3)
    (folder / "notes.txt").write_text("not a list")
    (folder / "toy_2020-04-01.txt").symlink_to(tmp_path / "gone.txt")  # cannot be read
    result = cli("import", "toy", folder)
    assert result.exit_code == 0, result.output
    assert stderr_messages(result.stderr, "warning") == [
        f"warning: skipped {folder / 'notes.txt'} (no date in its name)",
        f"warning: skipped {folder / 'toy_2020-04-01.txt'} (cannot read it: No such file or directory)",
    ]
    assert "3 of 3: toy_2020-03-01.txt accepted" in result.stderr
    assert changes(cli) == EXPECTED


def test_a_folder_without_dated_entries_is_one_snapshot(cli, tmp_path):
    folder = tmp_path / "2020-01-01"
    folder.mkdir()
    (folder / "list.txt").write_text(V1)
    result = cli("import", "toy", folder, "--date-from-name", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["status"] == "accepted" and result.stderr == ""


def _sources(cli) -> dict[str, dict[str, object]]:
    return {row["source"]: row for row in json.loads(cli("sources", "--json").stdout)}


def test_a_source_that_reads_files_imports_a_folder_of_dated_folders(cli, tmp_path):
    """The trial's `import un_sc data/un`: each dated folder holds one list file (README)."""
    history = tmp_path / "un"
    for day, text in (("2020-01-01", V1), ("2020-03-01", V3)):
        (history / day).mkdir(parents=True)
        (history / day / "consolidated.txt").write_text(text)
    result = cli("import", "toyfile", history, "--json")
    assert result.exit_code == 0, result.output
    assert [(r["status"], r["timeline_at"][:10]) for r in json.loads(result.stdout)] == [
        ("accepted", "2020-01-01"),
        ("accepted", "2020-03-01"),
    ]
    one = cli("import", "toyfile", history / "2020-01-01", "--date-from-name", "--json")
    assert one.exit_code == 0 and json.loads(one.stdout)["status"] == "unchanged", one.output


def test_a_folder_the_source_cannot_read_is_a_user_mistake_not_a_rejected_snapshot(cli, tmp_path):
    folder = tmp_path / "2020-01-01"
    folder.mkdir()
    (folder / "a.txt").write_text(V1)
    (folder / "b.txt").write_text(V2)
    one_line_error(
        cli("import", "toyfile", folder),
        f"{folder} is a folder that holds 2 files; this source reads one list file: name it",
    )
    row = _sources(cli)["toyfile"]
    assert (row["snapshots"], row["last_status"]) == (0, "never synced")


def test_a_folder_named_by_a_date_is_dated_by_it(cli, tmp_path):
    """`import ofac_sdn ofac/2015-01-17` asked for --date-from-name; README: the date in its name is
    used when the file states none."""
    folder = tmp_path / "2015-01-17"
    folder.mkdir()
    (folder / "list.txt").write_text(V1)
    result = cli("import", "toy", folder, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["timeline_at"][:10] == "2015-01-17"


def test_an_unchanged_sync_after_a_failed_one_is_the_last_status(cli, tmp_path, monkeypatch):
    """The trial: a file imported, a sync refused, then a sync of the same file: "unchanged"."""
    path = tmp_path / "list.txt"
    path.write_text("date: 2020-01-01\n" + V1)
    assert cli("import", "toy", path).exit_code == 0
    monkeypatch.setenv("TRACKER_HTTP_RETRIES", "0")
    failed = cli("sync", "toy", "--url", "http://127.0.0.1:9/list.txt")  # nothing listens on port 9
    assert failed.exit_code == 1 and _sources(cli)["toy"]["last_status"] == "failed", failed.output
    again = cli("sync", "toy", "--url", path, "--json")
    assert again.exit_code == 0 and json.loads(again.stdout)[0]["status"] == "unchanged", again.output
    row = _sources(cli)["toy"]
    assert (row["last_status"], row["last_error"]) == ("unchanged", None)


def one_line_error(result, message: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stderr == f"error: {message}\n"


def test_what_cannot_be_imported_is_one_line_and_exit_2(cli, tmp_path):
    undated = tmp_path / "list.txt"
    undated.write_text(V1)
    one_line_error(
        cli("import", "toy", undated),
        f"{undated} carries no publication date, and its name none either (e.g. 2021-04-25 or "
        "20210425T1850Z); import it with `tracker import toy PATH --published YYYY-MM-DD`",
    )
    broken = tmp_path / "broken.tar.xz"
    broken.write_bytes(b"\xfd7zXZ\x00 not really")
    result = cli("import", "toy", broken)
    assert result.exit_code == 2 and result.stderr.startswith(f"error: {broken}: not a readable archive (")
    plain = tar_of(tmp_path / "plain.tar.gz", {"list.txt": V1}, "w:gz")
    one_line_error(
        cli("import", "toy", plain),
        f"{plain}: no file in it has a date in its name (e.g. sdn_20210818T0939Z.csv, 2021-04-25/); "
        "unpack it and import the files with --published",
    )
    one_line_error(
        cli("import", "toy", tmp_path / "nothing.tar.xz"),
        f"no such file or folder: {tmp_path}/nothing.tar.xz",
    )


def test_a_zip_without_dated_members_goes_to_the_parser_whole(tmp_path):
    archive = zip_of(tmp_path / "CONS_ENHANCED.ZIP", {"CONS_ENHANCED.XML": "<x/>"})
    series = plan_imports([archive])
    assert [(item.path, item.temporary) for item in series] == [(archive, False)]


def test_members_never_land_outside_the_work_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    archive = tar_of(
        tmp_path / "evil.tar.gz", {"../../evil_2020-01-01.txt": V1, "/abs/2020-02-01.txt": V2}, "w:gz"
    )
    with plan_imports([archive]) as series:
        items = list(series)
        assert [item.path.name for item in items] == ["evil_2020-01-01.txt", "2020-02-01.txt"]
        assert all(item.path.is_relative_to(tmp_path) and item.path.read_text() for item in items)
    assert not (tmp_path.parent.parent / "evil_2020-01-01.txt").exists()


def test_an_oversized_member_is_refused_before_unpacking(tmp_path):
    archive = tar_of(tmp_path / "big.tar.gz", {"2020-01-01.txt": "x" * 2000}, "w:gz")
    with pytest.raises(Exception, match=r"big.tar.gz:2020-01-01.txt is 2,000 bytes, over 1,000"):
        plan_imports([archive], max_member_bytes=1000)


def test_dates_in_names():
    assert str(date_in_text("sdn_20210818T0939Z.csv")) == "2021-08-18 09:39:00"
    assert str(date_in_text("2022-02-24T0152Z")) == "2022-02-24 01:52:00"
    assert str(date_in_text("20240513-FULL-1_1.xml")) == "2024-05-13 00:00:00"
    assert date_in_text("uid 123456789") is None  # nine digits are not a date
    assert str(date_in_name(Path("2021-04-25/sdn.csv"))) == "2021-04-25 00:00:00"
    assert date_in_text("index.csv") is None and date_in_text("v2020-13-45.txt") is None


@pytest.mark.slow
def test_the_real_ofac_history_archive_lists_308_dated_versions():
    path = real_file("ofac/jackdwyer_daily/sdn_csv_history_2021-08-18_2024-05-03.tar.xz")
    series = plan_imports([path])
    assert series.total == 308
    assert series.skipped == [f"{path.name}:index.csv (no date in its name)"]


def test_a_series_says_each_kind_of_warning_once():
    from tracker.landing import warning_kind

    first = warning_kind(
        "sdn_20210818T0939Z.csv: no sdn_comments.csv: 5 entries' remarks", "sdn_20210818T0939Z.csv"
    )
    later = warning_kind(
        "sdn_20220101T0000Z.csv: no sdn_comments.csv: 14 entries' remarks", "sdn_20220101T0000Z.csv"
    )
    assert first == later != warning_kind("no alt.csv beside it", "x.csv")


def test_a_warning_names_the_dated_folder_it_is_about(cli, tmp_path, caplog):
    """The trial: eight "sdn.csv.gz: no alt.csv beside it" lines, none saying which snapshot."""
    import shutil

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "ofac" / "csv_set"
    day = tmp_path / "ofac" / "2015-01-17"
    day.mkdir(parents=True)
    shutil.copy(fixture / "sdn.csv", day / "sdn.csv")  # no alt.csv, add.csv, sdn_comments.csv
    with caplog.at_level("WARNING", logger="tracker.landing"):
        result = cli("import", "ofac_sdn", tmp_path / "ofac")
    assert result.exit_code == 0, result.output
    said = [r.getMessage() for r in caplog.records if "alt.csv" in r.getMessage()]
    assert said and said[0].startswith(f"ofac_sdn: {day}: sdn.csv: no alt.csv beside it"), said


def test_naming_the_file_of_a_warning():
    from tracker.landing import naming_the_file

    assert (
        naming_the_file("sdn.csv.gz: no alt.csv", "/d/2015-01-17") == "/d/2015-01-17: sdn.csv.gz: no alt.csv"
    )
    assert naming_the_file("sdn.csv.gz: no alt.csv", "/d/sdn.csv.gz") == "/d/sdn.csv.gz: no alt.csv"
    assert naming_the_file("h.tar.xz:2019-01-04 odd", "h.tar.xz:2019-01-04") == "h.tar.xz:2019-01-04 odd"


# --- Ctrl-C and killed imports ------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
# `tracker` as the console script runs it, with the toy source registered (the parse worker imports
# the toy parser by name, from ROOT).
TRACKER = (
    "from tracker.sources import registry; registry._REGISTRY['toy'] = 'tests.toysource:TOY'; "
    "from tracker.cli import main; main()"
)
DEADLINE = 60.0  # seconds: bounds each wait below; none is a sleep that a busy machine could outrun


def _series_with_a_pipe(tmp_path: Path) -> tuple[Path, Path]:
    """Dated folders 2020-01-01 .. 03; the second's list.txt is a named pipe, so the parse worker
    blocks reading it until the test writes (the pipe tells the test the worker is busy parsing)."""
    folder = tmp_path / "daily"
    for day, text in (("2020-01-01", V1), ("2020-01-02", None), ("2020-01-03", V3)):
        (folder / day).mkdir(parents=True)
        if text is not None:
            (folder / day / "list.txt").write_text(text)
    pipe = folder / "2020-01-02" / "list.txt"
    os.mkfifo(pipe)
    return folder, pipe


def _env(settings) -> dict[str, str]:
    """The environment of a `tracker` subprocess on the test's store."""
    return {
        **os.environ,
        "TRACKER_DATA_DIR": str(settings.data_dir),
        "TRACKER_DATABASE_URL": settings.resolved_database_url,
        "TRACKER_MAX_SHRINK": "1",
    }


def _start_import(settings, path: Path) -> subprocess.Popen[str]:
    env = _env(settings)
    return subprocess.Popen(
        [sys.executable, "-c", TRACKER, "import", "toy", str(path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a shell gives a command (Ctrl-C hits all)
    )


def _open_for_writing(pipe: Path, process: subprocess.Popen[str]) -> int:
    """The pipe's write end, once a reader (the parse worker) has opened it."""
    deadline = time.monotonic() + DEADLINE
    while True:
        try:
            return os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:  # ENXIO: no reader yet
            if exc.errno != errno.ENXIO:
                raise
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            out, err = process.communicate()
            raise AssertionError(f"the parse worker never read the pipe: {process.returncode} {err}")
        time.sleep(0.05)


def _readers(pipe: Path) -> list[int]:
    """Processes other than this one holding ``pipe`` open (Linux /proc)."""
    found = []
    for fd_dir in Path("/proc").glob("[0-9]*/fd"):
        if fd_dir.parent.name == str(os.getpid()):
            continue
        with contextlib.suppress(OSError):
            if any(os.readlink(fd) == str(pipe) for fd in fd_dir.iterdir()):
                found.append(int(fd_dir.parent.name))
    return found


needs_proc = pytest.mark.skipif(
    not Path("/proc/self/fd").exists(), reason="needs Linux /proc and named pipes"
)


@needs_proc
def test_ctrl_c_during_a_series_import_is_one_line_exit_130_and_keeps_whole_snapshots(
    cli, settings, tmp_path
):
    folder, pipe = _series_with_a_pipe(tmp_path)
    process = _start_import(settings, folder)
    writer = _open_for_writing(pipe, process)  # the worker parses the second file
    try:
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole group
        _, err = process.communicate(timeout=DEADLINE)
    finally:
        os.close(writer)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, err
    *progress, last = err.splitlines()
    assert last == "error: interrupted; nothing half-applied is kept", err
    # the first file is applied, or being applied (then rolled back): the store holds what was reported
    assert progress in ([], ["1 of 3: 2020-01-01 accepted; about 0 s left"]) or (
        len(progress) == 1 and progress[0].startswith("1 of 3: 2020-01-01 accepted; about")
    ), err
    # whole snapshots only, each stored one reported: a Ctrl-C between the first file's commit and
    # its progress line (seen once, on PostgreSQL) waits for the line (tracker.interrupts)
    assert changes(cli) == (EXPECTED[:2] if progress else [])
    assert _readers(pipe) == []  # the worker was stopped with its parent


def test_ctrl_c_during_an_archive_import_ends_at_once_with_exit_130(cli, settings, tmp_path):
    """The trial's hang (about 1 Ctrl-C in 3): the importer was stopped while the parse worker sent
    back a parsed file, and waited forever for the rest of it. Each member here parses to more than a
    pipe holds, so a result is under way most of the time; the signal comes once the first file is
    applied (its progress line), as a user's Ctrl-C would."""
    base = "".join(f"{i}|PERSON {i:05d}, Name|P{i % 7}\n" for i in range(3000))
    members = {f"toy_2020010{day}T0000Z.txt": f"{base}new{day}|NEW {day}, Name|Q\n" for day in range(1, 7)}
    archive = tar_of(tmp_path / "history.tar.xz", members)
    process = _start_import(settings, archive)
    watchdog = threading.Timer(DEADLINE, os.killpg, (process.pid, signal.SIGKILL))  # a hang fails, not blocks
    watchdog.start()
    try:
        assert process.stderr is not None
        seen = [process.stderr.readline()]
        assert seen[0].startswith("1 of 6: history.tar.xz:toy_20200101T0000Z.txt accepted"), seen
        os.killpg(process.pid, signal.SIGINT)  # the whole group, as a terminal's Ctrl-C
        signalled = time.monotonic()
        _, rest = process.communicate()
        waited = time.monotonic() - signalled
    finally:
        watchdog.cancel()
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    err = "".join(seen) + rest
    assert process.returncode == 130 and waited < 30, (waited, err)
    *progress, last = err.splitlines()
    assert last == "error: interrupted; nothing half-applied is kept", err
    applied = {f"2020-01-0{line.split(' ')[0]}T00:00:00" for line in progress}
    assert all(" accepted" in line for line in progress) and "Traceback" not in err, err
    assert {at for at, _, _ in changes(cli)} == applied  # whole snapshots only, the ones reported


@needs_proc
def test_the_parse_worker_leaves_ctrl_c_to_the_importer(cli, settings, tmp_path):
    """A Ctrl-C that reaches only the worker (the importer decides) neither stops nor breaks it."""
    folder, pipe = _series_with_a_pipe(tmp_path)
    process = _start_import(settings, folder)
    writer = _open_for_writing(pipe, process)
    try:
        deadline = time.monotonic() + DEADLINE
        while not (workers := _readers(pipe)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert workers and process.pid not in workers
        for worker in workers:
            os.kill(worker, signal.SIGINT)
        os.set_blocking(writer, True)
        os.write(writer, V2.encode())
    finally:
        os.close(writer)
    _, err = process.communicate(timeout=DEADLINE)
    assert process.returncode == 0, err
    assert "Traceback" not in err and "3 of 3: 2020-01-03 accepted" in err
    assert [c for c in changes(cli) if c[2] != "ADDED" or c[1] == "3"] == [
        ("2020-01-02T00:00:00", "2", "REMOVED"),
        ("2020-01-03T00:00:00", "1", "MODIFIED"),
        ("2020-01-03T00:00:00", "3", "ADDED"),
    ]


def test_ctrl_c_while_the_commands_load_is_the_same_one_line(monkeypatch, capsys):
    import tracker.cli

    def interrupted(args: object = None) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(tracker.cli, "build_app", interrupted)
    try:
        tracker.cli.main()
    except KeyboardInterrupt:
        pytest.fail("the Ctrl-C came out as a traceback")
    except SystemExit as stop:
        assert stop.code == 130
    assert capsys.readouterr().err == "error: interrupted; nothing half-applied is kept\n"


def test_the_folder_of_a_killed_import_is_removed_by_the_next_one(cli, tmp_path):
    work = tmp_path / "tmp"
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead = work / f"tracker-import-{int(gone.stdout)}-x1y2"  # an import killed by SIGKILL mid-way
    (dead / "1").mkdir(parents=True)
    (dead / "1" / "toy_20200101T0000Z.txt").write_text(V1)
    running = work / f"tracker-import-{os.getpid()}-a1b2"  # an import still running
    running.mkdir()
    archive = tar_of(
        tmp_path / "history.tar.xz", {"toy_20200101T0000Z.txt": V1, "toy_20200301T0000Z.txt": V3}
    )
    result = cli("import", "toy", archive)
    assert result.exit_code == 0, result.output
    assert list(work.iterdir()) == [running]


def test_a_ctrl_c_dropped_by_a_finalizer_is_raised_again():
    from tracker.cli.app import ctrl_c_never_lost

    class Finalized:
        def __del__(self) -> None:
            raise KeyboardInterrupt  # as a Ctrl-C landing in a weakref callback: Python drops it

    with pytest.raises(KeyboardInterrupt), ctrl_c_never_lost():
        Finalized()
        time.sleep(DEADLINE)  # the Ctrl-C comes again, here


def test_counts_in_the_tables_have_thousands_separators(cli, tmp_path):
    """The trial: "+added 14966" beside "entries 14,966"."""
    rows = "".join(f"{i}|PERSON {i:05d}, Name|P\n" for i in range(1234))
    path = tmp_path / "toy_20200101T0000Z.txt"
    path.write_text(rows)
    imported = cli("import", "toy", path, "--published", "2020-01-01")
    assert imported.exit_code == 0, imported.output
    (row,) = [line for line in imported.stdout.splitlines() if "toy" in line]
    assert row.split("│")[3:5] == [" 1,234   ", " 1,234  "], row  # entries, +added
    diff = cli("diff", "--summary", "--output", tmp_path / "d.csv")
    assert diff.exit_code == 0, diff.output
    (row,) = [line for line in diff.stdout.splitlines() if "toy" in line]
    assert row.split()[3:] == ["1,234", "0", "0"], diff.stdout  # added, removed, modified


def test_a_reader_that_stops_early_ends_the_command_quietly_with_0(cli, settings, tmp_path):
    """`tracker ... | head`: the trial's `tracker mentions | head` exited 1. Any command, one place."""
    rows = "".join(f"{i}|PERSON {i:05d}, Name|P\n" for i in range(3000))
    path = tmp_path / "toy_20200101T0000Z.txt"
    path.write_text(rows)
    assert cli("import", "toy", path, "--published", "2020-01-01").exit_code == 0
    process = subprocess.Popen(
        [sys.executable, "-c", TRACKER, "diff", "--format", "csv"],  # ~200 KB: more than a pipe holds
        cwd=ROOT,
        env=_env(settings),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().startswith(b"change,source,")
    process.stdout.close()  # as `head -1` does
    err = process.stderr.read().decode()
    assert process.wait(timeout=DEADLINE) == 0 and err == "", err


@pytest.mark.parametrize(
    "command",
    [
        ["changes"],
        ["search", "PERSON 00001 Name", "--limit", "20"],
        ["history", "toy:1"],
        ["show", "toy:1"],
        ["sources"],
        ["changes", "--json"],
    ],
)
def test_every_command_ends_with_0_when_its_reader_is_gone(cli, settings, tmp_path, command):
    """`tracker changes | head -1` exited 1 with nothing said: rich's console ends the process itself
    on a broken pipe (SystemExit(1)), and what is left buffered fails again at exit. The reader here
    is gone before the command writes anything, so every write meets a closed pipe."""
    rows = "".join(f"{i}|PERSON {i:05d}, Name|P\n" for i in range(300))
    path = tmp_path / "toy_20200101T0000Z.txt"
    path.write_text(rows)
    assert cli("import", "toy", path, "--published", "2020-01-01").exit_code == 0
    read, write = os.pipe()
    os.close(read)  # as `head -1` that has already gone
    try:
        process = subprocess.run(
            [sys.executable, "-c", TRACKER, *command],
            cwd=ROOT,
            env=_env(settings),
            stdout=write,
            stderr=subprocess.PIPE,
            timeout=DEADLINE,
        )
    finally:
        os.close(write)
    assert (process.returncode, process.stderr.decode()) == (0, "")


def test_changes_print_source_id_whole_and_counts_with_separators(cli, tmp_path):
    """The trial: `tracker changes --limit` cut SOURCE:ID in its table ("os_interpo…", "NK-224TRez…")
    and its footer said "5 of 17751 changes"."""
    long_id = "NK-224TRezPqwzhQZ37exWxtX-" + "x" * 30  # an OpenSanctions id, made longer still
    rows = f"{long_id}|SANAVBARI, Nikitenko|A\n" + "".join(
        f"{i}|PERSON {i:05d}, Name|P\n" for i in range(1200)
    )
    path = tmp_path / "toy_20200101T0000Z.txt"
    path.write_text(rows)
    assert cli("import", "toy", path, "--published", "2020-01-01").exit_code == 0
    result = cli("changes", "--limit", "1300")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # the list's first stored snapshot: listed by then, not added that day (trial 2)
    assert any(line.endswith(f"SEEN      toy:{long_id}") for line in lines), result.stdout
    assert "SEEN: in the first stored snapshot of its list" in result.stdout
    assert "toy:1199" in result.stdout.split() and "SANAVBARI, Nikitenko" in result.stdout
    limited = cli("changes", "--limit", "5")
    assert limited.stdout.splitlines()[-1] == "5 of 1,201 changes (--limit 5; 0 shows all)"
    assert all(len(line) <= 80 for line in limited.stdout.splitlines() if long_id not in line)


def test_a_wrong_published_date_is_refused_whatever_the_file_says(cli, tmp_path):
    """The trial: --published 2027-01-01 on a file that states its own date was ignored silently
    (exit 0; the README says a future date is refused), and --published 1850-01-01 on an undated
    file was stored: `changes` showed 1850-01-01 ADDED."""
    dated = tmp_path / "dated.txt"
    dated.write_text("date: 2020-01-01\n" + V1)
    undated = tmp_path / "list.txt"
    undated.write_text(V1)
    for path in (dated, undated):
        one_line_error(
            cli("import", "toy", path, "--published", "2099-01-01"),
            "--published dated 2099-01-01, in the future: a wrong date (or clock); refused",
        )
        one_line_error(
            cli("import", "toy", path, "--published", "1850-01-01"),
            "--published dated 1850-01-01, before any sanctions list (the first, the US Proclaimed List "
            "of Certain Blocked Nationals, is of 1941-07-17): a wrong date; refused",
        )
    assert changes(cli) == []
    # a right --published on a file that states its own date: the file's own date wins (README)
    assert cli("import", "toy", dated, "--published", "2020-02-01").exit_code == 0
    assert {day for day, _, _ in changes(cli)} == {"2020-01-01T00:00:00"}


def test_a_file_dated_before_any_sanctions_list_is_refused(cli, tmp_path):
    old = tmp_path / "old.txt"
    old.write_text("date: 1900-01-01\n" + V1)
    result = cli("import", "toy", old)
    assert (
        result.exit_code != 0
        and "dated 1900-01-01, before any sanctions list" in result.output + result.stderr
    )
    assert changes(cli) == []
