"""The `tracker` command. Each area registers its commands from its own module (lists, ...)."""

from __future__ import annotations

import os
import sys

from tracker.cli.app import app, err_console
from tracker.errors import TrackerError

# Command modules register themselves on `app` when imported (one line per area).
from tracker.cli import lists  # noqa: E402,F401  isort: skip


def main() -> None:
    """Console entry point: user mistakes and bad inputs end in one line, never a traceback."""
    try:
        app()
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
