"""The `tracker` command. Each area registers its commands from its own module (lists, ...).

Errors and exit codes are handled once, by the root command (tracker.cli.app.TrackerGroup); every
line that reaches the terminal goes through tracker.cli.term.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer

# Command modules register their commands on `app` when imported: one module per area.
COMMAND_MODULES = ("lists", "diff", "export", "search", "news", "alerts", "schedule", "serve")
# Command groups whose every command one module registers: `tracker news scan` needs that module
# alone (the others' imports are ~0.1 s of a one-file scan's ~0.9 s on an idle machine).
GROUP_MODULES = {"news": "news", "watch": "news", "alerts": "alerts", "schedule": "schedule"}


def _register_commands(args: Sequence[str] | None = None) -> None:
    names: Sequence[str] = COMMAND_MODULES
    # only when the group is the first word (no root option before it, no shell completion): the
    # root's help and completion list every command
    if (
        args
        and args[0] in GROUP_MODULES
        and not any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ)
    ):
        names = (GROUP_MODULES[args[0]],)
    for name in names:
        if importlib.util.find_spec(f"tracker.cli.{name}") is not None:
            importlib.import_module(f"tracker.cli.{name}")


def build_app(args: Sequence[str] | None = None) -> typer.Typer:
    """The app with every command registered (tests use this with typer.testing.CliRunner); given
    the command line's ``args``, only the module of the group they call, when one module has it."""
    from tracker.cli.app import app

    _register_commands(args)
    return app


def main() -> None:
    """Console entry point: user mistakes and bad inputs end in one line, never a traceback.

    The modules are loaded here, not when this package is imported, so that a Ctrl-C while they
    load (a second or more on a busy machine) is the same one line and exit 130 as a Ctrl-C later
    (tracker.cli.app.TrackerGroup), not a traceback.
    """
    try:
        command = build_app(sys.argv[1:])
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted; nothing half-applied is kept\n")
        sys.exit(130)
    command()
