"""Figures per half, kind and script family, and the 80-column report.

A positive query is found at rank 1 when an expected entry is among the results tied for the best
score at or above the threshold (as bench/search_eval.py counts: the same person on two lists scores
the same); found in the top 10 when an expected entry is among the (at most 10) results at or above
the threshold. A negative is a false hit when anything scores at or above the threshold.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from bench.name_eval.common import FAMILIES, HALVES, Query

# "people": leave-one-out and cross-list queries for individuals; "all": with companies, vessels and
# aircraft too (their non-Latin names are often translations, see fairness.py).
GROUPED = {"people": ("loo", "cross-list"), "all": ("loo", "cross-list", "loo-entity", "cross-entity")}
POSITIVE_KINDS = ("loo", "cross-list", "loo-entity", "cross-entity", "variants")
NEGATIVE_KINDS = ("negative", "variants-negative")
OFFENDERS = 10


class Found(Protocol):
    results: list[tuple[str, float, str]]
    rank0: int | None
    score0: float | None


def hit_at_1(outcome: Found, expected: Sequence[str]) -> bool:
    if not outcome.results:
        return False
    best = outcome.results[0][1]
    return any(key in expected for key, score, _ in outcome.results if score == best)


def hit_at_10(outcome: Found, expected: Sequence[str]) -> bool:
    return any(key in expected for key, _, _ in outcome.results[:10])


def _rates(rows: list[tuple[int, Query]], found: Mapping[int, Found]) -> dict[str, Any]:
    rows = [(i, q) for i, q in rows if i in found]
    n = len(rows)
    hit1 = sum(hit_at_1(found[i], q.expected) for i, q in rows)
    hit10 = sum(hit_at_10(found[i], q.expected) for i, q in rows)
    return {"n": n, "recall@1": hit1 / n if n else None, "recall@10": hit10 / n if n else None}


def _negatives(rows: list[tuple[int, Query]], found: Mapping[int, Found]) -> dict[str, Any]:
    rows = [(i, q) for i, q in rows if i in found]
    hits = [(q, found[i].results[0]) for i, q in rows if found[i].results]
    hits.sort(key=lambda h: -h[1][1])
    return {
        "n": len(rows),
        "false": len(hits),
        "rate": len(hits) / len(rows) if rows else None,
        "offenders": [
            {"query": q.query, "key": key, "matched": matched, "score": round(score, 3)}
            for q, (key, score, matched) in hits[:OFFENDERS]
        ],
    }


def summarise(
    rows: list[Query],
    ours: Mapping[int, Found],
    theirs: Mapping[int, Found],
    threshold: float,
    baseline_threshold: float,
    latency: dict[str, Any],
    meta: dict[str, Any],
) -> dict[str, Any]:
    """Every figure as plain JSON-ready data: meta, then per half: positives by (kind, family),
    negatives, namesakes, latency; misses of the tuning half only (never print the test half's)."""
    out: dict[str, Any] = {"meta": meta, "halves": {}}
    for half in HALVES:
        numbered = [(i, q) for i, q in enumerate(rows) if q.half == half]
        if not numbered:
            continue
        cells: dict[tuple[str, str], list[tuple[int, Query]]] = defaultdict(list)
        for i, q in numbered:
            if q.kind in POSITIVE_KINDS:
                cells[q.kind, q.family].append((i, q))
                cells[q.kind, "all"].append((i, q))
                for label, kinds in GROUPED.items():
                    if q.kind in kinds:
                        cells[label, q.family].append((i, q))
                        cells[label, "all"].append((i, q))
        positives = [
            {"kind": kind, "family": family, "tracker": _rates(cell, ours), "baseline": _rates(cell, theirs)}
            for (kind, family), cell in sorted(cells.items(), key=_cell_order)
        ]
        negatives = {
            kind: {
                "tracker": _negatives([(i, q) for i, q in numbered if q.kind == kind], ours),
                "baseline": _negatives([(i, q) for i, q in numbered if q.kind == kind], theirs),
            }
            for kind in NEGATIVE_KINDS
        }
        namesakes = [(i, q) for i, q in numbered if q.kind == "namesake"]
        ambiguous = [(i, q) for i, q in numbered if q.kind == "namesake-ambiguous" and i in ours]
        out["halves"][half] = {
            "queries": len(numbered),
            "positives": positives,
            "negatives": negatives,
            "namesakes": {
                "n": len(namesakes),
                "at_threshold": sum(bool(ours[i].results) for i, _ in namesakes if i in ours),
            },
            # the expected person or a namesake with the same name first: not a recall figure
            "namesake_ambiguous": {
                "n": len(ambiguous),
                "expected_at_1": sum(hit_at_1(ours[i], q.expected) for i, q in ambiguous),
            },
            "latency": latency.get(half, {}),
        }
        if half == "tuning":
            out["halves"][half]["misses"] = _misses(numbered, ours)
    out["meta"]["thresholds"] = {"tracker": threshold, "baseline": baseline_threshold}
    return out


def _cell_order(item: tuple[tuple[str, str], Any]) -> tuple[int, int]:
    kind, family = item[0]
    kinds = (*GROUPED, *POSITIVE_KINDS)
    return kinds.index(kind), (FAMILIES.index(family) if family in FAMILIES else -1)


def _misses(numbered: list[tuple[int, Query]], ours: Mapping[int, Found]) -> list[dict[str, Any]]:
    misses = []
    for i, q in numbered:
        if i not in ours:
            continue
        outcome = ours[i]
        if q.kind in POSITIVE_KINDS and not hit_at_1(outcome, q.expected):
            top = outcome.results[0] if outcome.results else None
            misses.append(
                {
                    "kind": q.kind,
                    "family": q.family,
                    "query": q.query,
                    "expected": q.expected,
                    "target": q.target,
                    "note": q.note,
                    "top": list(top) if top else None,
                    "expected_rank0": outcome.rank0,
                    "expected_score0": outcome.score0,
                }
            )
        elif q.kind in NEGATIVE_KINDS and outcome.results:
            misses.append(
                {"kind": q.kind, "family": q.family, "query": q.query, "top": list(outcome.results[0])}
            )
    return misses


def _fmt(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def print_report(summary: dict[str, Any], show_misses: bool = False) -> None:
    meta = summary["meta"]
    start = ", ".join(f"{x:.2f}" for x in meta.get("load_start", ()))
    load = ", ".join(f"{x:.2f}" for x in meta["load"])
    print(
        f"name evaluation: {meta['entries']:,} entries; threshold tracker {meta['thresholds']['tracker']:.2f},"
        f" baseline {meta['thresholds']['baseline']:.2f}\n"
        f"index build: tracker {meta['index_build_s']:.2f} s, baseline {meta['baseline_build_s']:.2f} s;"
        f" store load {meta['store_load_s']:.2f} s\n"
        f"one core (cpu {meta['cpu']}); load average {start} at the start, {load} at the end\n"
        f"tracker code {meta['code']} (sha256 of tracker/**/*.py)"
    )
    part = meta.get("selection") or {}
    if any(part.values()):
        print(
            f"PART of the halves only (not figures to report): family {part.get('family') or 'all'},"
            f" kind {part.get('kind') or 'all'}, sample {part.get('sample') or 'all'}"
        )
    for half, figures in summary["halves"].items():
        print(f"\n== {half} half: {figures['queries']:,} queries ==")
        print(f"{'':35}{'recall@1':>16}{'recall@10':>16}")
        print(f"{'kind':<13}{'family':<16}{'n':>6}{'tracker':>9}{'base':>7}{'tracker':>9}{'base':>7}")
        for cell in figures["positives"]:
            ours, theirs = cell["tracker"], cell["baseline"]
            print(
                f"{cell['kind']:<13}{cell['family']:<16}{ours['n']:>6}"
                f"  {_fmt(ours['recall@1'])} {_fmt(theirs['recall@1'])}"
                f"  {_fmt(ours['recall@10'])} {_fmt(theirs['recall@10'])}"
            )
        for kind, sides in figures["negatives"].items():
            ours, theirs = sides["tracker"], sides["baseline"]
            print(
                f"{kind}: at/above threshold tracker {ours['false']} of {ours['n']}"
                f" ({100 * (ours['rate'] or 0):.2f} %), baseline {theirs['false']}"
                f" ({100 * (theirs['rate'] or 0):.2f} %)"
            )
            for o in ours["offenders"]:
                print(f"  {o['score']:.3f} {o['query'][:28]!r} -> {o['matched'][:26]!r} {o['key']}")
        names = figures["namesakes"]
        print(f"namesakes (not false hits): {names['at_threshold']} of {names['n']} at/above threshold")
        ambiguous = figures.get("namesake_ambiguous", {})
        if ambiguous.get("n"):
            print(
                f"namesake-ambiguous (not in recall): the expected person at rank 1 for"
                f" {ambiguous['expected_at_1']} of {ambiguous['n']}"
            )
        lat = figures["latency"]
        if lat:
            t, b = lat["tracker"], lat.get("baseline", {})
            print(
                f"latency at threshold (full index, one core): tracker p50 {t['p50_ms']:.1f} ms,"
                f" p95 {t['p95_ms']:.1f} ms (n={t['n']})"
            )
            if b:
                print(f"  baseline p50 {b['p50_ms']:.1f} ms, p95 {b['p95_ms']:.1f} ms (n={b['n']})")
        if show_misses and "misses" in figures:
            print(f"\n-- tuning-half misses and false hits ({len(figures['misses'])}) --")
            for m in figures["misses"]:
                top = m["top"]
                got = f"{top[0]} {top[2]!r} {top[1]:.3f}" if top else "nothing"
                where = (
                    f"; expected rank {m['expected_rank0']} ({m['expected_score0']})"
                    if m.get("expected")
                    else ""
                )
                print(f"[{m['kind']}/{m['family']}] {m['query']!r} -> {got}{where} {m.get('note', '')}")
