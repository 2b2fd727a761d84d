"""Sync benchmark: prints seconds, entries/s and peak memory for

1. a full sync of the OFAC SDN XML of 2024-05-07 from a local HTTP server into a fresh SQLite database,
2. an unchanged re-sync (one conditional request, no parsing),
3. an import of all 308 daily OFAC SDN CSV versions (2021-08-18 -> 2024-05-03, jackdwyer history),
   in order into a fresh store ("history"), and the same into a store that already holds the later
   SDN XML of 2024-05-07, so that every file is inserted before it ("history_ooo"; issue 11 asks for
   no more than 2x the in-order time),
4. a full sync of each other source from its real file (EU, UN, OFAC consolidated, UK OFSI).

Each phase runs in a child process so its peak memory (max RSS) is its own. The search-index refresh
the pipeline runs after a sync or import that changed the store is left out (refresh=False): it is the
search's cost (bench/search_eval.py), and these figures stay comparable with earlier runs.
Usage: python bench/sync_bench.py [--data ../shared/data] [--only sync,history,history_ooo,sources]
                                  [--versions N]  (the first N daily versions only; default all 308)
"""

from __future__ import annotations

import argparse
import gzip
import multiprocessing as mp
import re
import resource
import sys
import tarfile
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.localserver import ServedFile, ServerState, serve  # noqa: E402
from tracker.pipeline import import_many, sync_source  # noqa: E402
from tracker.settings import Settings  # noqa: E402
from tracker.sources.registry import get_source  # noqa: E402
from tracker.store.db import open_engine  # noqa: E402

HISTORY = "ofac/jackdwyer_daily/sdn_csv_history_2021-08-18_2024-05-03.tar.xz"
MEMBER_TIME = re.compile(r"sdn_(\d{8}T\d{4})Z\.csv$")
OTHER_SOURCES = {
    "eu_fsf": "eu/2024-05-13/20240513-FULL-1_1.xml.gz",
    "un_sc": "un/2026-02-27/consolidated.xml.gz",
    "ofac_cons": "ofac/2024-05-06/consolidated.xml.gz",
    "uk_ofsi": "uk/ofsi/2025-04-14/ConList.xlsx",
}


def _settings(workdir: Path) -> Settings:
    return Settings(data_dir=workdir, database_url=f"sqlite:///{workdir / 'tracker.db'}")


def phase_sync(data: Path, workdir: Path, out: Any) -> None:
    """Full sync then unchanged re-sync of the 2024-05-07 SDN XML from a local server."""
    body = gzip.decompress((data / "ofac/2024-05-07/sdn.xml.gz").read_bytes())
    settings = _settings(workdir)
    engine = open_engine(settings.resolved_database_url)
    spec = get_source("ofac_sdn")
    with serve(ServerState(files={"/sdn.xml": ServedFile(body)})) as base:
        start = time.perf_counter()
        first = sync_source(spec, engine=engine, settings=settings, url=f"{base}/sdn.xml", refresh=False)
        full = time.perf_counter() - start
        start = time.perf_counter()
        second = sync_source(spec, engine=engine, settings=settings, url=f"{base}/sdn.xml", refresh=False)
        again = time.perf_counter() - start
    assert first.status == "accepted", first.reason
    assert second.status == "unchanged", second.reason
    out.put(("full sync, SDN XML 2024-05-07 (14,966 entries)", full, first.entries, _peak_mb()))
    out.put(("unchanged re-sync (HTTP 304)", again, 0, _peak_mb()))


VERSIONS = 308


