"""`tracker export` time and peak memory on real lists, beside the bare cost of reading the rows.

1. Imports OFAC SDN 2024-05-07 (14,966 entries), EU 2024-05-13 (4,808) and UN 2026-02-27 (1,003) into a
   fresh SQLite store (or reuses --db).
2. For each list and format (csv, json, ftm), runs the export in a fresh process (best of 3 for time;
   peak RSS of the process, interpreter and imports included). Baselines in the same kind of process:
   "read" = the same SELECT streamed and every row's JSON decoded, nothing written; "in memory" = the
   whole state loaded at once (tracker.store.timeline.state) and decoded, which is what an export
   that does not stream holds.
3. Parses the SDN FtM export back with the os_ftm reader (peak RSS), beside holding every line's JSON
   as a dict (what the reader did before it streamed).

Streaming shows as peak memory that does not grow with the list: SDN (15x UN's entries) should
peak near UN. Usage: python bench/export_bench.py [--data ../shared/data] [--db PATH]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

LISTS = [
    ("ofac_sdn", "ofac/2024-05-07/sdn.xml.gz"),
    ("eu_fsf", "eu/2024-05-13/20240513-FULL-1_1.xml.gz"),
    ("un_sc", "un/2026-02-27/consolidated.xml.gz"),
]
EXPORT = """
import io, resource, sys, time
from tracker.store.db import open_engine
from tracker.export.run import export_list
url, source, fmt, out = sys.argv[1:5]
engine = open_engine(url)
best, count = 1e9, 0
for _ in range(3):
    t = time.perf_counter()
    with engine.connect() as conn, open(out, "w", encoding="utf-8") as fh:
        count = export_list(conn, source, fmt, fh).entities
    best = min(best, time.perf_counter() - t)
print(f"{count} {best:.2f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
"""
BASELINE = """
import resource, sys, time
import orjson
from tracker.store.db import open_engine
from tracker.store import timeline
from tracker.store.exports import listed_rows
url, source, mode = sys.argv[1:4]
engine = open_engine(url)
best, count = 1e9, 0
for _ in range(3):
    t = time.perf_counter()
    with engine.connect() as conn:
        source_id = timeline.stored_sources(conn)[source]
        if mode == "read":
            count = sum(1 for row in listed_rows(conn, source_id, None) if orjson.loads(row.data))
        else:
            state = timeline.state(conn, source_id, timeline.latest(conn, source, source_id).timeline_at)
            held = [orjson.loads(e.data) for e in state.values()]
            count = len(held)
    best = min(best, time.perf_counter() - t)
print(f"{count} {best:.2f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
"""
PARSE = """
import json, resource, sys, time
from pathlib import Path
path, mode = Path(sys.argv[1]), sys.argv[2]
t = time.perf_counter()
if mode == "reader":
    from tracker.sources import os_ftm
    count = len(os_ftm.parse(path).entries)
else:
    held = {}
    with path.open("rb") as fh:
        for line in fh:
            entity = json.loads(line)
            held[entity["id"]] = entity
    count = len(held)
print(f"{count} {time.perf_counter() - t:.2f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
"""


def child(code: str, *args: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        sys.exit(done.stderr.strip().splitlines()[-1])
    return done.stdout.split()


BUILD = """
import sys
from pathlib import Path
from tracker.pipeline import import_path
from tracker.settings import Settings
from tracker.sources.registry import get_source
from tracker.store.db import open_engine
from tracker.store.timeline import stored_sources
url, data, tmp, *lists = sys.argv[1:]
engine = open_engine(url)
with engine.connect() as conn:
    stored = stored_sources(conn)
settings = Settings(data_dir=Path(tmp) / "data", database_url=url)
for item in lists:
    source, relative = item.split("=")
    if source not in stored:
        result = import_path(get_source(source), Path(data) / relative, engine=engine, settings=settings)
        print(f"imported {source}: {result.status}, {result.entries:,} entries", flush=True)
"""


def build(url: str, data: Path, tmp: Path) -> None:
    """Import the lists in a child process: this process stays small, and the peak RSS its children
    report is their own (a child forked from a large parent would report the parent's)."""
    done = subprocess.run(
        [sys.executable, "-c", BUILD, url, str(data), str(tmp), *(f"{s}={r}" for s, r in LISTS)],
        cwd=ROOT,
        text=True,
    )
    if done.returncode != 0:
        sys.exit("building the store failed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--db", type=Path, help="SQLite file to build or reuse (default: a temp file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        url = f"sqlite:///{(args.db or tmp / 'tracker.db').resolve()}"
        build(url, args.data, tmp)
        print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"{'list':<9} {'what':<22} {'rows/entities':>13} {'best s':>7} {'peak MB':>8}")
        for source, _ in LISTS:
            for mode in ("read", "in memory"):
                count, seconds, peak = child(BASELINE, url, source, mode.split()[0])
                print(f"{source:<9} {'baseline: ' + mode:<22} {int(count):>13,} {seconds:>7} {peak:>8}")
            for fmt in ("csv", "json", "ftm"):
                out = tmp / f"{source}.{fmt}"
                count, seconds, peak = child(EXPORT, url, source, fmt, str(out))
                print(f"{source:<9} {'export --format ' + fmt:<22} {int(count):>13,} {seconds:>7} {peak:>8}")
        ftm_file = tmp / "ofac_sdn.ftm"
        for mode, label in (("dicts", "all lines as dicts"), ("reader", "os_ftm reader")):
            count, seconds, peak = child(PARSE, str(ftm_file), mode)
            print(f"{'ofac_sdn':<9} {'parse: ' + label:<22} {int(count):>13,} {seconds:>7} {peak:>8}")
        print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
