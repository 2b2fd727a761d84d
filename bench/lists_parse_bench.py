"""Parse time and peak memory of each issue-16 source on its real file (../shared/data).

Each file is parsed in a fresh process (best of 3 runs for time; peak RSS of the process, which
includes the ~60 MB of the interpreter and imports). Prints one line per file and the load average.
Usage: python bench/lists_parse_bench.py
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
FILES = [
    ("ofac_cons", "ofac/2025-01-10_consolidated_enhanced/CONS_ENHANCED.ZIP"),
    ("ofac_sdn", "ofac/enhanced_program_exports/IRGC_sanctions_2024-08-28.xml.gz"),
    ("ca_sema", "canada/2020-04-15/sema-lmes.xml.gz"),
    ("au_dfat", "australia_dfat/2024-12-17/regulation8_consolidated.xlsx"),
    ("us_csl", "us_csl/2022-05-06/consolidated.csv.gz"),
    ("us_bis_dpl", "us_bis_dpl/2023-11-30/dpl.txt"),
    ("os_ua_war_sanctions", "opensanctions/ua_war_sanctions/2026-03-13/targets.simple.csv.gz"),
    ("os_interpol_red_notices", "opensanctions/interpol_red_notices/2025-05-23/targets.simple.csv.gz"),
    ("os_ftm", "opensanctions/yente_fixtures/t2"),
]
CHILD = """
import resource, sys, time
from pathlib import Path
from tracker.sources.registry import get_source
spec = get_source(sys.argv[1]); path = Path(sys.argv[2])
best = 1e9
for _ in range(3):
    t = time.perf_counter(); parsed = spec.parse(path); best = min(best, time.perf_counter() - t)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{len(parsed.entries)} {best:.3f} {peak:.0f}")
"""


def main() -> None:
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'source':<24} {'file':<44} {'entries':>7} {'parse s':>8} {'peak MB':>8}")
    for source, relative in FILES:
        path = DATA / relative
        if not path.exists():
            print(f"{source:<24} missing: {relative}")
            continue
        out = subprocess.run(
            [sys.executable, "-c", CHILD, source, str(path)], capture_output=True, text=True, check=True
        ).stdout.split()
        print(f"{source:<24} {relative[-44:]:<44} {out[0]:>7} {out[1]:>8} {out[2]:>8}")


if __name__ == "__main__":
    main()
