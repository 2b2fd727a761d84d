"""Parse-speed benchmark: seconds to parse three real list files, best of N runs, each in a fresh process.

Files (from ../shared/data): OFAC SDN XML 2024-05-07, EU FSF 2024-05-13, UK OFSI ConList.xlsx 2025-04-14.
Each run is a new interpreter, so no cache (OFAC CSV row cache, script tables) carries over between runs;
the figure is the parse alone (``SourceSpec.parse``), without the import time of the modules.
The load average is printed beside the figures: on a shared machine wall-clock figures are upper
bounds; the CPU time (best of the runs too) is less sensitive to other work on the machine.

Usage: python bench/parse_bench.py [--data ../shared/data] [--runs 3] [--json]
Compare two versions by running it at each commit (e.g. in two worktrees) on the same machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILES = {
    "ofac_sdn": "ofac/2024-05-07/sdn.xml.gz",
    "eu_fsf": "eu/2024-05-13/20240513-FULL-1_1.xml.gz",
    "uk_ofsi": "uk/ofsi/2025-04-14/ConList.xlsx",
}
_CHILD = """
import sys, time
from pathlib import Path
from tracker.sources.registry import get_source
spec = get_source(sys.argv[1])
start, cpu = time.perf_counter(), time.process_time()
parsed = spec.parse(Path(sys.argv[2]))
print(time.perf_counter() - start, time.process_time() - cpu, len(parsed.entries))
"""


def _one_run(source: str, path: Path) -> tuple[float, float, int]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, source, str(path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    rows = []
    for source, rel in FILES.items():
        path = args.data / rel
        if not path.exists():
            print(f"{source}: {path} missing, skipped", file=sys.stderr)
            continue
        runs = [_one_run(source, path) for _ in range(args.runs)]
        best = min(wall for wall, _, _ in runs)
        cpu = min(cpu for _, cpu, _ in runs)
        rows.append(
            {
                "source": source,
                "file": rel,
                "entries": runs[0][2],
                "best_s": round(best, 3),
                "cpu_s": round(cpu, 3),
            }
        )
    load_after = os.getloadavg()[0]
    if args.json:
        print(json.dumps({"rows": rows, "load": [load_before, load_after]}, indent=2))
        return
    print(f"{'source':10} {'entries':>8} {'best s':>8} {'cpu s':>7}  file")
    for row in rows:
        print(
            f"{row['source']:10} {row['entries']:>8} {row['best_s']:>8.3f} {row['cpu_s']:>7.3f}  {row['file']}"
        )
    print(f"best of {args.runs} runs; load average {load_before:.2f} before, {load_after:.2f} after")


if __name__ == "__main__":
    main()
