"""The only module that touches tracker's store and search API (the entry points `tracker import` and
`tracker search` use), so that a move inside tracker costs one edit here.

- ``ensure_store``: the five list files imported once with `tracker import` into a SQLite store under
  bench/.cache (keyed by the files and tracker's parser code, so a parser change re-imports).
- ``load_candidates``: the current entries as `tracker search` loads them (``load_index``).
- ``build`` / ``search``: a fresh name index over candidates, and one query against it, returning
  ("source:id", score) pairs best first, as `tracker search --json` ranks them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from bench.name_eval.common import CACHE, LISTS, REPO

Result = list[tuple[str, float, str]]  # ("source:id", score, matched name), best first


def code_hash(*parts: str) -> str:
    """sha256 (12 hex) over tracker's Python files under the given parts of tracker/ (files or
    folders; all of tracker/ if none)."""
    digest = hashlib.sha256()
    for part in parts or ("",):
        root = REPO / "tracker" / part
        for path in [root] if root.is_file() else sorted(root.rglob("*.py")):
            digest.update(str(path.relative_to(REPO)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def ensure_store(data: Path, log: Callable[[str], None]) -> Path:
    """Folder of a store holding LISTS, importing them with `tracker import` on first use."""
    files = "|".join(f"{s}={r}:{(data / r).stat().st_size}" for s, r in LISTS.items())
    key = hashlib.sha256(files.encode()).hexdigest()[:8] + "-" + code_hash("sources", "store", "records.py")
    folder = CACHE / f"store-{key}"
    done = folder / "imported.ok"
    if done.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "TRACKER_DATA_DIR": str(folder)}
    env.pop("TRACKER_DATABASE_URL", None)
    for source, relative in LISTS.items():
        log(f"importing {source} ({relative}) into {folder} ...")
        command = [sys.executable, "-c", "from tracker.cli import main; main()", "import", source]
        subprocess.run([*command, str(data / relative)], env=env, check=True, stdout=subprocess.DEVNULL)
    done.write_text(files + "\n")
    for stale in CACHE.glob("store-*"):  # stores of older parser code or list files (~50 MB each)
        if stale != folder and stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
    return folder


def load_candidates(store: Path) -> list[Any]:
    """The stored current entries, as candidates of tracker's name index."""
    from tracker.search import load_index
    from tracker.settings import load_settings
    from tracker.store.db import open_engine

    settings = load_settings(data_dir=store, database_url=None)
    engine = open_engine(settings.resolved_database_url)
    try:
        return list(load_index(engine, settings).index.candidates)
    finally:
        engine.dispose()


def key_of(candidate: Any) -> str:
    source, source_id = candidate.key
    return f"{source}:{source_id}"


def without_names(candidates: Iterable[Any], keys: set[str], drop: Callable[[str], bool]) -> list[Any]:
    """Candidates with the names ``drop`` selects removed from those whose key is in ``keys``."""
    return [
        dataclasses.replace(c, names=[n for n in c.names if not drop(n.full)]) if key_of(c) in keys else c
        for c in candidates
    ]


def build(candidates: list[Any]) -> Any:
    from tracker.matching import NameIndex

    return NameIndex.build(candidates)


def default_threshold() -> float:
    from tracker.matching import DEFAULT_THRESHOLD

    return float(DEFAULT_THRESHOLD)


def search(index: Any, query: str, threshold: float, limit: int = 10, source: str = "") -> Result:
    """One query; ``source`` restricts it to one list (as `tracker search --source`). A query the
    search refuses (TrackerError: e.g. nothing left after normalisation) finds nothing."""
    from tracker.errors import TrackerError
    from tracker.search import LoadedIndex
    from tracker.search import search as run

    loaded = LoadedIndex(index, {}, None)
    try:
        rows = run(loaded, query, limit=limit, threshold=threshold, sources=[source] if source else None)
    except TrackerError:
        return []
    return [(f"{r['source']}:{r['source_id']}", float(r["score"]), str(r["matched_name"])) for r in rows]
