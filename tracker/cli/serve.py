"""`tracker serve`: the HTTP API and web page (tracker.api) under uvicorn."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.app import app, get_settings
from tracker.cli.term import note
from tracker.errors import UsageError
from tracker.scratch import scratch_folder


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0: every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Worker processes (each keeps its own name index).")
    ] = 1,
    log_level: Annotated[str, typer.Option(help="uvicorn log level: warning, info, debug.")] = "info",
) -> None:
    """Serve the JSON API (OpenAPI docs at /docs) and the web page at /.

    Set TRACKER_API_TOKEN to enable the endpoints that change state (sync, news scan, watchlist)."""
    import uvicorn

    from tracker.api.config import ApiSettings

    get_settings()  # a bad TRACKER_* setting: one line and exit 2 before any worker starts
    try:
        api = ApiSettings()
    except Exception as exc:
        raise UsageError(f"bad TRACKER_API_* setting: {str(exc).splitlines()[0]}") from None
    if log_level not in ("critical", "error", "warning", "info", "debug", "trace"):
        raise UsageError(f"unknown --log-level {log_level!r} (use warning, info or debug)")
    metrics_dir: Path | None = None
    if workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # /metrics then adds up every worker's counters (tracker.api.metrics). The folder is ours:
        # removed when the server stops, or by the next `serve` if this one is killed.
        metrics_dir = scratch_folder("metrics")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)
    if api.token is None:
        note("TRACKER_API_TOKEN is not set: POST /sync, /news/scan, /watch and DELETE /watch are off")
    try:
        uvicorn.run(
            "tracker.api.app:create_app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level=log_level,
            proxy_headers=False,
            http="tracker.api.protocol:JsonErrorsProtocol",  # its 400 for an unreadable request is JSON
        )
    finally:
        if metrics_dir is not None:
            os.environ.pop("PROMETHEUS_MULTIPROC_DIR", None)
            shutil.rmtree(metrics_dir, ignore_errors=True)
