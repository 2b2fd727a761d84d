"""The Typer app and what every command shares: settings, the store, consoles, argument parsing."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import typer
from rich.console import Console
from sqlalchemy.engine import Engine

from tracker.dates import parse_date
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

app = typer.Typer(
    name="tracker",
    help="Keeps the world's public sanctions lists with their full history.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console()
err_console = Console(stderr=True)


def get_settings() -> Settings:
    try:
        return load_settings()
    except Exception as exc:  # pydantic validation: one line
        from tracker.errors import ConfigError

        raise ConfigError(f"bad TRACKER_* setting: {str(exc).splitlines()[0]}") from exc


def get_engine(settings: Settings) -> Engine:
    from tracker.store.db import open_engine

    return open_engine(settings.resolved_database_url)


def print_json(data: Any) -> None:
    """Machine-readable output: plain JSON on stdout (no colour, no wrapping)."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def fmt_day(value: datetime | str | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        return value[:10]
    return value.strftime("%Y-%m-%d")


def describe_mention(mention: dict[str, Any]) -> str:
    """One line for a news mention: date, where, and the sentence it came from."""
    sentence = " ".join(str(mention.get("sentence") or "").split())
    if len(sentence) > 120:
        sentence = sentence[:117] + "..."
    where = mention.get("article_title") or mention.get("article") or ""
    return f'mentioned {mention.get("article_date") or "?"} in {where}: "{sentence}"'
