"""`run`: evaluate today's search on the frozen query files, side by side with the rapidfuzz baseline.

    python -m bench.name_eval run [--half tuning|test|both] [--misses] [--json FILE]
        [--family F ...] [--kind K ...] [--sample N] [--no-latency]

--family, --kind and --sample pick a part of the half for a quick loop while tuning (the same rows on
every run); report figures from a run without them.

Every query is searched at the default threshold (limit 10): cross-list queries on their target list
only, leave-one-out queries on their fold's index (all lists, without the non-Latin names of the
fold's groups), everything else on the full index. A tuning-half query the search misses at the
threshold is searched again at threshold 0 to show where the expected entry ranks (never for the
test half). Latency: every query of a half again on the full index at the default threshold, one
process pinned to one core.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.name_eval import engine
from bench.name_eval.baseline import BatchBaseline
from bench.name_eval.common import (
    CACHE,
    DEFAULT_DATA,
    FOLDS,
    KINDS,
    Query,
    family_named,
    is_query_script,
    read_queries,
    select,
)
from bench.name_eval.derive import DeriveError, ensure_queries
from bench.name_eval.report import print_report, summarise

BASELINE_THRESHOLD = 0.80  # bench/search_eval.py's default for the baseline
LATENCY_SAMPLE = 200  # baseline latency: every n-th query of a half, this many in all


@dataclass
class Outcome:
    """What one engine returned for one query, at its threshold."""

    results: list[tuple[str, float, str]]
    rank0: int | None = None  # rank (1-based) of the expected entry at threshold 0, when missed
    score0: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def pin_one_core() -> int | None:
    """Run on one CPU (the latency target is per query on one core); returns it, None if unsupported."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def run_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.name_eval run", description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--half", choices=("tuning", "test", "both"), default="both")
    parser.add_argument("--misses", action="store_true", help="print the misses and false hits (tuning half)")
    parser.add_argument("--json", type=Path, help="write every figure (and the misses) as JSON here")
    parser.add_argument("--no-baseline", action="store_true", help="skip the rapidfuzz baseline")
    parser.add_argument(
        "--family",
        action="append",
        type=_family,
        help="only queries of this script family (repeatable; 'arabic', 'hangul', ... as a prefix)",
    )
    parser.add_argument(
        "--kind", action="append", choices=KINDS, help="only queries of this kind (repeatable)"
    )
    parser.add_argument(
        "--sample", type=int, default=0, metavar="N", help="at most N queries per half, a stable hash sample"
    )
    parser.add_argument("--no-latency", action="store_true", help="skip the latency pass (a quick loop)")
    args = parser.parse_args(argv)
    if not args.data.exists():
        log(f"error: missing {args.data} (the shared data folder)")
        return 2
    try:
        queries = ensure_queries(args.data, log)
    except DeriveError as exc:
        log(f"error: {exc}")
        return 2
    cpu = pin_one_core()
    load_start = os.getloadavg()
    halves = ("tuning", "test") if args.half == "both" else (args.half,)
    all_rows = read_queries(queries / "tuning.csv") + read_queries(queries / "test.csv")
    rows = select(
        [q for q in all_rows if q.half in halves],
        set(args.family) if args.family else None,
        set(args.kind) if args.kind else None,
        args.sample,
    )
    if not rows:
        log("error: no query matches --family/--kind")
        return 2

    store = engine.ensure_store(args.data, log)  # the first run imports the lists (~45 s)
    start = time.perf_counter()
    candidates = engine.load_candidates(store)
    load_s = time.perf_counter() - start
    known = {engine.key_of(c) for c in candidates}
    unknown = sorted({k for q in rows for k in q.expected if k not in known})
    if unknown:
        log(f"warning: {len(unknown)} expected entries are not in the store, e.g. {unknown[:3]}")
    threshold = engine.default_threshold()

    start = time.perf_counter()
    index = engine.build(candidates)
    build_s = time.perf_counter() - start
    baseline: BatchBaseline | None = None
    baseline_build_s = 0.0
    if not args.no_baseline:
        start = time.perf_counter()
        baseline = BatchBaseline(candidates)
        baseline_build_s = time.perf_counter() - start
    log(f"{len(candidates)} entries (store load {load_s:.1f} s); index built in {build_s:.1f} s")

    ours: dict[int, Outcome] = {}
    theirs: dict[int, Outcome] = {}
    numbered = list(enumerate(rows))
    full = [(i, q) for i, q in numbered if q.fold < 0]
    _evaluate(index, baseline, full, threshold, ours, theirs, "full index")
    loo_rows = [q for q in all_rows if q.fold >= 0]  # folds remove the names of BOTH halves' groups
    for fold in range(FOLDS):
        queries = [(i, q) for i, q in numbered if q.fold == fold]
        if not queries:
            continue
        removed = {k for q in loo_rows if q.fold == fold for k in q.expected}
        fold_candidates = engine.without_names(candidates, removed, is_query_script)
        fold_index = engine.build(fold_candidates)
        fold_baseline = BatchBaseline(fold_candidates) if baseline is not None else None
        _evaluate(fold_index, fold_baseline, queries, threshold, ours, theirs, f"fold {fold}")
        del fold_index, fold_baseline

    latency = {
        half: _latency(index, baseline, [q for q in rows if q.half == half], threshold)
        for half in halves
        if not args.no_latency
    }
    meta = {
        "threshold": threshold,
        "baseline_threshold": BASELINE_THRESHOLD,
        "entries": len(candidates),
        "index_build_s": round(build_s, 2),
        "baseline_build_s": round(baseline_build_s, 2),
        "store_load_s": round(load_s, 2),
        "cpu": cpu,
        "load_start": load_start,
        "load": os.getloadavg(),
        "code": engine.code_hash(),
        "selection": {"family": args.family, "kind": args.kind, "sample": args.sample},
        "latency_skipped": args.no_latency,
    }
    summary = summarise(rows, ours, theirs, threshold, BASELINE_THRESHOLD, latency, meta)
    print_report(summary, show_misses=args.misses)
    if args.json:
        args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    CACHE.mkdir(parents=True, exist_ok=True)
    (CACHE / "last-run.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def _family(text: str) -> str:
    try:
        return family_named(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _evaluate(
    index: Any,
    baseline: BatchBaseline | None,
    queries: list[tuple[int, Query]],
    threshold: float,
    ours: dict[int, Outcome],
    theirs: dict[int, Outcome],
    label: str,
) -> None:
    start = time.perf_counter()
    for done, (i, q) in enumerate(queries, 1):
        results = engine.search(index, q.query, threshold, source=q.target)
        outcome = Outcome(results)
        if q.half == "tuning" and q.expected and not any(k in q.expected for k, _, _ in results[:1]):
            # where the miss ranks at threshold 0: diagnostics, shown for the tuning half only
            _locate(outcome, engine.search(index, q.query, 0.0, source=q.target), q.expected)
        ours[i] = outcome
        if done % 2000 == 0:
            log(f"  {label}: {done}/{len(queries)} queries ({time.perf_counter() - start:.0f} s)")
    if baseline is not None:
        found = baseline.search_many([(q.query, q.target) for _, q in queries])
        for (i, q), results in zip(queries, found, strict=True):
            kept = [r for r in results if r[1] >= BASELINE_THRESHOLD]
            outcome = Outcome(kept)
            if q.expected:
                _locate(outcome, results, q.expected)
            theirs[i] = outcome
    log(f"  {label}: {len(queries)} queries in {time.perf_counter() - start:.0f} s")


def _locate(outcome: Outcome, results: list[tuple[str, float, str]], expected: list[str]) -> None:
    for rank, (key, score, _) in enumerate(results, 1):
        if key in expected:
            outcome.rank0, outcome.score0 = rank, score
            return


def _latency(
    index: Any, baseline: BatchBaseline | None, rows: list[Query], threshold: float
) -> dict[str, Any]:
    """p50/p95 ms of a search at the default threshold on the full index (tracker: every query of the
    half; baseline: an evenly spaced sample of LATENCY_SAMPLE, with Baseline.search itself)."""
    queries = [q.query for q in rows]
    for query in queries[:20]:  # warm-up, as in a long-running process
        engine.search(index, query, threshold)
    ours = _timed(lambda q: engine.search(index, q, threshold), queries)
    figures: dict[str, Any] = {"tracker": ours}
    if baseline is not None and queries:
        step = max(1, len(queries) // LATENCY_SAMPLE)
        figures["baseline"] = _timed(baseline.baseline.search, queries[::step][:LATENCY_SAMPLE])
    return figures


def _timed(search: Callable[[str], object], queries: list[str]) -> dict[str, float]:
    times = []
    for query in queries:
        start = time.perf_counter()
        search(query)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "n": len(times),
        "p50_ms": round(statistics.median(times), 2) if times else 0.0,
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 2) if times else 0.0,
    }
