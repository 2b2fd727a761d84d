"""HTTP API benchmark: /search throughput and latency with 16 concurrent clients over loopback, and
a /match of 100 queries, against `tracker serve` with every list loaded, 1 and 2 workers.

1. Builds (or reuses, with --work) a SQLite store holding the real files of the live lists in
   ../shared/data (OFAC SDN and consolidated, EU, UN, UK OFSI, Canada SEMA, Australia DFAT, US CSL)
   and warms the on-disk name index, so workers start in seconds.
2. Baseline: the same queries screened in process (tracker.screening, no HTTP), one at a time.
3. For 1 and 2 workers: starts `tracker serve --workers N`, waits until every worker is ready, then
   - closed loop: 16 clients on keep-alive connections, each sending its next /search as soon as the
     last answer came: the most requests/s, and p50/p99 latency at that load;
   - open loop at --rate (300/s, the issue's target load): requests start on a fixed schedule spread
     over the 16 connections; latency counts from the scheduled start (no coordinated omission).
   - /match with 100 queries in one request: median of 5.
   The load generator is a minimal asyncio HTTP/1.1 client (a few µs per request), running on the same
   2 cores as the server: the figures include its cost.
Queries: the 267 of bench/search_variants.csv (transliterations, scripts, typos, negatives), in turn.
Targets (issue 15): p50 <= 5 ms and p99 <= 50 ms at 300 requests/s; /match of 100 queries <= 0.5 s.

Usage: python bench/api_bench.py [--data ../shared/data] [--work DIR] [--seconds 15] [--rate 300]
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.api.support import serving  # noqa: E402
from tracker.settings import Settings  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
LISTS = [  # the live lists' real files (uk_fcdo has none: the retired OFSI list stands in)
    ("ofac_sdn", "ofac/2024-05-07/sdn.xml.gz"),
    ("ofac_cons", "ofac/2024-05-06/consolidated.xml.gz"),
    ("eu_fsf", "eu/2024-05-13/20240513-FULL-1_1.xml.gz"),
    ("un_sc", "un/2026-02-27/consolidated.xml.gz"),
    ("uk_ofsi", "uk/ofsi/2025-04-14/ConList.xlsx"),
    ("ca_sema", "canada/2020-04-15/sema-lmes.xml.gz"),
    ("au_dfat", "australia_dfat/2024-12-17/regulation8_consolidated.xlsx"),
    ("us_csl", "us_csl/2022-05-06/consolidated.csv.gz"),
]
DATED = {"ofac_sdn", "ofac_cons", "eu_fsf", "un_sc", "uk_ofsi"}  # the file states its own date
CLIENTS = 16
TARGET_P50_MS, TARGET_P99_MS, TARGET_RATE, TARGET_MATCH_S = 5.0, 50.0, 300, 0.5


def queries() -> list[str]:
    with (ROOT / "bench" / "search_variants.csv").open(encoding="utf-8") as fh:
        return [row["query"] for row in csv.DictReader(fh)]


def build_store(data: Path, work: Path) -> Settings:
    from tracker.pipeline import import_many
    from tracker.search import load_index
    from tracker.sources.registry import get_source
    from tracker.store.db import open_engine
    from tracker.store.timeline import stored_sources

    settings = Settings(data_dir=work, database_url=None)
    engine = open_engine(settings.resolved_database_url)
    try:
        with engine.connect() as conn:
            stored = set(stored_sources(conn))
        for source, relative in LISTS:
            if source in stored:
                continue
            started = time.perf_counter()
            # files that carry no date of their own are dated by their folder (YYYY-MM-DD...)
            when = None if source in DATED else datetime.fromisoformat(relative.split("/")[-2][:10])
            (result,) = import_many(
                get_source(source), [(data / relative, when)], engine=engine, settings=settings, refresh=False
            )
            print(f"  imported {source}: {result.entries:,} entries ({time.perf_counter() - started:.1f} s)")
        started = time.perf_counter()
        loaded = load_index(engine, settings)
        print(
            f"  name index: {len(loaded.facts):,} entries ({time.perf_counter() - started:.1f} s, cached on disk)"
        )
    finally:
        engine.dispose()
    return settings


def in_process(settings: Settings, names: list[str]) -> tuple[list[float], float]:
    """Latency in ms of each query screened in process (the baseline: no HTTP, no threads), and
    the CPU ms per query."""
    from tracker.screening.screen import Screening, lists_checked
    from tracker.search import load_index
    from tracker.store.db import open_engine
    from tracker.store.models import utcnow

    engine = open_engine(settings.resolved_database_url)
    try:
        loaded = load_index(engine, settings)
        options = dict(limit=10, threshold=0.8, sources=None, entity_type="any")
        for name in names[:20]:  # warm the caches as a server would be
            Screening(
                engine,
                loaded,
                lists_checked(engine, sources=None, as_of=None, max_age_days=0, now=utcnow()),
                options,
            ).run(name)
        times = []
        cpu = time.process_time()
        for name in names:
            started = time.perf_counter()
            checked = lists_checked(engine, sources=None, as_of=None, max_age_days=0, now=utcnow())
            Screening(engine, loaded, checked, options).run(name)
            times.append((time.perf_counter() - started) * 1000)
        return times, (time.process_time() - cpu) * 1000 / len(names)
    finally:
        engine.dispose()


# --- a minimal HTTP/1.1 keep-alive client ----------------------------------------------------------


class Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, port: int) -> Connection:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        return cls(reader, writer)

    async def request(self, method: str, target: str, body: bytes = b"") -> tuple[int, bytes]:
        head = f"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        if body:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        self.writer.write(head.encode("ascii") + b"\r\n" + body)
        status_line = await self.reader.readline()
        length = 0
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        payload = await self.reader.readexactly(length)
        return int(status_line.split()[1]), payload

    def close(self) -> None:
        self.writer.close()


def search_target(name: str) -> str:
    return f"/search?q={quote(name)}&max_age=0"


async def closed_loop(port: int, names: list[str], seconds: float) -> tuple[list[float], int]:
    """CLIENTS connections, each sending its next request when the last answer came."""
    connections = [await Connection.open(port) for _ in range(CLIENTS)]
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def client(index: int, conn: Connection) -> None:
        nonlocal errors
        turn = index
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            status, _ = await conn.request("GET", search_target(names[turn % len(names)]))
            latencies.append((time.perf_counter() - started) * 1000)
            errors += status != 200
            turn += CLIENTS

    await asyncio.gather(*(client(i, c) for i, c in enumerate(connections)))
    for conn in connections:
        conn.close()
    return latencies, errors


async def open_loop(port: int, names: list[str], seconds: float, rate: float) -> tuple[list[float], int]:
    """Requests started on a fixed schedule (``rate`` per second) over CLIENTS connections; a request
    whose connection is still busy waits, and that wait counts in its latency. A server that cannot
    keep up is not waited for: requests not started by twice the run's length are left out (the
    caller reports how many were answered)."""
    connections = [await Connection.open(port) for _ in range(CLIENTS)]
    total = int(seconds * rate)
    latencies: list[float] = []
    errors = 0
    start = time.perf_counter() + 0.05
    give_up = start + 2 * seconds

    async def client(index: int, conn: Connection) -> None:
        nonlocal errors
        for number in range(index, total, CLIENTS):
            due = start + number / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            elif time.perf_counter() > give_up:
                return
            status, _ = await conn.request("GET", search_target(names[number % len(names)]))
            latencies.append((time.perf_counter() - due) * 1000)
            errors += status != 200

    await asyncio.gather(*(client(i, c) for i, c in enumerate(connections)))
    for conn in connections:
        conn.close()
    return latencies, errors


async def match_times(port: int, names: list[str], runs: int = 5) -> list[float]:
    body = json.dumps({"queries": [{"name": n} for n in names[:100]]}).encode("utf-8")
    conn = await Connection.open(port)
    times = []
    for _ in range(runs + 1):  # the first warms the facts cache
        started = time.perf_counter()
        status, payload = await conn.request("POST", "/match", body)
        times.append(time.perf_counter() - started)
        assert status == 200 and len(json.loads(payload)["responses"]) == 100, payload[:200]
    conn.close()
    return times[1:]


def server_cpu(port: int) -> float:
    """CPU seconds used so far by the `tracker serve` process group listening on ``port`` (its
    workers included), from /proc: what a request costs whatever else runs on the machine."""
    ticks = os.sysconf("SC_CLK_TCK")
    group = None
    for stat in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if f"--port\0{port}\0".encode() in stat.read_bytes():
                group = os.getpgid(int(stat.parent.name))
                break
        except (OSError, ProcessLookupError):
            continue
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if group is not None and int(fields[2]) == group:  # fields[2]: pgrp; [11], [12]: utime, stime
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def wait_ready(base: str, workers: int) -> None:
    """Every worker has its index: /readyz answers 200 on many fresh connections in a row."""
    import httpx

    deadline = time.monotonic() + 300
    streak = 0
    while streak < 8 * workers:
        if time.monotonic() > deadline:
            raise SystemExit("workers not ready within 300 s")
        ok = httpx.get(f"{base}/readyz", timeout=30).status_code == 200
        streak = streak + 1 if ok else 0
        if not ok:
            time.sleep(0.5)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--work", type=Path, default=Path("/tmp/tracker-api-bench"))
    parser.add_argument("--seconds", type=float, default=15.0, help="per closed / open loop run")
    parser.add_argument("--rate", type=float, default=TARGET_RATE)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("store:")
    settings = build_store(args.data, args.work)
    names = queries()
    base_ms, base_cpu = in_process(settings, names)
    print(
        f"baseline, in process (no HTTP), one query at a time: p50 {pct(base_ms, 0.5):.1f} ms, "
        f"p99 {pct(base_ms, 0.99):.1f} ms, {1000 / statistics.mean(base_ms):.0f} queries/s, "
        f"{base_cpu:.1f} CPU ms per query"
    )
    env = {
        "TRACKER_DATA_DIR": str(settings.data_dir),
        "TRACKER_DATABASE_URL": settings.resolved_database_url,
        "TRACKER_MAX_LIST_AGE_DAYS": "0",
    }
    print(
        f"{'workers':>7} {'load':<24} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} {'CPU ms/req':>10}"
    )
    for workers in args.workers:
        with serving(env, "--workers", str(workers)) as base:
            wait_ready(base, workers)
            port = int(base.rsplit(":", 1)[1])
            asyncio.run(closed_loop(port, names, 2.0))  # warm-up
            cpu = server_cpu(port)
            lat, errors = asyncio.run(closed_loop(port, names, args.seconds))
            cpu_ms = (server_cpu(port) - cpu) * 1000 / max(1, len(lat))
            rate = len(lat) / args.seconds
            print(
                f"{workers:>7} {'closed, 16 clients':<24} {rate:>7.0f} {pct(lat, 0.5):>7.1f} "
                f"{pct(lat, 0.99):>7.1f} {errors:>6} {cpu_ms:>10.1f}"
            )
            cpu = server_cpu(port)
            lat, errors = asyncio.run(open_loop(port, names, args.seconds, args.rate))
            cpu_ms = (server_cpu(port) - cpu) * 1000 / max(1, len(lat))
            asked = int(args.seconds * args.rate)
            label = f"open, {args.rate:.0f}/s ({len(lat)}/{asked})"
            print(
                f"{workers:>7} {label:<24} {len(lat) / args.seconds:>7.0f} {pct(lat, 0.5):>7.1f} "
                f"{pct(lat, 0.99):>7.1f} {errors:>6} {cpu_ms:>10.1f}"
            )
            times = asyncio.run(match_times(port, names))
            print(
                f"{workers:>7} {'/match, 100 queries':<24} {'':>7} median {statistics.median(times):.2f} s (target {TARGET_MATCH_S} s)"
            )
    print(f"targets: p50 <= {TARGET_P50_MS} ms and p99 <= {TARGET_P99_MS} ms at {TARGET_RATE} requests/s")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
