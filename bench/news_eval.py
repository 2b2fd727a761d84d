"""Mention recall and precision on the labelled articles in bench/news_labelled/ (all lists loaded).

A prediction is a (source, source_id) named by an article; it counts as correct when labels.json
expects it for that article. Prints per-article misses and false alarms, then the totals.

    /tmp/venv/bin/python bench/news_eval.py
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from news_bench import load_entries  # noqa: E402

from tracker.matching import Candidate  # noqa: E402
from tracker.news.extract import extract, read_file  # noqa: E402
from tracker.news.persons import link_persons  # noqa: E402
from tracker.news.scan import ScanIndex  # noqa: E402

LABELLED = Path(__file__).resolve().parent / "news_labelled"


def main() -> None:
    labels = {
        k: v for k, v in json.loads((LABELLED / "labels.json").read_text()).items() if not k.startswith("_")
    }
    entries = load_entries()
    started = time.perf_counter()
    candidates = [Candidate.from_entry(key[0], e) for key, e in entries]
    index = ScanIndex.build(candidates, persons=link_persons(entries))
    print(f"index: {len(index):,} persons in {time.perf_counter() - started:.1f} s")
    names = {c.key: c.primary_name for c in index.candidates}
    true_pos = false_pos = false_neg = 0
    languages: dict[str, list[int]] = {}
    for file, label in sorted(labels.items()):
        content = extract(read_file(LABELLED / file), label=file)
        found = index.scan(content.text)
        # a person on several lists is one mention naming each listing: each listing is predicted
        predicted = {key for f in found for key in (f.listings or (f.key,))}
        expected = {tuple(k) for k in label["expected"]}
        hits, misses, alarms = predicted & expected, expected - predicted, predicted - expected
        true_pos, false_pos, false_neg = (
            true_pos + len(hits),
            false_pos + len(alarms),
            false_neg + len(misses),
        )
        counts = languages.setdefault(content.language or "?", [0, 0, 0])
        counts[0] += len(hits)
        counts[1] += len(alarms)
        counts[2] += len(misses)
        status = "ok" if not misses and not alarms else ""
        print(
            f"{file:<48} {content.language or '?':>3}  expected {len(expected):>2}  found {len(hits):>2}  {status}"
        )
        for key in sorted(misses):
            print(f"    missed      {key[0]}:{key[1]}  {names.get(key, '(not in index)')}")
        for key in sorted(alarms):
            texts = sorted({f.matched_text for f in found if key in (f.listings or (f.key,))})
            print(f"    false alarm {key[0]}:{key[1]}  {names[key]}  as {', '.join(texts)}")
    recall = true_pos / (true_pos + false_neg) if true_pos + false_neg else 1.0
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 1.0
    print()
    for lang, (tp, fp, fn) in sorted(languages.items()):
        print(f"  {lang}: {tp} found, {fn} missed, {fp} false alarms")
    print(
        f"articles {len(labels)}, expected mentions {true_pos + false_neg}, predicted {true_pos + false_pos}"
    )
    print(f"mention recall {recall:.3f} (target >= 0.95), precision {precision:.3f} (target >= 0.95)")


if __name__ == "__main__":
    main()
