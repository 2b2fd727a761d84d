"""Endpoints that change state, behind the bearer token (TRACKER_API_TOKEN; off without one):
sync the lists, scan news, edit the watchlist, acknowledge alerts.

Nothing here reads a path or a file:// URL of the server: lists come from their official (or
TRACKER_SOURCE_URLS) addresses, articles from http(s) URLs or the text sent.
"""

from __future__ import annotations

import io
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from tracker.api.bodies import StrictJsonRoute
from tracker.api.deps import JSON, Authorized, State
from tracker.api.errors import ERROR_RESPONSES, NOT_FOUND, Problem
from tracker.dates import parse_date
from tracker.errors import UsageError
from tracker.matching.query import MAX_QUERY_CHARS

AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "Missing or wrong bearer token"},
    403: {"model": Problem, "description": "Off: no TRACKER_API_TOKEN configured"},
}
router = APIRouter(
    tags=["actions"],
    dependencies=[Authorized],
    responses={**ERROR_RESPONSES, **AUTH_RESPONSES},
    route_class=StrictJsonRoute,
)


class SyncRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sources: list[str] | None = Field(default=None, description="Default: every live list.")
    force: bool = Field(default=False, description="Apply even if a sanity guard trips.")


class ScanRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    urls: list[str] = Field(default_factory=list, max_length=100, description="Article URLs (http/https).")
    feeds: list[str] | None = Field(
        default=None,
        max_length=100,
        description="Feed URLs; default: the registered feeds when no other input.",
    )
    text: str | None = Field(default=None, max_length=5_000_000, description="One article's text or HTML.")
    date: str | None = Field(default=None, description="The articles' date YYYY-MM-DD when they carry none.")
    rescan: bool = False


class WatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=MAX_QUERY_CHARS, description="A name or SOURCE:ID.")


class AckRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ids: list[int] | None = Field(default=None, description="Alert ids; null acknowledges every one.")


class SyncStarted(BaseModel):
    """A sync started in the background: poll ``poll`` (GET /sync/{run_id}) for its outcome."""

    run_id: int
    status: str = Field(description="running")
    sources: list[str]
    poll: str


class SyncRun(BaseModel):
    """A sync started over the API: running, then ok (every list synced) or failed (a list failed,
    or the server stopped first), or abandoned (the server process died). ``results``: one per
    source, as `tracker sync --json`, once finished."""

    run_id: int
    status: str
    started_at: str | None
    finished_at: str | None
    sources: list[str] | None
    ok: bool | None
    results: list[dict[str, Any]] | None
    error: str | None


BUSY: dict[int | str, dict[str, Any]] = {
    409: {"model": Problem, "description": "A sync started over the API still runs in this worker"}
}


@router.post("/sync", status_code=202, response_model=SyncStarted, responses=BUSY)
def sync(state: State, body: SyncRequest) -> Any:
    """Start downloading the lists that changed and recording the changes (`tracker sync`), in the
    background: the answer (202) comes at once with the run's id; GET /sync/{run_id} tells when it
    is done and what each list gave. 409 while this worker's previous sync runs."""
    from tracker.sources.registry import get_source, live_sources

    specs = [get_source(name) for name in body.sources] if body.sources else live_sources()
    run_id = state.syncs.start(specs, force=body.force)
    poll = f"/sync/{run_id}"
    return JSON(
        {"run_id": run_id, "status": "running", "sources": [s.name for s in specs], "poll": poll},
        status_code=202,
        headers={"Location": poll},
    )


@router.get("/sync/{run_id}", response_model=SyncRun, responses=NOT_FOUND)
def sync_status(state: State, run_id: int) -> Any:
    """A sync started by POST /sync: its status and, once finished, each list's result. 404 for an
    unknown run id."""
    from tracker.api.syncs import sync_run

    return JSON(sync_run(state.engine, run_id))


@router.post("/news/scan")
def news_scan(state: State, body: ScanRequest) -> Any:
    """Scan articles for listed persons and store the mentions (`tracker news scan --json`);
    without input, every registered feed. 400 when there is nothing to scan."""
    from tracker.pipeline import scan_news

    for url in [*body.urls, *(body.feeds or [])]:
        if not url.startswith(("http://", "https://")):
            raise UsageError(f"{url!r} is not an http(s) URL")
    when = parse_date(body.date, option="date")
    stdin = io.BytesIO(body.text.encode("utf-8")) if body.text is not None else None
    done = scan_news(
        engine=state.engine,
        settings=state.settings,
        urls=body.urls,
        feeds=body.feeds,
        stdin=stdin,
        date=when,
        rescan=body.rescan,
        webhook_url=state.settings.alert_webhook,
    )
    if done.nothing_to_scan:
        raise UsageError(
            "nothing to scan: give urls, feeds or text, or register feeds with `tracker news feeds add`"
        )
    return JSON(
        {
            **done.counts(),
            "mentions": done.mentions,
            "alerts": done.alerts,
            "failures": done.failures,
            "notes": done.notes,
        }
    )


@router.post("/watch", status_code=201, responses=NOT_FOUND)
def watch_add(state: State, body: WatchRequest) -> Any:
    """Watch a name or SOURCE:ID (`tracker watch add`): alerts on new mentions and list changes.
    404 for a SOURCE:ID not in the store."""
    from tracker.news.alerts import add_watch
    from tracker.views import known_sources

    with state.engine.connect() as conn:
        known = known_sources(conn)
    return JSON(add_watch(state.engine, body.name, known).as_json(), status_code=201)


@router.delete("/watch/{watch}", responses=NOT_FOUND)
def watch_remove(state: State, watch: str) -> Any:
    """Stop watching (by id, name or SOURCE:ID) and forget its alerts. 404 when not watched."""
    from tracker.news.alerts import remove_watch

    return JSON(remove_watch(state.engine, watch).as_json())


@router.post("/alerts/ack", responses=NOT_FOUND)
def alerts_ack(state: State, body: AckRequest, every: Annotated[bool, Query(alias="all")] = False) -> Any:
    """Acknowledge alerts by id, or every one with ``?all=true`` (`tracker alerts ack`)."""
    from tracker.news.alerts import acknowledge

    if bool(body.ids) == every:
        raise UsageError("give alert ids or all=true")
    return JSON({"acknowledged": acknowledge(state.engine, None if every else list(body.ids or []))})