def phase_history(data: Path, workdir: Path, out: Any, *, later_first: bool = False) -> None:
    """Import the daily CSV versions in order with import_many (a worker parses ahead); with
    ``later_first``, into a store that already holds the SDN XML of 2024-05-07."""
    settings = _settings(workdir)
    engine = open_engine(settings.resolved_database_url)
    spec = get_source("ofac_sdn")
    if later_first:
        later = sync_source(
            spec,
            engine=engine,
            settings=settings,
            url=str(data / "ofac/2024-05-07/sdn.xml.gz"),
            refresh=False,
        )
        assert later.status == "accepted", later.reason
    start = time.perf_counter()
    with tarfile.open(data / HISTORY, "r:xz") as tar, tempfile.TemporaryDirectory() as tmp:
        items = []
        for member in tar:  # members are stored in time order; read them in one pass
            match = MEMBER_TIME.search(member.name)
            if match and len(items) < VERSIONS:
                path = Path(tmp) / member.name
                path.write_bytes(tar.extractfile(member).read())  # type: ignore[union-attr]
                items.append((path, datetime.strptime(match.group(1), "%Y%m%dT%H%M")))
        unpacked = time.perf_counter() - start
        done = 0

        def progress(_item: Any, result: Any) -> None:
            nonlocal done
            assert result.status == "accepted", (_item, result.reason)
            done += 1
            if done % 50 == 0:
                print(
                    f"  ... {done}/{len(items)} versions, {time.perf_counter() - start:.0f} s",
                    file=sys.stderr,
                )

        results = import_many(
            spec, items, engine=engine, settings=settings, force=True, on_result=progress, refresh=False
        )
    entries = sum(r.entries for r in results)
    where = "before the stored 2024-05-07 XML" if later_first else "in order, fresh store"
    out.put((f"  (unpacking the tar.xz: {unpacked:.1f} s, included below)", unpacked, 0, _peak_mb()))
    out.put(
        (
            f"import of {len(results)} daily SDN CSV versions, {where}",
            time.perf_counter() - start,
            entries,
            _peak_mb(),
        )
    )


def phase_history_ooo(data: Path, workdir: Path, out: Any) -> None:
    phase_history(data, workdir, out, later_first=True)


def phase_sources(data: Path, workdir: Path, out: Any) -> None:
    for name, relative in OTHER_SOURCES.items():
        settings = _settings(workdir / name)
        engine = open_engine(settings.resolved_database_url)
        start = time.perf_counter()
        result = sync_source(
            get_source(name), engine=engine, settings=settings, url=str(data / relative), refresh=False
        )
        assert result.status == "accepted", (name, result.reason)
        out.put(
            (
                f"full sync, {name} ({relative.split('/')[1]})",
                time.perf_counter() - start,
                result.entries,
                _peak_mb(),
            )
        )


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


PHASES = {
    "sync": phase_sync,
    "history": phase_history,
    "history_ooo": phase_history_ooo,
    "sources": phase_sources,
}


def _run_phase(name: str, versions: int, data: Path, workdir: Path, out: Any) -> None:
    global VERSIONS
    VERSIONS = versions
    PHASES[name](data, workdir, out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--only", default=",".join(PHASES))
    parser.add_argument("--versions", type=int, default=VERSIONS, help="daily versions to import")
    args = parser.parse_args()
    if not (args.data / "ofac").exists():
        sys.exit(f"real list files not found under {args.data} (pass --data)")
    print(f"{'phase':<72} {'seconds':>8} {'entries/s':>10} {'peak MB':>8}")
    figures: dict[str, float] = {}
    for name in args.only.split(","):
        queue: Any = mp.Queue()
        with tempfile.TemporaryDirectory() as workdir:
            child = mp.Process(target=_run_phase, args=(name, args.versions, args.data, Path(workdir), queue))
            child.start()
            child.join()
            while not queue.empty():
                label, seconds, entries, peak = queue.get()
                rate = f"{entries / seconds:,.0f}" if entries and seconds else "-"
                print(f"{label:<72} {seconds:>8.2f} {rate:>10} {peak:>8.0f}")
                figures[label] = seconds
            if child.exitcode:
                print(f"{name}: failed (exit {child.exitcode})")
    in_order = [s for label, s in figures.items() if label.endswith("in order, fresh store")]
    later = [s for label, s in figures.items() if label.endswith("before the stored 2024-05-07 XML")]
    if in_order and later:
        print(f"out of order / in order: {later[0] / in_order[0]:.2f}x (target: at most 2x)")


if __name__ == "__main__":
    main()
