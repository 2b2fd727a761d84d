"""Fixtures of the API tests: an app over a toy store (SQLite, or PostgreSQL with
TRACKER_TEST_DATABASE_URL), driven by FastAPI's TestClient."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient

from tests.toysource import TOY, write_list
from tracker.api.app import create_app
from tracker.api.config import ApiSettings
from tracker.pipeline import import_path

TOKEN = "test-token-1"
ROWS = {
    "29366": ("DERKACH, Andrii Leonidovych", "ELECTION-EO13848"),
    "29702": ("LIFSHITS, Artem Mikhaylovich", "CYBER2"),
    "40001": ("SHEVCHENKO, Oleksandr", "UKRAINE-EO13660"),
}


def api_settings(**overrides: object) -> ApiSettings:
    """Deterministic: the store is checked on every request and a stale index is reloaded before
    answering (no background thread racing the test)."""
    values: dict[str, object] = dict(
        token=TOKEN, check_seconds=0, reload_in_background=False, warm_on_start=False
    )
    values.update(overrides)
    return ApiSettings(**values)  # type: ignore[arg-type]


@pytest.fixture
def make_client(settings) -> Iterator[Callable[..., TestClient]]:
    """Builds clients over ``settings``' store; each is closed (engine disposed) at the end."""
    opened: list[TestClient] = []

    def make(**overrides: object) -> TestClient:
        client = TestClient(create_app(settings, api_settings(**overrides)), raise_server_exceptions=False)
        client.__enter__()
        opened.append(client)
        return client

    yield make
    for client in opened:
        client.__exit__(None, None, None)


@pytest.fixture
def stored(settings, engine, tmp_path):
    """The toy list of 2020-09-10, then of 2020-11-02 (Derkach's programmes amended, Lifshits
    delisted, Shevchenko kept)."""
    import_path(TOY, write_list(tmp_path, "a", "2020-09-10", ROWS), engine=engine, settings=settings)
    later = dict(ROWS)
    later["29366"] = ("DERKACH, Andrii Leonidovych", "ELECTION-EO13848;UKRAINE-EO13660")
    del later["29702"]
    import_path(
        TOY, write_list(tmp_path, "b", "2020-11-02", later), engine=engine, settings=settings, force=True
    )
    return engine


@pytest.fixture
def client(stored, make_client) -> TestClient:
    return make_client()
