"""Python's cycle collector paused while a large structure without cycles is built or unpickled.

Building or loading an index allocates millions of objects that stay alive and form no cycles; their
allocation keeps triggering full collections over everything alive, which find nothing. Garbage
without cycles is still freed at once by reference counting. Measured (five real lists, load 4-9,
2026-11-30): the search index's cold build 6.8 -> 5.3 CPU s (tracker.matching.index), the news scan
index's 10.0 -> 7.5 CPU s.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """The cycle collector off inside the block, and back on after it if it was on before (nested
    uses and a caller that had it off are left as they were). Usable as a decorator too."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def long_lived() -> Iterator[None]:
    """Around the making of a structure that lives until the next one replaces it (the search index):
    what an earlier use froze goes back to the collector first, and everything alive after the block
    is frozen (``gc.freeze``), as tracker.keyed_cache.read does for a loaded index. Else the
    collector's first full pass over the ~1M fresh objects falls on a search: 0.68 -> 0.03 CPU s of
    the first Arabic-script query's near-key table (five lists, load 11, 2026-11-30).

    The collector stays off until the freeze, as ``keyed_cache.read`` keeps it: back on, the first
    allocation collected the young generation, every object just made (about 0.5 of the index build's
    6-8 CPU s, five lists, load 4, 2026-12-01). Garbage with cycles made inside the block is frozen
    with it, and freed by the next ``long_lived`` or frozen read."""
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        gc.freeze()
    finally:
        if enabled:
            gc.enable()
