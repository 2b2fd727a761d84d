"""The application factory: ``create_app(settings)`` builds one app (engine, index holder, routers,
error handlers, metrics); ``create_app_from_env`` is what uvicorn calls in each worker
(``tracker serve``). Nothing is built at import."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from tracker.api.config import ApiSettings
from tracker.api.state import ApiState, IndexHolder, Searchable
from tracker.settings import Settings

log = logging.getLogger(__name__)


def create_app(settings: Settings, api: ApiSettings | None = None) -> FastAPI:
    """An app over the store of ``settings`` (migrated when opened). When the app shuts down (its
    lifespan), a background sync starts no further list, and it and a background index load are
    waited for (up to a minute each) before the engine is disposed."""
    from tracker.api import errors
    from tracker.api.metrics import Metrics
    from tracker.api.routes import actions, entries, health, search, web
    from tracker.api.syncs import SyncRunner
    from tracker.store.db import open_engine

    api = api or ApiSettings()
    engine = open_engine(settings.resolved_database_url)
    metrics = Metrics()

    def loaded(searchable: Searchable, seconds: float) -> None:
        metrics.index_loads.inc()
        metrics.index_load_seconds.set(seconds)
        metrics.index_names.set(len(searchable.loaded.facts))
        log.info("name index loaded: %d entries in %.1f s", len(searchable.loaded.facts), seconds)

    holder = IndexHolder(engine, settings, api, on_load=loaded)
    syncs = SyncRunner(engine, settings)
    state = ApiState(settings=settings, api=api, engine=engine, holder=holder, metrics=metrics, syncs=syncs)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if api.warm_on_start:
            holder.warm()
        try:
            yield
        finally:
            syncs.stop(timeout=60)  # no further list starts; a list being applied lands first
            holder.join(timeout=60)
            engine.dispose()

    app = FastAPI(
        title="tracker",
        version=_version(),
        summary="Sanctions lists with their full history: screening, entries, changes, diffs, news.",
        description='The same answers as the `tracker` command line. Errors are `{"detail": "one line"}`: '
        "400 a bad query, 404 an unknown id, 422 an unreadable request, 503 while no list is loaded. "
        "POST /sync (answered at once: poll GET /sync/{run_id}), /news/scan, /watch, /alerts/ack and "
        "DELETE /watch/{id} need "
        "`Authorization: Bearer TRACKER_API_TOKEN` and are off without one.",
        lifespan=lifespan,
        docs_url=None,  # served by routes/web.py from vendored files (FastAPI's own loads a CDN)
        redoc_url=None,
    )
    app.state.tracker = state
    errors.install(app)
    app.middleware("http")(metrics.middleware)
    for module in (search, entries, actions, health):
        app.include_router(module.router)
    web.mount(app)
    return app


def create_app_from_env() -> FastAPI:
    """The factory uvicorn calls in each worker: settings from the environment (TRACKER_*;
    `tracker serve` has checked them already)."""
    from tracker.settings import load_settings

    return create_app(load_settings(), ApiSettings())


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tracker")
    except PackageNotFoundError:  # a source tree that was never installed
        return "unknown"
