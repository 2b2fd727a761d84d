"""Diff benchmark: a report across the whole daily OFAC SDN history (308 CSV versions, 2021-08-18 -> 2024-05-03).

1. Imports every version of sdn_csv_history_2021-08-18_2024-05-03.tar.xz into a fresh SQLite store
   (one member at a time through a temp file; published = the member's UTC timestamp), or reuses the
   store given with --db when it already holds them.
2. Times `diff --from 2021-08-18 --to 2024-05-03` to a CSV file: in-process (query + diff + CSV) and as
   the real command (a new process, imports included). Target: <= 10 s.
3. Times the same report written as XLSX beside the CSV one (issue 11 item 7: within 3x the CSV time).
4. Also times the --each variant (every intermediate change, snapshot by snapshot).

Usage: python bench/diff_bench.py [--data ../shared/data] [--db PATH]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tracker.pipeline import import_path  # noqa: E402
from tracker.report.diff import build_report, parse_point, resolve_windows  # noqa: E402
from tracker.report.writers import write_report  # noqa: E402
from tracker.settings import Settings  # noqa: E402
from tracker.sources.registry import get_source  # noqa: E402
from tracker.store.db import open_engine  # noqa: E402

HISTORY = "ofac/jackdwyer_daily/sdn_csv_history_2021-08-18_2024-05-03.tar.xz"
MEMBER_TIME = re.compile(r"sdn_(\d{8}T\d{4})Z\.csv$")
FROM, TO = "2021-08-18", "2024-05-03"
TARGET_SECONDS = 10.0
XLSX_TARGET_RATIO = 3.0


def import_history(data: Path, settings: Settings) -> tuple[int, float]:
    """Import every version not stored yet; returns (versions now stored, seconds spent importing)."""
    engine = open_engine(settings.resolved_database_url)
    spec = get_source("ofac_sdn")
    done = 0
    start = time.perf_counter()
    with tarfile.open(data / HISTORY, "r:xz") as tar, tempfile.TemporaryDirectory() as tmp:
        members = sorted((m for m in tar.getmembers() if MEMBER_TIME.search(m.name)), key=lambda m: m.name)
        for member in members:
            match = MEMBER_TIME.search(member.name)
            assert match is not None
            stamp = datetime.strptime(match.group(1), "%Y%m%dT%H%M")
            path = Path(tmp) / "sdn.csv"
            extracted = tar.extractfile(member)
            assert extracted is not None
            path.write_bytes(extracted.read())
            result = import_path(spec, path, engine=engine, settings=settings, published=stamp, force=True)
            assert result.status in {"accepted", "unchanged"}, (member.name, result.reason)
            done += 1
            if done % 25 == 0:
                elapsed = time.perf_counter() - start
                print(
                    f"  imported {done}/{len(members)} versions, {elapsed:.0f} s", file=sys.stderr, flush=True
                )
    engine.dispose()
    return done, time.perf_counter() - start


def stored_versions(settings: Settings) -> int:
    from sqlalchemy import func, select

    from tracker.store.models import Snapshot

    engine = open_engine(settings.resolved_database_url)
    with engine.connect() as conn:
        count = conn.execute(
            select(func.count()).select_from(Snapshot).where(Snapshot.status == "accepted")  # type: ignore[arg-type]
        ).scalar_one()
    engine.dispose()
    return int(count)


def time_in_process(settings: Settings, out: Path, each: bool, fmt: str = "csv") -> tuple[float, int, str]:
    engine = open_engine(settings.resolved_database_url)
    start = time.perf_counter()
    with engine.connect() as conn:
        windows = resolve_windows(conn, ["ofac_sdn"], parse_point(FROM, "--from"), parse_point(TO, "--to"))
        report = build_report(conn, windows, each=each)
    write_report(report, fmt, out)
    seconds = time.perf_counter() - start
    engine.dispose()
    s = report.summaries[0]
    counts = f"+{s.added} -{s.removed} ~{s.modified} entries, {s.steps} snapshots in the window"
    return seconds, len(report.table), counts


def time_command(settings: Settings, out: Path) -> float:
    env = dict(os.environ, TRACKER_DATABASE_URL=settings.resolved_database_url)
    command = [
        sys.executable,
        "-c",
        "from tracker.cli import main; main()",
        "diff",
        "--from",
        FROM,
        "--to",
        TO,
        "-o",
        str(out),
    ]
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--db", type=Path, help="SQLite file to build or reuse (default: a temp file)")
    args = parser.parse_args()
    if not (args.data / HISTORY).exists():
        sys.exit(f"history archive not found: {args.data / HISTORY} (pass --data)")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "tracker.db"
        settings = Settings(data_dir=Path(tmp), database_url=f"sqlite:///{db.resolve()}")
        if db.exists() and stored_versions(settings) >= 308:
            print(f"reusing {db} ({stored_versions(settings)} snapshots)")
        else:
            versions, seconds = import_history(args.data, settings)
            print(
                f"import of {versions} daily SDN CSV versions: {seconds:.1f} s ({seconds / versions:.2f} s each)"
            )
        print(f"database size: {db.stat().st_size / 1e6:.0f} MB")
        out = Path(tmp) / "diff.csv"
        seconds, rows, counts = time_in_process(settings, out, each=False)
        verdict = "OK" if seconds <= TARGET_SECONDS else "OVER TARGET"
        print(
            f"diff {FROM} -> {TO} to CSV, in process: {seconds:.2f} s, {rows:,} rows ({counts}) [{verdict}]"
        )
        xlsx_seconds, _, _ = time_in_process(settings, out.with_suffix(".xlsx"), each=False, fmt="xlsx")
        ratio = xlsx_seconds / seconds
        verdict = "OK" if ratio <= XLSX_TARGET_RATIO else "OVER TARGET"
        print(
            f"same report to XLSX, in process: {xlsx_seconds:.2f} s = {ratio:.1f}x the CSV time "
            f"(target <= {XLSX_TARGET_RATIO:.0f}x) [{verdict}]"
        )
        command = time_command(settings, out)
        verdict = "OK" if command <= TARGET_SECONDS else "OVER TARGET"
        print(f"same as `tracker diff ... -o diff.csv` (new process): {command:.2f} s [{verdict}]")
        seconds, rows, counts = time_in_process(settings, out, each=True)
        print(f"diff --each {FROM} -> {TO} to CSV, in process: {seconds:.2f} s, {rows:,} rows ({counts})")


if __name__ == "__main__":
    main()
