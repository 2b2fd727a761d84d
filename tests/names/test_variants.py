"""Other spellings of a name word: nominatives of inflected Cyrillic names, English-style Latin ones."""

from __future__ import annotations

from tracker.names.variants import latin_forms, nominative_forms


def test_nominative_forms_of_cyrillic_words() -> None:
    assert "Деркач" in nominative_forms("Деркача")
    assert "Андрей" in nominative_forms("Андрея")
    assert "Захарова" in nominative_forms("Захаровой")
    assert "Мария" in nominative_forms("Марии")
    assert "Андрій" in nominative_forms("Андрія")  # Ukrainian


def test_nominative_forms_never_give_the_word_itself_or_a_short_stem() -> None:
    assert "Деркач" not in nominative_forms("Деркач")
    assert nominative_forms("Ива") == ()  # a stem keeps at least three letters


def test_latin_forms_of_german_and_french_spellings() -> None:
    assert latin_forms("Abramowitsch") == ("Abramovich",)
    assert latin_forms("Poutine") == ("Poutin",)
    assert latin_forms("Prigojine") == ("Prigojin",)
    assert latin_forms("Jewgeni") == ("yewgeni",)  # case is folded later by the normaliser
    assert latin_forms("Schoigu") == ("shoigu",)
    assert latin_forms("Lavrov") == ()
