"""Words the normaliser reads as one (an Arabic-script word and الله, Persian words joined by a
zero-width non-joiner) are never cut in two by a scanned span, and of two overlapping readings the
one the listed name accounts for more of wins (a trial of `tracker news scan`, 2026-11-30)."""

from __future__ import annotations

import pytest

from tests.scanlists import entry, scan_index
from tracker.news.scan import FULL_NAME, Found, ScanIndex

LISTED = [
    ("ofac_sdn", entry("2686", "NASRALLAH, Hasan", born="1960-08-31")),
    ("uk_ofsi", entry("11778", "Hossein ALLAHKARAM", born="1945")),
    ("eu_fsf", entry("6207", "Hossein ALLAHKARAM", born="1945")),
    ("uk_ofsi", entry("12629", "حسن غول", "Hassan GHUL")),  # قال, 'said', has its consonants
    ("ofac_sdn", entry("44865", "AHMADI NEJAD, Mahmoud", "AHMADINEJAD, Mahmoud", born="1956-10-28")),
    ("uk_ofsi", entry("8681", "MUHAMMAD YUNIS AHMAD AHMAD", "Mahmud AHMAD")),
    ("ofac_sdn", entry("26945", "KHAMENEI, Ali Husseini", born="1939-07-17")),
]


@pytest.fixture(scope="module")
def index() -> ScanIndex:
    return scan_index(LISTED)


def seen(found: list[Found]) -> list[tuple[str, str, str]]:
    return [(f.matched_text, f.key[1], f.kind) for f in found if f.reported]


@pytest.mark.parametrize(
    "text",
    [
        "بيروت - قال الأمين العام لحزب الله حسن نصرالله في خطاب إن المقاومة مستمرة.",
        "قال حزب الله حسن نصر الله",  # 'said Hezbollah Hasan' is no HASAN GHUL
        "قال عبد الله حسن نصرالله",
    ],
)
def test_a_name_after_a_compound_with_allah_is_read_whole(index: ScanIndex, text: str) -> None:
    (found,) = seen(index.scan(text))
    assert found[1:] == ("2686", FULL_NAME) and found[0] in ("حسن نصرالله", "حسن نصر الله")


def test_allah_after_another_word_starts_no_name(index: ScanIndex) -> None:
    assert seen(index.scan("الأمين العام لحزب الله حسين قال")) == []
    assert seen(index.scan("وقال نصر الله حسين أمس")) == []


def test_a_persian_compound_surname_joined_by_a_non_joiner_is_read_whole(index: ScanIndex) -> None:
    text = "تهران - آیت‌الله علی خامنه‌ای رهبر ایران در دیدار با محمود احمدی‌نژاد سخنرانی کرد."
    assert seen(index.scan(text)) == [
        ("علی خامنه\u200cای", "26945", FULL_NAME),  # a suffix after the joiner: part of the word
        ("محمود احمدی\u200cنژاد", "44865", FULL_NAME),  # not MUHAMMAD YUNIS AHMAD AHMAD
    ]


def test_a_second_family_name_in_arabic_script_is_found_by_its_consonants(index: ScanIndex) -> None:
    # AHMADI NEJAD on one list: a given name and one of two family names name nobody, unless the
    # other follows; نژاد is NEJAD by its consonants
    assert seen(index.scan("در دیدار با محمود احمدی نژاد")) == [("محمود احمدی نژاد", "44865", FULL_NAME)]
