"""A one-word query in an abjad script follows the one-word rules by its spelling on the lists: a
bare "محمد" scored 1.0 as a name match against the one-word alias محمد of Akram Muhammad AL-SALTI,
while Latin "Mohammed" was (rightly) no match (trial 1): the Arabic writing is rare on the lists,
the name is not."""

from __future__ import annotations

import pytest

from tests.candidates import loaded_index, person
from tracker.matching.rarity import Rarity
from tracker.search import LoadedIndex, find_matches


@pytest.fixture(scope="module")
def loaded() -> LoadedIndex:
    mohammeds = [
        person("ofac_sdn", f"9{i:02d}", f"MOHAMMED, Given{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}")
        for i in range(200)
    ]
    return loaded_index(
        person("eu_fsf", "142826", "Akram Muhammad AL-SALTI", "محمد"),
        person("ofac_sdn", "35096", "PUTIN, Vladimir Vladimirovich", "بوتين"),
        *mohammeds,
    )


def test_a_common_name_in_arabic_script_alone_is_no_match(loaded: LoadedIndex) -> None:
    assert find_matches(loaded, "محمد") == []
    assert find_matches(loaded, "Mohammed") == []
    found = find_matches(loaded, "محمد", threshold=0)
    assert found[0].key == ("eu_fsf", "142826")
    assert found[0].score == 0.7188  # counted as Mohammed: 200 entries, x0.72
    assert "one word (on 200 entries: x0.72)" in found[0].explanation


def test_a_rare_name_in_arabic_script_alone_still_matches(loaded: LoadedIndex) -> None:
    assert [m.key[1] for m in find_matches(loaded, "بوتين")] == ["35096"]


def test_abjad_count_takes_the_most_common_spelling() -> None:
    rarity = Rarity.of({"mohammed": 1900, "muhammad": 900, "ali": 1300})
    assert rarity.abjad_count("mhmd") == 1900
    assert rarity.abjad_count("btn") == 0
    assert rarity.count("mhmd") == 0  # a Latin word keeps its own count
