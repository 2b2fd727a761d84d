"""Shared fixtures. Real official list files live in ../shared/data (never copied into the repo)."""

from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from sqlalchemy.engine import Engine

from tracker.settings import Settings
from tracker.store.db import open_engine

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def cli_runner(settings: Settings, **env: str) -> Callable[..., Result]:
    """``tracker`` as a user runs it, over ``settings``' store: ``invoke(*args, input=None, **extra)``
    (arguments as strings; ``extra``: CliRunner.invoke's own); ``env``: more variables."""
    from typer.testing import CliRunner

    from tracker.cli import build_app

    runner = CliRunner(
        env={
            "TRACKER_DATA_DIR": str(settings.data_dir),
            "TRACKER_DATABASE_URL": settings.resolved_database_url,
            **env,
        }
    )
    app = build_app()

    def invoke(*args: object, input: str | None = None, **extra: Any) -> Result:
        return runner.invoke(app, [str(a) for a in args], input=input, **extra)

    return invoke


def stderr_messages(stderr: str, label: str) -> list[str]:
    """The ``label`` messages ("warning", "note") of a command's stderr, each joined back into one
    line (they are wrapped to 80 columns, the rest indented by 2); fails on a line over 80 unless
    it is one word (a long path is kept whole)."""
    assert all(len(line) <= 80 or " " not in line.strip() for line in stderr.splitlines()), stderr
    messages: list[str] = []
    inside = False
    for line in stderr.splitlines():
        if line.startswith(f"{label}: "):
            messages.append(line)
            inside = True
        elif inside and line.startswith("  "):
            messages[-1] += " " + line.strip()
        else:
            inside = False
    return messages


def real_file(relative: str) -> Path:
    """Path to a real list file under ../shared/data; skip when absent, fail under CI=true."""
    path = SHARED_DATA / relative
    if not path.exists():
        message = f"real data file missing: {path} (../shared/data is not on this machine)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


# The server sessions a test opened (named by its schema), other than the one asking.
@pytest.fixture(autouse=True)
def _defaults_not_the_users_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests assert the documented defaults: a user's own TRACKER_* variables (a longer
    TRACKER_MAX_LIST_AGE_DAYS, another data dir) must not change them. TRACKER_TEST_* stay."""
    for name in list(os.environ):
        if name.startswith("TRACKER_") and not name.startswith("TRACKER_TEST_"):
            monkeypatch.delenv(name)


_SESSIONS_OF_TEST = "FROM pg_stat_activity WHERE application_name = :name AND pid <> pg_backend_pid()"


@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: SQLite in tmp_path, or a new PostgreSQL schema when
    TRACKER_TEST_DATABASE_URL points at a server (CI runs the suite both ways)."""
    base = os.environ.get("TRACKER_TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_path / 'tracker.db'}"
        return
    from sqlalchemy import create_engine, text

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    # The schema's name doubles as the connections' application_name, so that connections a
    # test leaves open can be found (the server has 100; a leak of one per command exhausted them).
    left_open: list[object] = []
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}&application_name={schema}"
    finally:
        _wait_for_closed_sessions(admin, schema)
        with admin.begin() as conn:
            left_open = conn.execute(
                text(f"SELECT pg_terminate_backend(pid) {_SESSIONS_OF_TEST}"),
                {"name": schema},
            ).all()
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    if left_open:
        # A warning, not a failure, while the API's leftover connections are open work (see the
        # issue 15 note); closing them above is what keeps a whole run within the server's limit.
        warnings.warn(
            f"the test left {len(left_open)} PostgreSQL connection(s) open (an engine not disposed?)",
            ResourceWarning,
            stacklevel=1,
        )


def _wait_for_closed_sessions(admin: Engine, schema: str, seconds: float = 2.0) -> None:
    """PostgreSQL keeps a session in pg_stat_activity for a moment after its client closed it (tens
    of milliseconds, more on a loaded machine): wait for the test's sessions to go before calling
    what is left a leak (without it, closed connections were reported as left open at random)."""
    import time

    from sqlalchemy import text

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with admin.connect() as conn:
            open_now = conn.execute(
                text(f"SELECT count(*) {_SESSIONS_OF_TEST}"),
                {"name": schema},
            ).scalar_one()
        if not open_now:
            return
        time.sleep(0.02)


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    return Settings(data_dir=tmp_path / "data", database_url=db_url)


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    engine = open_engine(settings.resolved_database_url)
    yield engine
    engine.dispose()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With TRACKER_TEST_DATABASE_URL set (CI's second pass), run only the tests that open a store
    (the ``db_url`` fixture, or the PostgreSQL case of the several-processes tests): the others do
    not touch a database and already ran, identically, in the SQLite pass."""
    if not os.environ.get("TRACKER_TEST_DATABASE_URL"):
        return
    keep: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        names = getattr(item, "fixturenames", ())
        params = getattr(getattr(item, "callspec", None), "params", {})
        uses_store = "db_url" in names or params.get("shared_url") == "postgresql"
        (keep if uses_store else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


@pytest.fixture
def no_index_refresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """For tests of stored history only: imports skip the post-sync refreshers (search index, scan
    index, watch alerts), which tests/test_pipeline.py covers. Rebuilding the name index after each of
    a test's full-list imports was a third of the slowest tests' time."""
    from tracker import pipeline

    monkeypatch.setattr(pipeline, "REFRESHERS", [])
