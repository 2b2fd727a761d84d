"""Result rows: display name, weak alias, and the words for dates (tracker.screening.results)."""

from __future__ import annotations

from tracker.records import Name, NameKind
from tracker.screening.results import display_name, is_weak_alias, since_text


def test_display_name_is_the_primary_latin_name():
    names = [Name("DERKACH, Andrii"), Name("Андрій Деркач", NameKind.AKA, script="Cyrl")]
    assert display_name(names, "x") == "DERKACH, Andrii"


def test_a_non_latin_primary_gives_way_to_the_english_or_unmarked_latin_alias():
    names = [
        Name("Дмитрий ПЕСКОВ", NameKind.PRIMARY, script="Cyrl"),
        Name("Dmitrij PESKOV", NameKind.AKA, lang="sv"),
        Name("Dmitry PESKOV", NameKind.AKA),
        Name("Dima", NameKind.WEAK_AKA),
    ]
    assert display_name(names, "Дмитрий ПЕСКОВ") == "Dmitry PESKOV"
    assert display_name(names[:2], "Дмитрий ПЕСКОВ") == "Dmitrij PESKOV"  # a Latin name before none
    assert display_name([names[0], names[3]], "Дмитрий ПЕСКОВ") == "Dima"
    assert display_name(names[:1], "Дмитрий ПЕСКОВ") == "Дмитрий ПЕСКОВ"


def test_a_primary_in_another_language_gives_way_to_an_english_or_unmarked_strong_alias():
    """The EU's first name (taken as primary) is often its Swedish variant (trial 1: news and search
    showed "Vladimir Vladimirovitj PUTIN")."""
    names = [
        Name("Vladimir Vladimirovich POUTINE", NameKind.AKA, lang="fr"),
        Name("Vladimir Vladimirovich PUTIN", NameKind.AKA),
        Name("Vladimir Vladimirovitj PUTIN", NameKind.PRIMARY, lang="sv"),
    ]
    assert display_name(names, "x") == "Vladimir Vladimirovich PUTIN"
    assert (
        display_name([names[0], names[2]], "x") == "Vladimir Vladimirovitj PUTIN"
    )  # the primary among others
    weak = [Name("Dmitrij PESKOV", NameKind.PRIMARY, lang="sv"), Name("Dima", NameKind.WEAK_AKA)]
    assert display_name(weak, "x") == "Dmitrij PESKOV"  # never a weak alias over the primary
    former = [Name("ACME SARL", NameKind.PRIMARY, lang="fr"), Name("ACME LTD", NameKind.FKA)]
    assert display_name(former, "x") == "ACME SARL"  # nor a former name


def test_weak_alias_only_when_the_name_is_listed_only_as_weak():
    names = [Name("ACME LTD"), Name("ACME", NameKind.WEAK_AKA), Name("ACME CO", NameKind.WEAK_AKA)]
    assert is_weak_alias(names, "ACME") and is_weak_alias(names, "acme")
    assert not is_weak_alias(names, "ACME LTD")
    assert not is_weak_alias([*names, Name("ACME CO", NameKind.AKA)], "ACME CO")
    assert not is_weak_alias(names, "something else")


def test_designated_and_first_seen_never_share_a_word():
    assert since_text("2020-09-10", "2024-05-07") == "designated 2020-09-10"
    assert since_text(None, "2024-05-07T00:00:00") == "first seen 2024-05-07 (first stored snapshot with it)"
    assert (
        since_text("2020", "2024-05-07", "2025-01-02")
        == "designated 2020; removed 2025-01-02 (first snapshot without it)"
    )
    assert since_text(None, None) == ""


def test_of_english_aliases_one_sharing_a_word_with_the_primary_is_shown():
    """The EU's Wagner Group (primary "Wagner Csoport", Hungarian) showed as "League", the first of
    its English aliases in the stored (alphabetical) order; "Zachar PRILEPIN" as "Yevgeniy LAVLINSKIY"."""
    wagner = [
        Name("League", NameKind.AKA, lang="en"),
        Name("Liga", NameKind.AKA, lang="en"),
        Name("Wagner Csoport", NameKind.PRIMARY, lang="hu"),
        Name("Wagner Group", NameKind.AKA),
    ]
    assert display_name(wagner, "x") == "Wagner Group"
    prilepin = [
        Name("Yevgeniy LAVLINSKIY", NameKind.AKA),
        Name("Yevgeniy Nikolaevich PRILEPIN", NameKind.AKA),
        Name("Zachar PRILEPIN", NameKind.PRIMARY, lang="sv"),
    ]
    assert display_name(prilepin, "x") == "Yevgeniy Nikolaevich PRILEPIN"
    # none shares a word: the first English alias, as before
    assert display_name([wagner[0], wagner[1], Name("Csoport", NameKind.PRIMARY, lang="hu")], "x") == "League"
