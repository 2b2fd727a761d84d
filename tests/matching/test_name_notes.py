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


def test_un_notes_and_birth_facts_glued_to_an_alias_are_cut() -> None:
    """The UN list's aliases "Abdel Ilah Sabri (false identity related to ...)" and "Safia Farkash
    Mohammed Al-Hadad, born 1 Jan. 1953 (Oman passport ...)": searched by the name, the UN entry
    scored 0.44 (every word of the note missing from the query); Born is a family name too."""
    names = [
        Name("Safia Farkash Mohammed Al-Hadad, born 1 Jan. 1953 (Oman passport no.03825239, expiry 2024.)"),
        Name("Abdel Ilah Sabri (false identity related to fraudulent identification number 6910275240086)"),
        Name("Khirullah Said Wali Khairkhwa, born in Kandahar on 01 Jan.1967"),
        Name("Mohammad Ishaq Akhund born in 1963"),
        Name("Abubakar (original script: Абубакар)"),
        Name("Max Born", first="Max", last="Born"),
        Name("Anna Born Smith"),
    ]
    assert [n.full for n in without_notes(names)] == [
        "Safia Farkash Mohammed Al-Hadad",
        "Abdel Ilah Sabri",
        "Khirullah Said Wali Khairkhwa",
        "Mohammad Ishaq Akhund",
        "Abubakar",
        "Абубакар",
        "Max Born",
        "Anna Born Smith",
    ]
    assert list(without_notes([Name("Max Born", first="Max", last="Born")]))[0].last == "Born"


def test_names_one_field_holds_are_apart() -> None:
    """UN "X (CAGL) ; GREAT LAKES BUSINESS COMPANY (GLBC)", OFSI "DANA HOLDINGS A.K.A DANA ASTRA":
    each a name of its own; a name that begins or ends in AKA is one name."""
    names = [
        Name("COMPAGNIE AERIENNE DES GRANDS LACS (CAGL) ; GREAT LAKES BUSINESS COMPANY (GLBC)", NameKind.AKA),
        Name("DANA HOLDINGS A.K.A DANA ASTRA", NameKind.AKA),
        Name("MOSTOTREST; OPEN JOINT STOCK COMPANY 'MOSTOTREST'"),
        Name("JSC Almaz-Antey MSDB, f.k.a., Otkrytoe Aktsionernoe Obshchestvo Almaz", NameKind.AKA),
        Name("AKA INTEGRAL SERVICES, S. DE R.L. DE C.V."),
        Name("YK-AKA"),
    ]
    assert [(n.full, n.kind) for n in without_notes(names)] == [
        ("COMPAGNIE AERIENNE DES GRANDS LACS (CAGL)", NameKind.AKA),
        ("GREAT LAKES BUSINESS COMPANY (GLBC)", NameKind.AKA),
        ("DANA HOLDINGS", NameKind.AKA),
        ("DANA ASTRA", NameKind.AKA),
        ("MOSTOTREST", NameKind.PRIMARY),
        ("OPEN JOINT STOCK COMPANY 'MOSTOTREST'", NameKind.PRIMARY),
        ("JSC Almaz-Antey MSDB", NameKind.AKA),
        ("Otkrytoe Aktsionernoe Obshchestvo Almaz", NameKind.AKA),
        ("AKA INTEGRAL SERVICES, S. DE R.L. DE C.V.", NameKind.PRIMARY),
        ("YK-AKA", NameKind.PRIMARY),
    ]


def test_an_alias_with_glued_facts_is_found_by_its_name() -> None:
    entry = ListEntry(
        "690780",
        EntityType.INDIVIDUAL,
        [
            Name("SAFIA FARKASH AL-BARASSI"),
            Name(
                "Safia Farkash Mohammed Al-Hadad, born 1 Jan. 1953 (Oman passport no.03825239)", NameKind.AKA
            ),
        ],
    )
    other = ListEntry(
        "1", EntityType.ENTITY, [Name("GREAT LAKES BUSINESS COMPANY (GLBC); CAGL", NameKind.PRIMARY)]
    )
    index = NameIndex.build([Candidate.from_entry("un_sc", entry), Candidate.from_entry("un_sc", other)])
    (found,) = index.search("Safia Farkash Mohammed Al-Hadad")
    assert found.key == ("un_sc", "690780") and found.score >= 0.99
    assert index.search("Oman passport") == []
    (company,) = index.search("Great Lakes Business Company")
    assert company.key == ("un_sc", "1") and company.score >= 0.99


def test_a_place_in_square_brackets_is_no_word_of_the_name() -> None:
    """EU "Political Security Directorate [Syria]" (96 names of the list of 2024-05-13): the exact
    name scored 0.75; CSL writes other names in brackets after "aka"."""
    names = [
        Name("Political Security Directorate [Syria]", NameKind.AKA),
        Name(
            "Astronautics Research Institute [aka Astronautics Systems Research Center, Aerospace Research]"
        ),
        Name("[Syria]"),
        Name("X [Y] Z"),
    ]
    assert [n.full for n in without_notes(names)] == [
        "Political Security Directorate",
        "Astronautics Research Institute",
        "Astronautics Systems Research Center",
        "Aerospace Research",
        "[Syria]",
        "X [Y] Z",
    ]
    entry = ListEntry("6510", EntityType.ENTITY, [Name("Political Security Directorate [Syria]")])
    index = NameIndex.build([Candidate.from_entry("eu_fsf", entry)])
    (found,) = index.search("Political Security Directorate")
    assert found.score == 1.0
    assert index.search("Syria") == []
