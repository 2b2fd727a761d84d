"""JSON read strictly for screening input: a key given twice in one object is an error.

``json.loads`` keeps the last of two equal keys silently, so ``{"name": "Sergei Lavrov",
"name": "John Smith"}`` would screen John Smith alone: a false all clear (trial 2, item 6).
"""

from __future__ import annotations

from typing import Any


class RepeatedKey(ValueError):
    """A JSON object names the same key twice; ``key`` is that key."""

    def __init__(self, key: str) -> None:
        super().__init__(f"the key {key!r} is given twice in one object: give it once")
        self.key = key


def unique_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook`` for ``json.loads``: the object as a dict; RepeatedKey when a key is
    given twice (compared as written, so "name" and "Name" are two keys here)."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise RepeatedKey(key)
        result[key] = value
    return result
