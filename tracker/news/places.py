"""Territory names as the news scanner looks them up: rigour's table, read once and kept with the scan
index.

rigour's ``lookup_territory`` builds its table of ~25,700 normalised names (strong and weak names,
places) on first use, which takes ~2.5 s (measured on the shared 2-core machine): longer than a whole
`news scan` of one file may take with the cached index. The table is copied here when the index is
built and pickled with it; a lookup normalises the word the way rigour does
(``normalize_territory_name``) and reads the copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rigour.territories.util import SKIP_CHARACTERS, normalize_territory_name

# rigour's normalisation of an ASCII name, in C: its ASCII punctuation dropped, any other character
# but a letter or digit a space, runs of spaces one (rigour's, a loop in Python, was ~40 % of the
# lookups of a new scan's words: 5,400 on BBC 2004-05)
_ASCII_SKIP = str.maketrans("", "", "".join(c for c in SKIP_CHARACTERS if c.isascii()))
_ASCII_GAPS = re.compile(r"[^a-z0-9]+")


def territory_key(name: str) -> str:
    """``normalize_territory_name`` (what rigour's table is keyed by), with a fast path for ASCII."""
    if name.isascii():
        return _ASCII_GAPS.sub(" ", name.lower().translate(_ASCII_SKIP)).strip(" ")
    return normalize_territory_name(name)


@dataclass(slots=True, eq=False)  # hashed by identity: a cache key of lookups
class Places:
    """Normalised territory name -> ISO 3166 alpha-2 code (lower case) of the current country it
    names, or "" for a territory that is no current country (a region, a city, the Soviet Union);
    ``regions``: a region's or city's name -> the current country it lies in (Ohio -> us)."""

    names: dict[str, str] = field(default_factory=dict)
    regions: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_rigour(cls) -> Places:
        """rigour's table as ``lookup_territory`` reads it (its private builder: rigour has no public
        way to list the names, only to look one up)."""
        from rigour.territories.lookup import _get_territory_names

        table = _get_territory_names()
        return cls(
            {name: str(t.code) if t.is_country and not t.is_historical else "" for name, t in table.items()},
            {
                name: str(t.parent.code)
                for name, t in table.items()
                if not t.is_country
                and t.parent is not None
                and t.parent.is_country
                and not t.parent.is_historical
            },
        )

    def is_place(self, name: str) -> bool:
        """Is ``name`` a territory's name (or its people's: "Russian")?"""
        return territory_key(name) in self.names

    def country(self, name: str) -> str | None:
        """The current country ``name`` names, else None."""
        return self.names.get(territory_key(name)) or None

    def home_country(self, name: str) -> str | None:
        """The current country ``name`` names or lies in (Ohio, Bavaria: a person "from" there),
        else None."""
        key = territory_key(name)
        return self.names.get(key) or self.regions.get(key) or None


_DEFAULT: list[Places] = []


def default_places() -> Places:
    """The table read from rigour on first use (for callers without a scan index)."""
    if not _DEFAULT:
        _DEFAULT.append(Places.from_rigour())
    return _DEFAULT[0]


__all__ = ["Places", "default_places", "territory_key"]
