"""The `tracker` command. Each area registers its commands from its own module (lists, ...).

Errors and exit codes are handled once, by the root command (tracker.cli.app.TrackerGroup); every
line that reaches the terminal goes through tracker.cli.term.
"""

from __future__ import annotations

import importlib
import importlib.util

import typer

from tracker.cli.app import app

# Command modules register their commands on `app` when imported: one module per area.
COMMAND_MODULES = ("lists", "diff", "export", "search", "news", "alerts", "schedule", "serve")


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
    build_app()()
