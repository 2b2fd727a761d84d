"""A note the list writes in parentheses after a name is no words of the name (second trial:
"Name1" found two DFAT entries, "surname only", through "(birth name)" and "(combat name)")."""

from __future__ import annotations

from tracker.matching import DEFAULT_THRESHOLD, Candidate, NameIndex
from tracker.matching.candidate import without_notes
from tracker.records import EntityType, ListEntry, Name, NameKind


def test_notes_are_cut_and_a_name_in_another_script_kept() -> None:
    names = [
        Name("Encep Nurjaman (birth name)", NameKind.AKA),
        Name("El Para (combat name)", NameKind.AKA),
        Name("Nik Mohammad (previously listed as)", NameKind.AKA),
        Name("Abu Bakr al-Jaziri (Previously listed as. In Arabic: أبوبكر الجزائري )", NameKind.AKA),
        Name("Falah-i-Insaniat Foundation (FIF)", NameKind.AKA),  # an acronym: no note
        Name("Rashid Al-Maghribi (The Moroccan)", NameKind.AKA),  # a translation: no note
    ]
    assert [(n.full, n.kind) for n in without_notes(names)] == [
        ("Encep Nurjaman", NameKind.AKA),
        ("El Para", NameKind.AKA),
        ("Nik Mohammad", NameKind.AKA),
        ("Abu Bakr al-Jaziri", NameKind.AKA),
        ("أبوبكر الجزائري", NameKind.AKA),
        ("Falah-i-Insaniat Foundation (FIF)", NameKind.AKA),
        ("Rashid Al-Maghribi (The Moroccan)", NameKind.AKA),
    ]


def test_a_word_of_a_note_finds_nobody_and_the_name_is_still_found() -> None:
    entry = ListEntry(
        "398",
        EntityType.INDIVIDUAL,
        [Name("Riduan Isamuddin"), Name("Encep Nurjaman (birth name)", NameKind.AKA)],
    )
    index = NameIndex.build([Candidate.from_entry("au_dfat", entry)])
    assert index.search("Name1") == []
    assert index.search("Birth") == []
    (found,) = index.search("Encep Nurjaman")
    assert found.key == ("au_dfat", "398") and found.score >= DEFAULT_THRESHOLD
