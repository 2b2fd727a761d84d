"""Liveness, readiness and Prometheus metrics."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response

from tracker.api.deps import JSON, State
from tracker.api.errors import Problem
from tracker.api.state import NO_LIST

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> Any:
    """The process answers (no store access)."""
    return JSON({"status": "ok"})


@router.get("/readyz", responses={503: {"model": Problem, "description": "Not ready"}})
def readyz(state: State) -> Any:
    """200 once this worker has a name index loaded; 503 while it loads or no list is stored (a
    load is started in the background if none runs)."""
    holder = state.holder
    if holder.ready:
        return JSON({"status": "ready"})
    loading = holder.loading
    if not loading:
        holder.warm()
    detail = "the name index is loading" if loading else (holder.last_error or NO_LIST)
    retry = "5" if loading else "30"  # as /search says: a load takes seconds, a first sync minutes
    return JSON({"detail": detail}, status_code=503, headers={"Retry-After": retry})


@router.get("/metrics", response_class=Response, responses={200: {"content": {"text/plain": {}}}})
def metrics(state: State) -> Response:
    """Prometheus text format: requests by route and status, latency histograms, index loads."""
    from prometheus_client import CONTENT_TYPE_LATEST

    return Response(state.metrics.exposition(), media_type=CONTENT_TYPE_LATEST)
