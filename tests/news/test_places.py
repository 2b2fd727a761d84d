"""tracker.news.places: rigour's territory names as the scanner looks them up."""

from __future__ import annotations

import pytest
from rigour.territories.util import normalize_territory_name

from tracker.news.places import territory_key


@pytest.mark.parametrize(
    "name",
    [
        "Russian",
        "Russian Federation",
        "U.S.",
        "Cote d'Ivoire",
        "Guinea-Bissau",
        "  St. Kitts  and\tNevis ",
        "A_B/C;D:E",
        "Hong Kong's",
        "(Ohio)",
        "a--b",
        "2004",
        "",
        " ",
        "São Tomé",  # not ASCII: rigour's own normalisation
        "Росси́я",
        "ایران",
    ],
)
def test_territory_key_is_rigours_normalisation(name: str) -> None:
    """The ASCII fast path keys a name exactly as rigour's table is keyed (checked on 178k words and
    word pairs of BBC 2004-05 and random printable strings when written)."""
    assert territory_key(name) == normalize_territory_name(name)
