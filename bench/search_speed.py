"""CPU time of the name index in a fresh process: the build, then each query once (issue 13's targets:
p50 <= 2 ms and p95 <= 10 ms per query at the default threshold, all lists loaded, build <= 5 s).

    python bench/search_speed.py time [--half test] [--sample 600]
    python bench/search_speed.py dump OUT.json [--half tuning] [--sample 3000] [--threshold T] [--cached]
    python bench/search_speed.py compare A.json B.json

``time`` prints the build's CPU seconds (pypinyin's phrase dictionary, loaded on the first Chinese
word, is loaded before and reported apart), then p50 / p95 / mean CPU milliseconds per query over a
fixed sample of the half's queries, each searched once on the full index, as `tracker search` runs
it; and the load average. ``dump`` writes every result (entry, score, matched name, kind) of a sample
of queries, and ``compare`` reports the queries whose results differ: a speed change must leave them
identical. The candidates come from bench/name_eval's store (imported on first use, a few minutes)
and are kept pickled under bench/.cache, so that the timed process builds from them alone.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.name_eval.common import CACHE, DEFAULT_DATA, read_queries  # noqa: E402

SEED = 13


def _candidates() -> list[Any]:
    """The store's current entries as search candidates (pickled on first use, in a child process so
    that this one's caches stay cold)."""
    from bench.name_eval.engine import code_hash, ensure_store

    store = ensure_store(DEFAULT_DATA, lambda m: print(m, file=sys.stderr))
    # keyed also by the code that makes a candidate of an entry (candidate.without_notes ...)
    made_by = code_hash("matching/candidate.py", "matching/identifiers.py")
    path = CACHE / f"speed-candidates-{store.name}-{made_by}.pickle"
    if not path.exists():
        code = (
            "import pickle, sys; from pathlib import Path;"
            "from bench.name_eval.engine import load_candidates;"
            "Path(sys.argv[2]).write_bytes(pickle.dumps(load_candidates(Path(sys.argv[1]))))"
        )
        repo = str(Path(__file__).resolve().parents[1])
        subprocess.run([sys.executable, "-c", code, str(store), str(path)], check=True, cwd=repo)
    with path.open("rb") as file:
        return pickle.load(file)  # type: ignore[no-any-return]


def _queries(half: str, sample: int) -> list[str]:
    from bench.name_eval.derive import ensure_queries

    folder = ensure_queries(DEFAULT_DATA, lambda m: print(m, file=sys.stderr))
    rows = [q for q in read_queries(folder / f"{half}.csv") if q.half == half]
    rows = random.Random(SEED).sample(rows, min(sample, len(rows)))
    return [q.query for q in rows]


def _build(candidates: list[Any]) -> tuple[Any, float, float]:
    """(index, build CPU s, pypinyin's load CPU s)."""
    from tracker.gcpause import long_lived
    from tracker.matching import NameIndex
    from tracker.names import token_forms

    start = time.process_time()
    token_forms("王君正")  # loads pypinyin's phrase dictionary (its import, not the index's work)
    pinyin = time.process_time() - start
    start = time.process_time()
    with long_lived():  # frozen, as tracker search's load_index leaves a built or cached index
        index = NameIndex.build(candidates)
    return index, time.process_time() - start, pinyin


def _search(loaded: Any, query: str, threshold: float | None) -> list[Any]:
    from tracker.errors import TrackerError
    from tracker.matching import DEFAULT_THRESHOLD
    from tracker.search import find_matches

    try:
        return find_matches(loaded, query, threshold=DEFAULT_THRESHOLD if threshold is None else threshold)
    except TrackerError:
        return []


def time_main(args: argparse.Namespace) -> None:
    from tracker.search import LoadedIndex

    candidates = _candidates()
    queries = _queries(args.half, args.sample)
    index, build_s, pinyin_s = _build(candidates)
    loaded = LoadedIndex(index, {}, None)
    times = []
    for query in queries:
        start = time.process_time()
        _search(loaded, query, args.threshold)
        times.append((time.process_time() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"{len(candidates)} entries, build {build_s:.2f} CPU s (pypinyin {pinyin_s:.2f} s apart); "
        f"{len(queries)} {args.half}-half queries: p50 {statistics.median(times):.2f} ms, "
        f"p95 {p95:.2f} ms, mean {statistics.fmean(times):.2f} ms CPU; load {load}"
    )


def dump_main(args: argparse.Namespace) -> None:
    from tracker.search import LoadedIndex

    index, _, _ = _build(_candidates())
    if args.cached:  # as `tracker search` reads it: through the pickle of the cached index
        index = pickle.loads(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
    loaded = LoadedIndex(index, {}, None)
    out = {}
    for query in _queries(args.half, args.sample):
        out[query] = [
            [f"{m.key[0]}:{m.key[1]}", m.score, m.matched_name, m.kind, m.explanation]
            for m in _search(loaded, query, args.threshold)
        ]
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=0))
    print(f"{len(out)} queries, {sum(map(len, out.values()))} results -> {args.out}")


def compare_main(args: argparse.Namespace) -> int:
    first, second = (json.loads(Path(p).read_text()) for p in (args.first, args.second))
    differ = [q for q in first if first[q] != second.get(q)]
    for query in differ[:20]:
        print(f"{query!r}:\n  {first[query][:3]}\n  {second.get(query, [])[:3]}")
    print(f"{len(differ)} of {len(first)} queries differ")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    timing = commands.add_parser("time")
    timing.add_argument("--half", default="test", choices=("tuning", "test"))
    timing.add_argument("--sample", type=int, default=600)
    timing.add_argument("--threshold", type=float, default=None, help="default: the search default")
    dump = commands.add_parser("dump")
    dump.add_argument("out")
    dump.add_argument("--half", default="tuning", choices=("tuning", "test"))
    dump.add_argument("--sample", type=int, default=3000)
    dump.add_argument("--threshold", type=float, default=None)
    dump.add_argument("--cached", action="store_true", help="search the index read back from its pickle")
    compare = commands.add_parser("compare")
    compare.add_argument("first")
    compare.add_argument("second")
    args = parser.parse_args()
    if args.command == "time":
        time_main(args)
    elif args.command == "dump":
        dump_main(args)
    else:
        return compare_main(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
