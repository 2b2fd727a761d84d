"""When a scored span is evidence that a text names a listed person (the scanner's extra rules)."""

from __future__ import annotations

import pytest

from tracker.matching import prepare_name, prepare_query, score_prepared
from tracker.news.evidence import abjad_spelling_fits, inner_change, weak_evidence
from tracker.records import Name


def reason(text: str, listed: Name) -> str | None:
    result = score_prepared(prepare_query(text), prepare_name(listed))
    family = frozenset(listed.last.split()) if listed.last else frozenset()
    return weak_evidence(result.alignments, family)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("Anton Andreev", "Anton", "ANDREYEV"),  # family spelled differently only inside the word
        ("Volodymyr Zelenskyy", "Vladimir", "ZELENSKYY"),  # the same given name, another language
        ("Andrei Derkach", "Andrii", "DERKACH"),
    ],
)
def test_same_names_up_to_spelling_are_evidence(text: str, first: str, last: str) -> None:
    assert reason(text, Name(f"{last}, {first}", first=first, last=last)) is None


def test_a_family_name_that_only_resembles_is_rejected() -> None:
    listed = Name("ISHCHENKO, Viktor", first="Viktor", last="ISHCHENKO")
    assert reason("Viktor Yushchenko", listed) == "family name ISHCHENKO only resembles Yushchenko"


def test_a_different_given_name_or_an_initial_is_not_enough() -> None:
    listed = Name("PETROVA, Maria", first="Maria", last="PETROVA")
    assert reason("Marina Petrova", listed) == "no given name written out"
    assert reason("M. Petrova", listed) == "no given name written out"


def test_inner_change() -> None:
    assert inner_change("Andreev", "ANDREYEV")
    assert inner_change("Serhii", "Sergei", skeleton=True)
    assert not inner_change("Yushchenko", "ISHCHENKO")
    assert not inner_change("Marina", "Maria")
    assert not inner_change("Francesca", "Francesco")


@pytest.mark.parametrize(
    ("written", "listed", "fits"),
    [
        ("سليماني", "SOLEIMANI", True),
        ("لافروف", "LAVROV", True),
        ("زاخاروفا", "ZAKHAROVA", True),
        ("خامنئي", "KHAMENEI", True),
        ("هنية", "HANIYEH", True),
        ("موسى", "MUSA", True),
        ("أبو", "ABU", True),
        ("عبدالله", "ABDULLAH", True),
        ("إسماعيل", "ISMAIL", True),
        ("Putin", "PUTIN", True),  # not in the script: nothing to say
        ("وقال", "VAKILI", False),  # the final i is written in the script
        ("ممكنا", "MAKANI", False),  # a final ا is an a
        ("دارد", "DORDA", False),
        ("خامنه", "KAMMOUN", False),  # a final ه is a vowel or h
        ("خامنه", "KHIMINA", False),  # an inner ا is an a
        ("صادق", "SIDKI", False),
        ("قدس", "قدسية", False),  # both in the script: the same vowel letters
    ],
)
def test_abjad_spelling_fits(written: str, listed: str, fits: bool) -> None:
    assert abjad_spelling_fits(written, listed) is fits
