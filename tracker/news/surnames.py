"""Surnames common in English-language news for other reasons than the lists: the US Census 1990's.

A bare surname ("Jones said", "Hitting Chaplin") names a listed person only when it is distinctive
(``ScanIndex.bare_surname_owner``). A surname that hundreds of thousands of Americans bear (JONES,
CHAPLIN, MILLER) is not, whoever the lists hold: in English text it is far more often someone else
(bench/news_eval2 tuning half: "Jones" for Alex Jones, "Chaplin" for the town Chaplyne, each bound
to a person on three or four lists). The list: ``data/us_surnames_1990.txt`` (its header gives the
source and the cut: names of at least 0.001 % of the population, 18,839).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def common_surnames() -> frozenset[str]:
    """The Census list's surnames, lower case ASCII (read on first use: ~5 ms)."""
    text = files("tracker.news").joinpath("data/us_surnames_1990.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


__all__ = ["common_surnames"]
