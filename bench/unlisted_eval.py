"""Real people on no list, searched against the five lists (issue 13, false matches).

Names nobody on the team wrote: INTERPOL red notices, US Congress members (OpenSanctions exports in
../shared/data/opensanctions) and the news persons labelled "not listed" in bench/news_eval2 (a
namesake of a listed person, labelled "-~", is left out). A red notice whose name scores 0.70 or more
against a listed entry born on the same day is the same person listed, and is left out too. Each
person lies in one half by a stable hash of its key: tune on `tuning`, report `test`.

    python bench/unlisted_eval.py --half tuning            # hits at >= 0.80, the tuning half
    python bench/unlisted_eval.py --half both --quiet      # counts only, both halves
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.name_eval import engine  # noqa: E402
from bench.name_eval.common import REPO  # noqa: E402

DATA = REPO.parent / "shared" / "data"
REPORT_AT = 0.80
SAME_PERSON_AT = 0.70


def half_of(key: str) -> str:
    return "tuning" if hashlib.sha256(key.encode()).digest()[0] % 2 == 0 else "test"


def interpol() -> Iterator[tuple[str, str, str]]:
    """(key, name, birth date) of each red notice name and alias."""
    path = DATA / "opensanctions/interpol_red_notices/2025-05-23/targets.simple.csv.gz"
    with io.TextIOWrapper(gzip.open(path), encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for name in {row["name"], *row["aliases"].split(";")} - {""}:
                yield f"interpol:{row['id']}", name.strip(), row["birth_date"].split(";")[0]


def congress() -> Iterator[tuple[str, str, str]]:
    reviewed = REPO / "bench/name_eval/congress_review.csv"
    namesakes = {r["name"] for r in csv.DictReader(reviewed.open()) if r["decision"] == "namesake"}
    path = DATA / "opensanctions/us_congress/senzing.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("RECORD_TYPE") != "PERSON":
                continue
            for name in {n.get("NAME_FULL", "") for n in record.get("NAMES", [])} - {"", *namesakes}:
                yield f"congress:{record['RECORD_ID']}", name, ""


def news() -> Iterator[tuple[str, str, str]]:
    """Surfaces of two words or more labelled "-" (not listed, no namesake note)."""
    for labels in ("corpus_labels.txt", "corpus_labels_tune.txt"):
        for line in (REPO / "bench/news_eval2" / labels).read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or " " not in line:
                continue
            for pair in line.split(" ", 1)[1].split("; "):
                surface, _, who = pair.rpartition("=")
                surface = surface.split("#")[0].strip()
                if who == "-" and len(surface.split()) >= 2:
                    yield f"news:{surface.casefold()}", surface, ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("tuning", "test", "both"), default="tuning")
    parser.add_argument("--quiet", action="store_true", help="counts only")
    parser.add_argument("--json", type=Path, help="write every hit at >= 0.80 here")
    args = parser.parse_args()

    store = engine.ensure_store(DATA, lambda m: print(m, file=sys.stderr))
    candidates = engine.load_candidates(store)
    births = {engine.key_of(c): {d[:10] for d in c.birth_dates} for c in candidates}
    index = engine.build(candidates)
    seen: set[tuple[str, str]] = set()
    counts: dict[str, list[int]] = {}
    hits: list[dict[str, object]] = []
    started = time.process_time()
    for origin in (interpol, congress, news):
        for key, name, born in origin():
            half = half_of(key)
            if args.half not in (half, "both") or (key, name) in seen:
                continue
            seen.add((key, name))
            found = engine.search(index, name, SAME_PERSON_AT, limit=5)
            if born and any(len(born) == 10 and born in births.get(k, ()) for k, _, _ in found):
                continue  # the same person listed
            tally = counts.setdefault(half, [0, 0])
            tally[0] += 1
            top = [(k, s, m) for k, s, m in found if s >= REPORT_AT]
            if top:
                tally[1] += 1
                hits.append(
                    {
                        "half": half,
                        "key": key,
                        "query": name,
                        "hit": top[0][0],
                        "score": top[0][1],
                        "name": top[0][2],
                    }
                )
    for half, (total, hit) in sorted(counts.items()):
        print(
            f"{half}: {hit} of {total} names at >= {REPORT_AT:.2f} ({time.process_time() - started:.0f} s CPU)"
        )
    if not args.quiet:
        for row in sorted(hits, key=lambda r: -float(str(r["score"]))):
            if row["half"] == "tuning":
                print(f"  {row['score']:.2f}  {row['query']!r} -> {row['name']!r} ({row['hit']})")
    if args.json:
        args.json.write_text(json.dumps(hits, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
