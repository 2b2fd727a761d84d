"""The rapidfuzz baseline of bench/search_eval.py (token_sort_ratio over ASCII-folded names, best name
per entry), evaluated in batches.

``Baseline.search`` costs ~60-90 ms a query (one `process.extract` over ~84k names); 20,000 queries
would take half an hour. ``BatchBaseline`` scores a block of queries at once with `process.cdist`
(~4 ms a query on one core, measured on this machine) over the very same strings and owners, and
takes the best name per entry. It equals ``Baseline.search`` at rank 1; in the top 10 it may keep an
entry that ``Baseline.search`` loses because its 50 best names all belong to fewer than 10 entries.
Latency is measured with ``Baseline.search`` itself, on a sample.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from bench.search_eval import Baseline
from tracker.names import normalize_text  # the fold Baseline applies to names (search_eval.py)

BLOCK = 64  # queries per cdist call: 64 x 84k float32 scores = 21 MB

__all__ = ["Baseline", "BatchBaseline"]


class BatchBaseline:
    def __init__(self, candidates: Sequence[Any]) -> None:
        self.baseline = Baseline(list(candidates))
        owners = self.baseline.owner
        self.keys: list[str] = []
        starts: list[int] = []
        for position, owner in enumerate(owners):
            key = f"{owner[0]}:{owner[1]}"
            if not self.keys or self.keys[-1] != key:  # a candidate's names are contiguous
                self.keys.append(key)
                starts.append(position)
        self.starts = np.array(starts, np.int64)
        self.sources = np.array([k.split(":", 1)[0] for k in self.keys])

    def search_many(
        self, queries: Sequence[tuple[str, str]], limit: int = 10
    ) -> list[list[tuple[str, float, str]]]:
        """(query, source or "") -> ("source:id", score 0-1, "") best first, ``limit`` each."""
        results: list[list[tuple[str, float, str]]] = []
        strings = self.baseline.strings
        for begin in range(0, len(queries), BLOCK):
            block = queries[begin : begin + BLOCK]
            scores = process.cdist(
                [normalize_text(q) for q, _ in block],
                strings,
                scorer=fuzz.token_sort_ratio,
                dtype=np.float32,
                workers=1,
            )
            best = np.maximum.reduceat(scores, self.starts, axis=1)
            for row, (_, source) in zip(best, block, strict=True):
                if source:
                    row = np.where(self.sources == source, row, -1.0)
                top = np.argpartition(-row, limit)[:limit]
                top = top[np.lexsort((top, -row[top]))]
                results.append([(self.keys[i], float(row[i]) / 100, "") for i in top if row[i] > 0])
        return results
