"""Golden cases of the score bounds' pruning: what the exact typo check must still find."""

from __future__ import annotations

import numpy as np
import pytest
from rapidfuzz.distance import Levenshtein

from tracker.matching import Candidate, NameIndex, score_name
from tracker.matching.bounds import _mask_distance, letter_mask
from tracker.matching.prepare import prepare_query
from tracker.records import EntityType, Name, NameKind

KHODORKOVSKIY = "Mikhail Borisovich KHODORKOVSKIY"


def _index(*names: str) -> NameIndex:
    return NameIndex.build(
        [
            Candidate(("ofac_sdn", str(i)), EntityType.INDIVIDUAL, [Name(full=n, kind=NameKind.PRIMARY)], n)
            for i, n in enumerate(names)
        ]
    )


@pytest.mark.parametrize(
    "query",
    [
        "Mikhail Gotorkovskiy",  # two substitutions and a kh/g: no blocking key meets it
        "Mikhail Khodorkofsgiy",  # two substitutions, one of them a consonant
    ],
)
def test_a_typo_the_blocking_keys_miss_is_still_found(query: str) -> None:
    index = _index(KHODORKOVSKIY, "Mikhail Petrovich IVANOV")
    parts = prepare_query(query).parts
    found = {index.tokens[t] for part in parts for t in index._part_matches(part)}
    assert "khodorkovskiy" not in found  # only the exact typo check behind the bound finds it
    expected = score_name(query, KHODORKOVSKIY)[0]
    assert expected >= 0.85
    assert [(m.key, m.score) for m in index.search(query)] == [(("ofac_sdn", "0"), expected)]


_WORDS = [
    "khodorkovskiy", "gotorkovskiy", "khodorkofsgiy", "ianukovich", "janukovic", "abdellatif",
    "abdullatif", "mhmd", "mSrf", "WlYd", "aaaa", "abab", "ba", "", "x", "z9", "1960", "ŝŝ",
]  # fmt: skip


def test_letter_masks_never_overstate_the_edit_distance() -> None:
    masks = np.array([letter_mask(b) for b in _WORDS], np.uint32)
    for a in _WORDS:
        bounds = _mask_distance(letter_mask(a), masks).tolist()
        for b, bound in zip(_WORDS, bounds, strict=True):
            assert bound <= Levenshtein.distance(a, b), (a, b)
    # and it does rule out: two letters that the other word lacks are two edits
    assert (
        _mask_distance(letter_mask("khodorkovskiy"), np.array([letter_mask("ianukovich")], np.uint32))[0] >= 3
    )


def test_two_query_words_written_as_one_abjad_word_keep_their_bound() -> None:
    # ABO GHAITH / أبوغيث: a joined pair found only through the listed word's abjad key
    listed = "سليمان جاسم سليمان علي أبوغيث"
    query = "ABO GHAITH, Sulaiman Jassem"
    index = _index(listed, "Sulaiman Jassem Sulaiman Ali Abo Ghaith")
    expected = score_name(query, listed)[0]
    assert expected >= 0.8
    assert (("ofac_sdn", "0"), expected) in [(m.key, m.score) for m in index.search(query)]
