"""A pickle file that says which store state it was built from: the key first, then the object.

Used for the search index (data/index/names.pickle) and the news scan index (data/index/scan.pickle).
The key is written as a pickle of its own ahead of the object, so a stale cache is recognised by
reading a few bytes: after every sync or import the refresher used to unpickle the whole old index
(~1M objects, and a full garbage collection) only to find its key out of date.
"""

from __future__ import annotations

import gc
import os
import pickle
import tempfile
from pathlib import Path
from typing import TypeVar

from tracker.gcpause import no_cyclic_gc

T = TypeVar("T")

# What a cache written by another version of tracker (or cut short) raises when unpickled.
_UNREADABLE = (
    OSError,
    EOFError,
    pickle.UnpicklingError,
    AttributeError,
    ImportError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
)


def read(path: Path, key: str | None, kind: type[T], *, freeze: bool = False) -> T | None:
    """The object cached in ``path`` when it was written under ``key`` (None: any key) and is a
    ``kind``; else None (no file, another key, another format, a damaged file: the caller rebuilds).

    ``freeze``: for an object that lives until the next reload (the search index): what the last
    load froze goes back to the collector first, and the new object is frozen after loading
    (``gc.freeze``), so the collector's first full pass over ~1M fresh objects does not cost the
    first query about a second (measured in issue 9)."""
    # Unpickling makes up to millions of objects and no cycles: the collector stays off until they
    # are frozen, as any allocation with it back on (closing the file, leaving a block) collects the
    # young generation, every object just loaded (0.26 -> 0.37 CPU s for the five lists' scan index).
    with no_cyclic_gc():
        try:
            with path.open("rb") as fh:
                if pickle.load(fh) != key and key is not None:
                    return None
                if freeze and gc.get_freeze_count():
                    # A long-running process (tracker serve, schedule) reloading after a sync: the
                    # garbage among what the last load froze is freed now, once, instead of never.
                    gc.unfreeze()
                    gc.collect()
                loaded = pickle.load(fh)
        except _UNREADABLE:
            return None
        if not isinstance(loaded, kind):
            return None
        if freeze:
            gc.freeze()
        return loaded


def holds(path: Path, key: str) -> bool:
    """Was the cache in ``path`` written under ``key`` (read the key only, not the object)?"""
    try:
        with path.open("rb") as fh:
            return bool(pickle.load(fh) == key)
    except _UNREADABLE:
        return False


def write(path: Path, key: str, value: object) -> None:
    """Write ``value`` under ``key`` atomically (a temporary file renamed over ``path``). A data
    folder that cannot be written only costs a rebuild next time, so OSError is swallowed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as tmp:
            pickle.dump(key, tmp, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(value, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)
    except OSError:
        pass
