"""The `tracker` command. Each area registers its commands from its own module (lists, ...)."""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys

import typer

from tracker.cli.app import app, err_console
from tracker.errors import TrackerError

# Command modules register their commands on `app` when imported: one module per area.
COMMAND_MODULES = ("lists", "diff", "export", "search", "news", "schedule")


def _register_commands() -> None:
    for name in COMMAND_MODULES:
        if importlib.util.find_spec(f"tracker.cli.{name}") is not None:
            importlib.import_module(f"tracker.cli.{name}")


def build_app() -> typer.Typer:
    """The app with every command registered (tests use this with typer.testing.CliRunner)."""
    _register_commands()
    return app


def main() -> None:
    """Console entry point: user mistakes and bad inputs end in one line, never a traceback."""
    try:
        build_app()()
    except TrackerError as exc:
        err_console.print(f"[red]error:[/red] {exc}", highlight=False)
        sys.exit(2)
    except KeyboardInterrupt:
        err_console.print("interrupted; nothing half-applied was kept")
        sys.exit(130)
    except Exception as exc:  # a bug, not the user's mistake: short by default
        if os.environ.get("TRACKER_DEBUG"):
            raise
        err_console.print(
            f"[red]internal error:[/red] {type(exc).__name__}: {exc} (TRACKER_DEBUG=1 shows the traceback)",
            highlight=False,
        )
        sys.exit(3)
