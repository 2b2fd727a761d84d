"""Screening through the store (tracker.screening.screen): identifier searches and the facts each
answer row carries (issue 13 items 3 and 4), on a canonical toy list."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.toysource import CANON, write_entries
from tracker.pipeline import import_path
from tracker.screening.screen import Screening, lists_checked
from tracker.search import load_index

VESSEL = {
    "source_id": "25352",
    "entity_type": "vessel",
    "names": [{"full": "SAVIZ", "kind": "primary"}],
    "identifiers": [{"type": "Vessel Registration Identification", "number": "IMO 9405978"}],
    "details": {"call_sign": "UBRR", "vessel_flag": "Iran"},
    "programs": ["IRGC"],
}
PERSON = {
    "source_id": "136072",
    "entity_type": "individual",
    "names": [
        {"full": "Дмитрий Сергеевич ПЕСКОВ", "kind": "primary", "script": "Cyrl"},
        {"full": "Dmitry Sergeyevich PESKOV", "kind": "aka", "script": "Latn"},
        {"full": "Dima", "kind": "weak_aka"},
    ],
    "identifiers": [{"type": "Passport", "number": "F275043", "country": "Russia"}],
    "birth_dates": ["1967-10-17"],
    "nationalities": ["Russia"],
    "programs": ["UKR"],
}


@pytest.fixture
def screening(settings, engine, tmp_path):
    path = write_entries(tmp_path, "canon", "2026-11-01", [VESSEL, PERSON])
    import_path(CANON, path, engine=engine, settings=settings)
    checked = lists_checked(engine, sources=None, as_of=None, max_age_days=0, now=datetime(2026, 11, 2))
    return Screening(engine, load_index(engine, settings), checked, {"limit": 10, "threshold": 0.8})


@pytest.mark.parametrize(
    ("query", "source_id", "matched"),
    [
        ("IMO 9405978", "25352", "Vessel Registration Identification IMO 9405978"),
        ("9405978", "25352", "Vessel Registration Identification IMO 9405978"),
        ("ubrr", "25352", "Call sign UBRR"),
        ("f-275043", "136072", "Passport F275043"),
    ],
)
def test_an_identifier_query_answers_with_the_entry_exactly(screening, query, source_id, matched):
    (row,) = screening.run(query)
    assert (row["source_id"], row["match_kind"], row["score"], row["matched_name"]) == (
        source_id,
        "identifier",
        1.0,
        matched,
    )
    assert row["explanation"].startswith(f"identifier {matched} = {query} (exact")
    assert row["snapshot"]["source"] == "canon" and row["snapshot"]["date"] == "2026-11-01"


def test_a_row_shows_what_tells_namesakes_apart_under_the_primary_latin_name(screening):
    (row,) = screening.run("Dmitriy Peskov")
    assert row["name"] == "Dmitry Sergeyevich PESKOV"  # not the Cyrillic primary name
    assert (row["birth_dates"], row["nationalities"], row["programs"]) == (
        ["1967-10-17"],
        ["Russia"],
        ["UKR"],
    )
    assert (row["match_kind"], row["weak_alias"]) == ("name", False)
    assert row["snapshot"] == {
        "source": "canon",
        "snapshot_id": row["snapshot"]["snapshot_id"],
        "date": "2026-11-01",
    }
    (weak,) = screening.run("Dima", threshold=0.0, entity_type="person")
    assert (weak["matched_name"], weak["weak_alias"]) == ("Dima", True)
