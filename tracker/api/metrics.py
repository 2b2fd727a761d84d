"""Prometheus metrics of one app: requests by route and status, latency, index loads.

Single process: a registry of the app's own (several apps in one process, as in tests, never clash).
Several workers (``tracker serve --workers N``): prometheus_client's multiprocess mode, switched on
by PROMETHEUS_MULTIPROC_DIR (``tracker serve`` sets a fresh folder when N > 1), so /metrics sums
every worker, whichever answers.
"""

from __future__ import annotations

import os
import time
from collections.abc import Awaitable, Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from starlette.requests import Request
from starlette.responses import Response

# Latency buckets in seconds: the targets are p50 <= 5 ms and p99 <= 50 ms for /search (issue 15).
BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0)


class Metrics:
    def __init__(self) -> None:
        self.multiprocess = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))
        # In multiprocess mode values go to files and are collected at scrape time (no registry).
        self.registry: CollectorRegistry | None = None if self.multiprocess else CollectorRegistry()
        self.requests = Counter(
            "tracker_http_requests_total",
            "HTTP requests answered, by route template and status code.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "tracker_http_request_duration_seconds",
            "Time to answer, by route template.",
            ["route"],
            buckets=BUCKETS,
            registry=self.registry,
        )
        self.index_loads = Counter(
            "tracker_index_loads_total",
            "Name index loads (start and after store changes).",
            registry=self.registry,
        )
        self.index_load_seconds = Gauge(
            "tracker_index_load_seconds",
            "Seconds the last name index load took.",
            registry=self.registry,
            multiprocess_mode="max",
        )
        self.index_names = Gauge(
            "tracker_index_entries",
            "Entries in the loaded name index.",
            registry=self.registry,
            multiprocess_mode="max",
        )

    def exposition(self) -> bytes:
        if self.registry is not None:
            return generate_latest(self.registry)
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry)

    async def middleware(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        started = time.perf_counter()
        status = 500
        try:
            response = await call_next(request)
            status = response.status_code
            return response
        finally:
            route = request.scope.get("route")
            # the route template (/entities/{source}/{source_id}), never the raw path: bounded labels
            template = getattr(route, "path", None) or "unmatched"
            self.requests.labels(request.method, template, str(status)).inc()
            self.latency.labels(template).observe(time.perf_counter() - started)
