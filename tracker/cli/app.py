"""The Typer app and what every command shares: settings, the store, exit codes, argument parsing.

Exit codes (README "Exit codes"): 0 ran (also when the reader of stdout went away: ``| head``); 1 ran but something failed (a list did not sync, an input
could not be scanned) or, with ``search --fail-on-hit``, a match was found; 2 a user mistake or bad
input (one line on stderr); 3 an internal error (a bug: one line, TRACKER_DEBUG=1 for the
traceback); 4 no data to answer from (``search``: no list stored, or the lists are older than
TRACKER_MAX_LIST_AGE_DAYS); 130 interrupted.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Annotated, Any

import typer
from sqlalchemy.engine import Engine

# typer >= 0.29 vendors click; its exception classes are reachable only through this module.
from typer import _click as click
from typer.core import TyperGroup

from tracker.cli.term import console, err_console, error, flat, prepare_streams, shortened
from tracker.cli.term import print_json as print_json
from tracker.dates import parse_date
from tracker.errors import TrackerError
from tracker.settings import Settings, load_settings

# parse_date lives in tracker.dates (the API parses the same dates); commands import it from here.
__all__ = [
    "app",
    "console",
    "describe_mention",
    "err_console",
    "fmt_day",
    "get_engine",
    "get_settings",
    "parse_date",
    "print_json",
]

EXIT_OK = 0
EXIT_FAILED = 1  # ran, but a part failed; `search --fail-on-hit`: a match was found
EXIT_USAGE = 2  # a user mistake or bad input: one line on stderr, nothing stored touched
EXIT_INTERNAL = 3  # a bug
EXIT_NO_DATA = 4  # nothing (current) to answer from: no list stored, or lists older than the limit
EXIT_INTERRUPTED = 130
# README "Exit codes": each snapshot is applied in one transaction, so an interrupted one is rolled back
INTERRUPTED = "interrupted; nothing half-applied is kept"

_COMMAND_ENGINES: list[Engine] = []  # opened by the running command (get_engine); disposed at its end


class TrackerGroup(TyperGroup):
    """The root command. Runs a command and turns every way it can end into an exit code, with one
    line on stderr for an error (click's own usage errors included, which typer would draw as a box
    of several lines)."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        prepare_streams()
        try:
            with ctrl_c_never_lost():
                value = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            code = value if isinstance(value, int) else EXIT_OK
            if code == EXIT_INTERRUPTED:  # typer turns Ctrl-C into Exit(130)
                error(INTERRUPTED)
        except click.exceptions.NoArgsIsHelpError as exc:
            console.print(exc.format_message(), soft_wrap=True)
            code = EXIT_OK
        except click.exceptions.ClickException as exc:
            code = _usage_error(exc)
        except typer.Abort:
            error(INTERRUPTED)
            code = EXIT_INTERRUPTED
        except TrackerError as exc:
            error(exc)
            code = EXIT_USAGE
        except OSError as exc:
            code = _os_error(exc)
        except Exception as exc:  # a bug, not the user's mistake: short by default
            if os.environ.get("TRACKER_DEBUG"):
                raise
            error(f"internal error: {type(exc).__name__}: {exc} (TRACKER_DEBUG=1 shows the traceback)")
            code = EXIT_INTERNAL
        finally:
            _dispose_engines()
        code = _flush_stdout(code)
        if standalone_mode:
            sys.exit(code)
        return code

    def invoke(self, ctx: click.Context) -> Any:
        """The command; a reader of stdout that went away (``| head``) ends it quietly with 0 here,
        before click's own handler, which exits 1."""
        try:
            return super().invoke(ctx)
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise
            return _os_error(exc)


@contextmanager
def ctrl_c_never_lost() -> Iterator[None]:
    """Meanwhile, a Ctrl-C that Python drops is raised again.

    Python raises KeyboardInterrupt wherever the main thread is when Ctrl-C comes; when that is
    inside a finalizer or a weakref callback, it prints "Exception ignored in ..." with a traceback
    and goes on as if no Ctrl-C had come (seen in an interrupted import, in SQLAlchemy's callbacks).
    Here such a KeyboardInterrupt is dropped quietly and SIGINT sent again a moment later, to land
    in the command's own code.
    """
    previous = sys.unraisablehook

    def hook(unraisable: Any) -> None:
        if unraisable.exc_type is not None and issubclass(unraisable.exc_type, KeyboardInterrupt):
            again = threading.Timer(0.05, os.kill, (os.getpid(), signal.SIGINT))
            again.daemon = True
            again.start()
            return
        previous(unraisable)

    sys.unraisablehook = hook
    try:
        yield
    finally:
        sys.unraisablehook = previous


def _usage_error(exc: click.exceptions.ClickException) -> int:
    """A bad option or argument: click's message on one line, and where to read more."""
    message = flat(exc.format_message())
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.exceptions.UsageError) and ctx is not None:
        message = f"{message} (see `{ctx.command_path} --help`)"
    error(message)
    return EXIT_USAGE


def _flush_stdout(code: int) -> int:
    """Write out what is still buffered for stdout now, not at interpreter exit, where a reader
    that went away (`| head`) makes Python print "Exception ignored" and exit 120."""
    try:
        sys.stdout.flush()
    except OSError as exc:
        handled = _os_error(exc)  # EPIPE: stdout goes to /dev/null from here on
        return handled if code == EXIT_OK else code
    return code


def _os_error(exc: OSError) -> int:
    if exc.errno == errno.EPIPE:  # the reader went away (`tracker ... | head`): stop quietly, exit 0
        # what is still buffered for stdout goes nowhere, instead of failing again at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    if os.environ.get("TRACKER_DEBUG"):
        raise exc
    error(f"{exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}")
    return EXIT_USAGE


app = typer.Typer(
    name="tracker",
    cls=TrackerGroup,
    help="Keeps the world's public sanctions lists with their full history.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
)


def tracker_version() -> str:
    try:
        return version("tracker")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def _show_version(value: bool) -> None:
    if value:
        console.print(f"tracker {tracker_version()}")
        raise typer.Exit()


@app.callback()
def root(
    _version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Keeps the world's public sanctions lists with their full history."""


def get_settings() -> Settings:
    try:
        return load_settings()
    except Exception as exc:  # pydantic validation: one line
        from tracker.errors import ConfigError

        raise ConfigError(f"bad TRACKER_* setting: {str(exc).splitlines()[0]}") from exc


def get_engine(settings: Settings) -> Engine:
    """The store's engine for this command; its pooled connections close when the command ends
    (TrackerGroup.main disposes it).

    Without the dispose, every command run in one process (the tests, a notebook) keeps its pooled
    connections until garbage collection, which the search index's gc.freeze() can postpone for
    good: on PostgreSQL one test run exhausted the server's 100 connections.
    """
    from tracker.store.db import open_engine

    engine = open_engine(settings.resolved_database_url)
    _COMMAND_ENGINES.append(engine)
    return engine


def _dispose_engines() -> None:
    while _COMMAND_ENGINES:
        _COMMAND_ENGINES.pop().dispose()


def fmt_day(value: datetime | str | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        return value[:10]
    return value.strftime("%Y-%m-%d")


def describe_mention(mention: dict[str, Any]) -> str:
    """One line for a news mention: date, where, and the sentence it came from."""
    sentence = shortened(mention.get("sentence") or "", 120)
    from tracker.news.inputs import article_label

    where = shortened(article_label(mention.get("article") or "", mention.get("article_title")), 100)
    return f'mentioned {mention.get("article_date") or "?"} in {where}: "{sentence}"'
