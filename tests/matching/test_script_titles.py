"""Golden cases of the religious titles of Afghan and Iranian names written in the Arabic script
(issue 13, Arabic / Persian family): قاري (Qari) and استاد (Ustad) are dropped from the start of a
name as their Latin spellings are, and the name after them still has to match."""

from __future__ import annotations

import pytest

from tests.candidates import person
from tracker.matching import DEFAULT_THRESHOLD, NameIndex, score_name


@pytest.mark.parametrize(
    ("query", "listed", "expected"),
    [
        ("قاري سیف الله توخى", "Qari Saifullah Tokhi", 0.9),  # was 0.643: قاري a word the name lacks
        ("قاري سیف الله توخى", "Saifullah Tokhi", 0.9),
        ("استاد محمد یاسر", "Ustad Mohammad YASIR", 0.975),
        ("قاري", "QARI", 0.95),  # alone it is a name still
    ],
)
def test_qari_and_ustad_in_the_script_are_titles(query: str, listed: str, expected: float) -> None:
    assert score_name(query, listed)[0] == expected


def test_a_title_does_not_stand_for_the_name() -> None:
    assert score_name("قاري عبد الله توخى", "Qari Saifullah Tokhi")[0] == 0.3857


def test_the_index_finds_the_name_after_the_title() -> None:
    index = NameIndex.build(
        [person("eu_fsf", "1", "Qari Saifullah Tokhi"), person("eu_fsf", "2", "Abdullah TOKHI")]
    )
    found = [(m.key[1], m.score) for m in index.search("قاري سیف الله توخى", threshold=DEFAULT_THRESHOLD)]
    assert found == [("1", 0.9)]
