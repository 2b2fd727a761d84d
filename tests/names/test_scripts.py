"""The one script detector: the majority-of-letters rule, kana, letters only, and every caller agreeing."""

from __future__ import annotations

import pytest

from tracker.names.scripts import detect_script, script_counts
from tracker.news.extract import detect_language
from tracker.records import EntityType, NameKind
from tracker.sources import ofac_common, uk_common
from tracker.sources.un_record import split_alias

# Three detectors used to disagree on this name: OFAC's said Cyrillic (first non-Latin script), the
# EU/UN/UK one and the news reader said Latin.
MIXED = "ООО Smart Systems International"


@pytest.mark.parametrize(
    ("text", "script"),
    [
        (MIXED, "Latn"),  # 3 Cyrillic letters, 25 Latin
        ("OOO Меркурий", "Cyrl"),  # company form typed in Latin, name in Cyrillic
        ("Мiĸалай Iванавiч ДОЛЯ", "Cyrl"),  # Latin homoglyphs inside Belarusian words (EU 2024-05-13)
        ("Abubakar (original script: Абубакар)", "Latn"),  # UN alias with its original script
        ("ООО Abc", "Cyrl"),  # a tie: the script of the first letter
        ("Abc ООО", "Latn"),
        ("DERKACH, Andrii Leonidovych", "Latn"),
        ("Андрій Деркач", "Cyrl"),
        ("Ιβάν Τέστοφ", "Grek"),
        ("عبد الله", "Arab"),
        ("김정은", "Hang"),
        ("习近平", "Hani"),
        ("東京スカイ", "Jpan"),  # any kana: Japanese, although Han letters are the majority
        ("ドミトリー", "Jpan"),
        ("ኤርሚኣስ ግርማይ (Tigrinya)", "Ethi"),
        ("Ali 123 ١٢٣٤٥٦٧", "Latn"),  # digits never count, Arabic-Indic ones neither
        ("١٢٣", None),
        ("1234 - / .", None),
        ("", None),
        (None, None),
    ],
)
def test_detect_script(text: str | None, script: str | None) -> None:
    assert detect_script(text) == script


def test_script_counts_are_letters_per_script_in_order_of_appearance() -> None:
    assert script_counts("ООО Smart 42") == {"Cyrl": 3, "Latn": 5}
    assert script_counts("Smart ООО") == {"Latn": 5, "Cyrl": 3}
    assert script_counts("42 - !") == {}


def test_every_parser_labels_the_mixed_name_alike() -> None:
    ofac = ofac_common.make_name(NameKind.PRIMARY, MIXED, None, EntityType.ENTITY)
    ofac_csv_style = ofac_common.split_name(MIXED, NameKind.AKA, EntityType.ENTITY)
    uk = uk_common.make_name(["", "", "", "", "", MIXED], NameKind.PRIMARY, EntityType.ENTITY, "")
    assert ofac is not None and uk is not None
    assert ofac.script == ofac_csv_style.script == uk.script == detect_script(MIXED) == "Latn"


def test_un_alias_split_compares_scripts_with_the_same_detector() -> None:
    # "<original script> (Latin reading)": split because the two parts are in different scripts
    assert split_alias("Абу Мухаммад (Abu Muhammad)") == ["Абу Мухаммад", "Abu Muhammad"]
    assert split_alias("Abu Ali (the elder)") == ["Abu Ali (the elder)"]


def test_news_language_uses_the_same_script_counts() -> None:
    assert detect_language("Минфин США ввёл санкции против Андрея Деркача.") == "ru"
    assert detect_language("Мінфін США запровадив санкції проти Андрія Деркача.") == "uk"
    # Japanese text: kana and Han together (more kana than Han) -> Japanese, not Chinese
    assert detect_language("アメリカ財務省は、デルカチ氏に制裁を科したと発表した。") == "ja"
    assert detect_language("美国财政部宣布对德尔卡奇实施制裁") == "zh"
