"""A date of birth alone never drops a name that reaches the threshold: "Andrii Derkach" with dob
1970-01-01 fell to 0.78 and the answer was "no match" (trial 1, item 4: a false all clear). The
match is kept at the threshold, flagged "dob differs", and ranked below the agreeing ones."""

from __future__ import annotations

from tests.candidates import loaded_index, person
from tracker.matching import DEFAULT_THRESHOLD
from tracker.matching.adjust import adjust
from tracker.search import find_matches

_DERKACH = person("ofac_sdn", "29366", "DERKACH, Andrii Leonidovych", "DERKACH, Andriy", dob="1967-08-19")


def test_a_name_at_the_threshold_is_kept_when_only_the_dob_differs() -> None:
    score, notes = adjust(0.98, _DERKACH, "1970-01-01", None, kept=0.8)
    assert score == 0.8
    assert notes[-1] == "dob differs: listed 1967-08-19; kept at the threshold, the name matches"
    # a name below the threshold is not lifted; a dob that agrees still raises
    assert adjust(0.75, _DERKACH, "1970-01-01", None, kept=0.8)[0] == 0.55
    assert adjust(0.9, _DERKACH, "1967", None, kept=0.8)[0] == 0.95
    # a country that differs too may still lower it: only a dob alone is kept
    assert adjust(0.98, _DERKACH, "1970-01-01", "ru", kept=0.8)[0] == 0.8


def test_search_reports_the_person_flagged_and_below_the_agreeing_ones() -> None:
    loaded = loaded_index(_DERKACH, person("eu_fsf", "1", "Andrii DERKACH", dob="1970-01-01"))
    found = find_matches(loaded, "Andrii Derkach", dob="1970-01-01")
    assert [(m.key, m.score) for m in found] == [
        (("eu_fsf", "1"), 1.0),
        (("ofac_sdn", "29366"), DEFAULT_THRESHOLD),
    ]
    assert "dob differs: listed 1967-08-19" in found[1].explanation
    # another name than the listed one is still no match with a wrong date
    assert find_matches(loaded, "Andrei Derkachenko", dob="1970-01-01") == []
