"""Words the normaliser reads as one (an Arabic-script word and الله, Persian words joined by a
zero-width non-joiner) are never cut in two by a scanned span, and of two overlapping readings the
one the listed name accounts for more of wins (a trial of `tracker news scan`, 2026-11-30)."""

from __future__ import annotations

import pytest

from tests.scanlists import entry, scan_index
from tracker.news.scan import FULL_NAME, SURNAME_AFTER_FULL_NAME, Found, ScanIndex

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


PERSIAN_AND_ARABIC = [
    ("ofac_sdn", entry("10861", "FAKHRIZADEH, Mohsen", "FAKHRIZADEH-MAHABADI, Mohsen")),
    ("un_sc", entry("110431", "MOHSEN FAKHRIZADEH-MAHABADI")),
    ("ofac_sdn", entry("17270", "SHEIKH, Mohammad Nayeem", "SHEIKH, Muhammad Naeem")),
    ("eu_fsf", entry("6949", "Abdur Rehman", "Abd Ur-Rehman")),
    ("ofac_sdn", entry("12922", "REHMAN, Abdur")),
    ("ofac_sdn", entry("2686", "NASRALLAH, Hasan", born="1960-08-31")),
    ("ofac_sdn", entry("6365", "BIN LADIN, Usama", born="1957-03-10")),
]


@pytest.fixture(scope="module")
def index2() -> ScanIndex:
    return scan_index(PERSIAN_AND_ARABIC)


def test_a_family_name_of_two_persian_words_joined_by_a_non_joiner_is_found(index2: ScanIndex) -> None:
    # neither فخری nor زاده is FAKHRIZADEH's key: the two words are read as the one word search reads
    text = "محسن فخری‌زاده در دماوند ترور شد. روحانی گفت ترور فخری‌زاده روند را کند نخواهد کرد."
    found = [(f.matched_text, f.start, f.end, f.key[1], f.kind) for f in index2.scan(text) if f.reported]
    assert found == [
        ("محسن فخری\u200cزاده", 0, 14, "10861", FULL_NAME),
        ("فخری\u200cزاده", 50, 59, "10861", SURNAME_AFTER_FULL_NAME),
    ]
    assert text[50:59] == "فخری\u200cزاده"
    # a verb prefix or a plural after the joiner makes no name
    assert seen(index2.scan("او می‌گوید که کتاب‌ها و زاده‌ها")) == []


def test_a_title_is_no_family_name_and_a_name_after_bin_is_a_fathers(index2: ScanIndex) -> None:
    text = "أعلن الشيخ محمد بن عبد الرحمن آل ثاني الاتفاق. وقال الشيخ محمد إن المرحلة الأولى تبدأ الأحد."
    assert seen(index2.scan(text)) == []  # no SHEIKH, Mohammad; no Abdur REHMAN (his father's name)
    # a title before a listed name still leaves the name found, without the title
    text = "قال الشيخ حسن نصر الله إن المقاومة مستمرة"
    (found,) = [f for f in index2.scan(text) if f.reported]
    assert (found.matched_text, found.start, found.key[1]) == ("حسن نصر الله", 10, "2686")
    # bin inside a span is the listed name's own
    assert seen(index2.scan("زعيم القاعدة أسامة بن لادن")) == [("أسامة بن لادن", "6365", FULL_NAME)]


def test_a_korean_family_name_of_one_skeleton_letter_is_keyed() -> None:
    # JO's skeleton is one letter ("e"): the name had no family key, so 조용원 was never found
    index = scan_index(
        [
            ("ofac_sdn", entry("21303", "JO, Yong-Won", "CHO, Yongwon", born="1957-10-24")),
            ("un_sc", entry("6908583", "JO YONG-WON", "Cho Yongwon", born="1957-10-24")),
            ("ofac_sdn", entry("90001", "O, Su Yong", born="1944-06-23")),
        ]
    )
    text = "환영 행사에는 조용원 노동당 비서와 오수용 부위원장이 나왔다. 조용원은 연설했다."
    found = [(f.matched_text, f.start, f.end, f.key[1]) for f in index.scan(text) if f.reported]
    assert [(t, s, e) for t, s, e, _ in found] == [("조용원", 8, 11), ("오수용", 20, 23), ("조용원", 35, 38)]
    assert [k for *_, k in found] in (["21303", "90001", "21303"], ["6908583", "90001", "6908583"])
    assert [f.matched_text for f in index.scan("Jo Yong Won attended the parade.")] == ["Jo Yong Won"]
    # words that start with those syllables are no names; nor an English "Jo" or "O" alone
    assert index.scan("오늘 오후 조용히 회의가 열렸다. Jo said O dear.") == []


ZARIF = [
    ("ofac_sdn", entry("26950", "ZARIF, Mohammad Javad", born="1960-01-07")),
    ("ofac_sdn", entry("26951", "TEHRANI, Mohammad Hossein")),
]


def test_a_persian_given_name_written_as_one_word_is_read_as_search_reads_it() -> None:
    # trial1 item 3: محمدجواد is Mohammad Javad written joined, as search's scorer joins them
    index = scan_index(ZARIF)
    text = "ابراهیم رئیسی و محمدجواد ظریف وزیر امور خارجه پیشین در مراسم حضور داشتند."
    found = [f for f in index.scan(text) if f.reported]
    assert [(f.matched_text, f.key[1]) for f in found] == [("محمدجواد ظریف", "26950")]
    assert text[found[0].start : found[0].end] == "محمدجواد ظریف"


def test_a_joined_given_name_of_someone_else_names_nobody() -> None:
    # محمدحسین (Mohammad Hossein) joined is not ZARIF's Mohammad Javad
    index = scan_index(ZARIF)
    assert [f for f in index.scan("محمدحسین ظریف در مراسم حضور داشت.") if f.reported] == []
