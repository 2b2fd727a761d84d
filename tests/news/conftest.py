"""Setup shared by the news tests."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from tests.toysource import CANON, write_entries
from tracker.pipeline import import_path
from tracker.settings import Settings

THREE_LISTS = (("toy", "29366"), ("toy_eu", "EU.1"), ("toy_uk", "UKR0001"))


@pytest.fixture
def derkach_on_three_lists(engine: Engine, settings: Settings, tmp_path: Path) -> tuple[tuple[str, str], ...]:
    """DERKACH, Andrii Leonidovych with one full date of birth on three lists, stored: one person
    (tracker.news.persons). Returns his (source, key) listings."""
    for source, key in THREE_LISTS:
        entry = {
            "source_id": key,
            "entity_type": "individual",
            "names": [{"full": "DERKACH, Andrii Leonidovych", "kind": "primary"}],
            "birth_dates": ["1967-08-19"],
            "programs": ["P"],
        }
        path = write_entries(tmp_path, source, "2020-09-10", [entry])
        import_path(dataclasses.replace(CANON, name=source), path, engine=engine, settings=settings)
    return THREE_LISTS
