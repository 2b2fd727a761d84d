"""Search evaluation: recall, false positives and latency on bench/search_variants.csv.

    /tmp/venv/bin/python bench/search_eval.py [--data ../shared/data] [--threshold T] [--misses]

Loads OFAC SDN (2024-05-07), EU FSF (2024-05-13), UN SC (2026-02-27) and UK OFSI (2025-04-14) with the
project's parsers, builds the NameIndex, runs every query of the variants file, and prints recall@1,
recall@10, the share of negatives at or above the threshold, p50/p95 latency and the index build time,
side by side with a baseline (rapidfuzz token_sort_ratio over ASCII-folded names, best name per entry).

variants file: query, kind, expected ("source:id|source:id" - any of the same person's entries on any
list counts; empty for a negative), listed_as (the listed name, for the reader).
"""

from __future__ import annotations

import argparse
import csv
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from rapidfuzz import fuzz, process

from tracker.matching import DEFAULT_THRESHOLD, Candidate, NameIndex
from tracker.names import normalize_text
from tracker.records import ParsedList

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parents[1] / "shared" / "data"
LISTS = {
    "ofac_sdn": "ofac/2024-05-07/sdn.xml.gz",
    "eu_fsf": "eu/2024-05-13/20240513-FULL-1_1.xml.gz",
    "un_sc": "un/2026-02-27/consolidated.xml.gz",
    "uk_ofsi": "uk/ofsi/2025-04-14/ConList.xlsx",
}


def _parser(source: str) -> Callable[[Path], ParsedList]:
    if source == "ofac_sdn":
        try:
            from tracker.sources.ofac import parse as parse_ofac
        except ImportError:  # the OFAC module may still be split by format
            from tracker.sources.ofac_xml import parse_xml as parse_ofac
        return parse_ofac
    if source == "eu_fsf":
        from tracker.sources.eu import parse as parse_eu

        return parse_eu
    if source == "un_sc":
        from tracker.sources.un import parse as parse_un

        return parse_un
    from tracker.sources.uk_ofsi import parse as parse_uk

    return parse_uk


def load_candidates(data: Path) -> list[Candidate]:
    candidates: list[Candidate] = []
    for source, relative in LISTS.items():
        parsed = _parser(source)(data / relative)
        candidates += [Candidate.from_entry(source, entry) for entry in parsed.entries]
    return candidates


def load_variants(path: Path) -> list[tuple[str, str, set[tuple[str, str]]]]:
    rows = []
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            keys = (k.split(":", 1) for k in row["expected"].split("|") if k)
            rows.append((row["query"], row["kind"], {(source, key) for source, key in keys}))
    return rows


class Baseline:
    """rapidfuzz token_sort_ratio over ASCII-folded names; best name per entry."""

    def __init__(self, candidates: list[Candidate]) -> None:
        self.strings: list[str] = []
        self.owner: list[tuple[str, str]] = []
        for candidate in candidates:
            for name in candidate.names:
                self.strings.append(normalize_text(name.full))
                self.owner.append(candidate.key)

    def search(self, query: str, limit: int = 10) -> list[tuple[tuple[str, str], float]]:
        hits = process.extract(
            normalize_text(query), self.strings, scorer=fuzz.token_sort_ratio, limit=limit * 5
        )
        best: dict[tuple[str, str], float] = {}
        for _, score, position in hits:
            key = self.owner[position]
            best[key] = max(best.get(key, 0.0), score / 100)
        return sorted(best.items(), key=lambda kv: -kv[1])[:limit]


def evaluate(
    name: str,
    search: Callable[[str], list[tuple[tuple[str, str], float]]],
    variants: list[tuple[str, str, set[tuple[str, str]]]],
    threshold: float,
    show_misses: bool,
) -> dict[str, float]:
    hit1 = hit10 = positives = negatives = false_hits = 0
    latencies: list[float] = []
    for query, kind, expected in variants:
        start = time.perf_counter()
        results = search(query)
        latencies.append((time.perf_counter() - start) * 1000)
        if expected:
            positives += 1
            top = [key for key, score in results if score >= threshold]
            # Ties at the top count: the same name listed by two lists scores the same.
            best = results[0][1] if results else 0.0
            tied = [key for key, score in results if score >= threshold and score == best]
            ok1 = any(key in expected for key in tied)
            hit1 += ok1
            hit10 += any(k in expected for k in top[:10])
            if show_misses and not ok1:
                print(f"  [{name}] MISS {kind}: {query!r} -> {results[:2]}")
        else:
            negatives += 1
            over = [r for r in results if r[1] >= threshold]
            false_hits += bool(over)
            if show_misses and over:
                print(f"  [{name}] FALSE {kind}: {query!r} -> {over[:2]}")
    latencies.sort()
    return {
        "positives": positives,
        "negatives": negatives,
        "recall@1": hit1 / positives,
        "recall@10": hit10 / positives,
        "negatives>=threshold": false_hits / negatives,
        "p50_ms": statistics.median(latencies),
        "p95_ms": latencies[int(len(latencies) * 0.95) - 1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--variants", type=Path, default=HERE / "search_variants.csv")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--baseline-threshold", type=float, default=0.8)
    parser.add_argument("--misses", action="store_true", help="print every miss and false hit")
    args = parser.parse_args()

    start = time.perf_counter()
    candidates = load_candidates(args.data)
    parse_s = time.perf_counter() - start
    start = time.perf_counter()
    index = NameIndex.build(candidates)
    build_s = time.perf_counter() - start
    start = time.perf_counter()
    baseline = Baseline(candidates)
    baseline_build_s = time.perf_counter() - start
    variants = load_variants(args.variants)
    print(
        f"loaded {len(candidates)} entries, {index.name_count} distinct names in {parse_s:.1f} s; "
        f"{len(variants)} queries"
    )
    for query, _, _ in variants[:20]:  # warm caches once, as a long-running process would be
        index.search(query, threshold=0.0)

    def ours(query: str) -> list[tuple[tuple[str, str], float]]:
        return [(m.key, m.score) for m in index.search(query, threshold=0.0, limit=10)]

    # Latency as a user sees it (default threshold: only results worth showing are fully scored),
    # measured first so that its caches are as cold as the threshold-0 pass below.
    at_threshold: list[float] = []
    for query, _, _ in variants:
        start = time.perf_counter()
        index.search(query, threshold=args.threshold, limit=10)
        at_threshold.append((time.perf_counter() - start) * 1000)
    at_threshold.sort()
    mine = evaluate("tracker", ours, variants, args.threshold, args.misses)
    mine["p50_ms@threshold"] = statistics.median(at_threshold)
    mine["p95_ms@threshold"] = at_threshold[int(len(at_threshold) * 0.95) - 1]
    base = evaluate("baseline", baseline.search, variants, args.baseline_threshold, args.misses)
    base["p50_ms@threshold"], base["p95_ms@threshold"] = base["p50_ms"], base["p95_ms"]
    mine["build_s"], base["build_s"] = build_s, baseline_build_s
    print(f"\n{'metric':<24}{'tracker':>12}{'baseline':>12}")
    print(f"{'threshold':<24}{args.threshold:>12.2f}{args.baseline_threshold:>12.2f}")
    for metric in (
        "positives",
        "negatives",
        "recall@1",
        "recall@10",
        "negatives>=threshold",
        "p50_ms",
        "p95_ms",
        "p50_ms@threshold",
        "p95_ms@threshold",
        "build_s",
    ):
        print(f"{metric:<24}{mine[metric]:>12.3f}{base[metric]:>12.3f}")


if __name__ == "__main__":
    main()
