"""python -m bench.name_eval {derive,screen,run} ... (run from the repository root)."""

from __future__ import annotations

import os
import sys

# One core for the latency figures: numpy's thread pools must be capped before numpy is imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "derive":
        from bench.name_eval.cli import derive_main

        return derive_main(argv[1:])
    if command == "screen":
        from bench.name_eval.cli import screen_main

        return screen_main(argv[1:])
    if command == "run":
        from bench.name_eval.evaluate import run_main

        return run_main(argv[1:])
    print(__doc__.strip(), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
