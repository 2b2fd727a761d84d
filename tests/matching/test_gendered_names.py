"""Golden cases: a given or family name of the other gender counts against (issue 13: Olga / Oleg,
Aleksandra / Aleksandr, Yevgenia / Yevgeni scored 0.82 and more)."""

from __future__ import annotations

from tracker.matching import DEFAULT_THRESHOLD, score_name


def test_a_given_name_of_the_other_gender_is_another_person() -> None:
    score, explanation = score_name("Olga Derkach", "DERKACH, Oleg")
    assert score == 0.4286  # family name 1.5 / (1.5 + given missing 1 + query word 1)
    assert "Olga / Oleg: the other gender's form of the name (another person)" in explanation
    assert score_name("Aleksandra Derkach", "DERKACH, Aleksandr")[0] == 0.4286
    assert score_name("Yevgenia Prigozhin", "PRIGOZHIN, Yevgeni")[0] < DEFAULT_THRESHOLD


def test_a_family_name_of_the_other_gender_is_another_person() -> None:
    # the wife or daughter carries the feminine family name
    score, explanation = score_name("Yevgeni Prigozhina", "PRIGOZHIN, Yevgeni Viktorovich")
    assert score < DEFAULT_THRESHOLD
    assert "Prigozhina / PRIGOZHIN: the other gender's form of the name" in explanation


def test_a_patronymic_of_the_other_gender_conflicts() -> None:
    score, explanation = score_name("Nikolai Ivanovna Patrushev", "PATRUSHEV, Nikolai Ivanovich")
    assert score < DEFAULT_THRESHOLD
    assert "conflicting middle name or patronymic Ivanovna / Ivanovich" in explanation


def test_spellings_of_one_gender_still_match() -> None:
    assert score_name("Olga Derkach", "DERKACH, Olga")[0] == 1.0
    assert score_name("Aleksandra Zakharova", "ZAKHAROVA, Alexandra")[0] >= 0.9
    assert score_name("Yevgeniy Prigozhin", "PRIGOZHIN, Evgeny Viktorovich")[0] >= 0.9
