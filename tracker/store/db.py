"""Engine and session factory. Migrations run automatically when a store is opened."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlmodel import create_engine

from tracker.errors import ConfigError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Create an engine; for SQLite, create the parent folder and tune it for one writer, many readers."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1] if "///" in url else ""
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, echo=echo, connect_args={"timeout": 60})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    try:
        return create_engine(url, echo=echo, pool_pre_ping=True)
    except Exception as exc:  # bad URL / missing driver: one clear line
        raise ConfigError(f"cannot use database URL {url!r}: {exc}") from exc


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's own implicit BEGIN is too late).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers don't block the writer
    cursor.execute("PRAGMA synchronous=NORMAL")  # durable at transaction boundaries under WAL
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=60000")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    # Writers take the write lock up front, so two syncs never interleave read-then-write.
    if connection.get_execution_options().get("write"):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One atomic write transaction: committed on success, rolled back on any error or kill."""
    with engine.connect() as connection:
        connection = connection.execution_options(write=True)
        with connection.begin():
            yield connection


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (idempotent)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = None
    with write_transaction(engine) as connection:
        if connection.dialect.name == "postgresql":  # two processes opening a fresh database at once
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7316482901)")
        config.attributes["connection"] = connection
        command.upgrade(config, "head")  # one head: tests/store/test_migrations.py checks it


_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*=\s*(.+)$", re.M)


def head_revisions() -> set[str]:
    """The head migration(s), read from the migration files (no Alembic import); one when the
    migrations are well-formed (branches end in a merge revision)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        for name, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8")):
            found = set(re.findall(r"[\"']([^\"']+)[\"']", value))
            (revisions if name == "revision" else parents).update(found)
    return revisions - parents


def _schema_is_current(engine: Engine) -> bool:
    """True when the database is at every head already: commands then skip Alembic (saves ~0.7 s)."""
    try:
        with engine.connect() as connection:
            rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    except Exception:  # no table yet: a new database
        return False
    return {row[0] for row in rows} == head_revisions()


def open_engine(url: str) -> Engine:
    """Engine with an up-to-date schema: what every command uses."""
    engine = make_engine(url)
    try:
        if _schema_is_current(engine):
            return engine
        migrate(engine)
    except ConfigError:
        raise
    except Exception as exc:
        raise ConfigError(f"cannot open database {_safe(url)}: {str(exc).splitlines()[0]}") from exc
    return engine


def _safe(url: str) -> str:
    """Hide a password in a URL before printing it."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url
