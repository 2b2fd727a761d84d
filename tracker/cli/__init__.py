"""The `tracker` command. Each area registers its commands from its own module (lists, ...).

Errors and exit codes are handled once, by the root command (tracker.cli.app.TrackerGroup); every
line that reaches the terminal goes through tracker.cli.term.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer

# Command modules register their commands on `app` when imported: one module per area.
COMMAND_MODULES = ("lists", "diff", "export", "search", "news", "alerts", "schedule", "serve")


def _register_commands() -> None:
    for name in COMMAND_MODULES:
        if importlib.util.find_spec(f"tracker.cli.{name}") is not None:
            importlib.import_module(f"tracker.cli.{name}")


def build_app() -> typer.Typer:
    """The app with every command registered (tests use this with typer.testing.CliRunner)."""
    from tracker.cli.app import app

    _register_commands()
    return app


def main() -> None:
    """Console entry point: user mistakes and bad inputs end in one line, never a traceback.

    The modules are loaded here, not when this package is imported, so that a Ctrl-C while they
    load (a second or more on a busy machine) is the same one line and exit 130 as a Ctrl-C later
    (tracker.cli.app.TrackerGroup), not a traceback.
    """
    try:
        command = build_app()
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted; nothing half-applied is kept\n")
        sys.exit(130)
    command()
