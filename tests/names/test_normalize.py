"""Unit tests of the shared normaliser (tracker.names)."""

from __future__ import annotations

import pytest

from tracker.names import (
    beyond_ascii,
    consonant_key,
    letter_reading_keys,
    name_tokens,
    normalize_text,
    phonetic_key,
    plain_norm,
    possessive_length,
    read_alike_keys,
    skeleton_key,
    split_comma_name,
    split_words,
    token_forms,
    tokenize,
)


def test_normalize_text_latinises_casefolds_and_collapses() -> None:
    assert normalize_text("  DERKACH,   Andrii -- Leonidovych!! ") == "derkach andrii leonidovych"
    assert normalize_text("Андрій Деркач") == "andrii derkach"
    assert normalize_text("Дарья Асланова") == "darya aslanova"
    assert normalize_text("Müller-Lüdenscheidt") == "muller ludenscheidt"
    assert normalize_text("王毅") == "wang yi"


def test_normalize_text_of_nothing_is_empty() -> None:
    assert normalize_text("") == ""
    assert normalize_text(" .,;:!? -- ") == ""


def test_apostrophes_inside_words_are_dropped_and_possessive_removed() -> None:
    assert normalize_text("O'Brien") == "obrien"
    assert normalize_text("Derkach’s") == "derkach"


def test_offsets_point_into_the_original_text() -> None:
    text = "Сказал Андрій Деркач’s, and 王毅."
    for norm, _raw, start, end in tokenize(text):
        assert normalize_text(text[start:end]).split()[0] in (norm, "wang")
    spans = {norm: text[start:end] for norm, _raw, start, end in tokenize(text)}
    assert spans["derkach"] == "Деркач"
    assert spans["wang"] == spans["yi"] == "王毅"


def test_combining_marks_stay_inside_the_token() -> None:
    decomposed = "Andrei\u0306 Derkach"  # combining breve
    assert [t.raw for t in tokenize(decomposed)] == ["Andrei\u0306", "Derkach"]


def test_name_tokens_handles_comma_order_and_titles() -> None:
    assert name_tokens("DERKACH, Andrii Leonidovych") == ["andrii", "leonidovych", "derkach"]
    assert name_tokens("Dr. Ayman al-Zawahiri") == ["ayman", "al", "zawahiri"]
    assert name_tokens("General Qasem Soleimani Jr.") == ["qasem", "soleimani"]
    # A title alone is kept rather than emptied.
    assert name_tokens("General") == ["general"]


def test_split_comma_name_rejects_other_shapes() -> None:
    assert split_comma_name("DERKACH, Andrii") == ("DERKACH", "Andrii")
    assert split_comma_name("A, B, C") is None
    assert split_comma_name(", Andrii") is None
    assert split_comma_name("Andrii Derkach") is None


@pytest.mark.parametrize(
    "variants",
    [
        ["andrii", "andriy", "andrei", "andrey"],
        ["darya", "daria", "dariya"],
        ["maya", "maja", "maiya"],  # Майя: i before the glide is the same sound
        ["artem", "artyom"],
        ["lifshits", "lifshitz"],
        ["yevgeny", "evgeniy", "evgenii"],
        ["aleksandr", "alexandr"],
        ["dmitriyevna", "dmitrievna"],
    ],
)
def test_skeleton_key_folds_transliteration_variants(variants: list[str]) -> None:
    assert len({skeleton_key(v) for v in variants}) == 1


def test_skeleton_key_keeps_different_names_apart() -> None:
    assert skeleton_key("derkach") != skeleton_key("shevchenko")
    assert skeleton_key("ivan") != skeleton_key("andrii")


def test_consonant_key_bridges_vowel_variation_and_arabic() -> None:
    assert consonant_key("mohammed") == consonant_key("muhammad") == "mhmd"
    assert consonant_key(normalize_text("محمد")) == "mhmd"


def test_phonetic_key() -> None:
    assert phonetic_key("lifshits") == phonetic_key("lifshitz")
    assert phonetic_key("1234") == "1234"


def test_split_words_cuts_the_words_tokenize_finds() -> None:
    for text in (
        "Yesterday Artem Lifshits's lawyer, O'Brien, spoke.",
        "Сказал Андрій Деркач’s, and 王毅.",
        "",
    ):
        parts = split_words(text)
        assert "".join(parts) == text
        words = [w[: len(w) - possessive_length(w)] for w in parts[1::2]]
        spans = {(t.start, t.end): t.raw for t in tokenize(text)}  # 王毅 is two tokens of one word
        assert words == list(spans.values())
    assert possessive_length("Derkach’s") == 2
    assert possessive_length("Derkach") == possessive_length("'s") == 0


@pytest.mark.parametrize(
    ("word", "keys"),
    [
        ("جودة", {"Jdt"}),  # ta marbuta read t: Jaoudat
        ("كاظم", {"ktm"}),  # ظ read th: Kathim
        ("فاطمة", {"ftmt"}),
        ("محمد", set()),  # none of these letters
        ("ذياب", set()),  # tb: a key of two classes meets too many names
        ("Kathim", set()),  # not in the script
    ],
)
def test_letter_reading_keys(word: str, keys: set[str]) -> None:
    assert letter_reading_keys(word) == keys


def test_a_latin_th_is_also_read_as_the_dh_of_zah_and_dhal() -> None:
    assert {"kdm", "ksm"} <= read_alike_keys("kathim")  # كاظم, and ث read s (قاسم)
    assert "kdm" not in read_alike_keys("kasim")


def test_split_words_of_a_text_with_symbols_beyond_ascii_cuts_as_with_letters_beyond_it() -> None:
    # symbols (£, “ ”, —) take the faster ASCII pattern; letters, digits (½, ²) and the apostrophe
    # ’ the Unicode one, which a Cyrillic word at the end forces: every character up to the
    # currency signs cuts the same words either way
    for code in range(0x80, 0x20D0):
        c = chr(code)
        text = f"Ab{c}cd 12{c}3 {c}Derkach's O{c}x {c}"
        parts, forced = split_words(text), split_words(text + " Ж")
        assert forced == [*parts[:-1], parts[-1] + " ", "Ж", ""], hex(code)
    assert split_words("£5m to Abramovich’s “Chelsea”")[1::2] == ["5m", "to", "Abramovich’s", "Chelsea"]


def test_beyond_ascii_keeps_the_characters_beyond_ascii_in_their_order() -> None:
    assert beyond_ascii("£5m for Zürich’s 王毅, Ж") == "£ü’王毅Ж"
    assert beyond_ascii("plain text") == ""
    assert beyond_ascii("a\ud800b") == "\ud800"  # a lone surrogate (a badly decoded file) is kept too


def test_plain_norm_is_the_one_norm_of_a_word_with_no_other_spelling() -> None:
    assert plain_norm("Minister") == "minister"
    assert plain_norm("PUTIN") == "putin"
    assert plain_norm("Kim") == "kim"  # a Korean family name with no other spelling
    # other spellings (j, w, ch, ou ...), a Korean family name, an apostrophe, digits, other scripts:
    # token_forms' own reading
    varied = ("Jones", "Warsaw", "Brown", "Chelsea", "Poutine", "Park", "O'Brien", "G8", "Müller", "Путин")
    assert [plain_norm(word) for word in varied] == [None] * len(varied)
    for word in ("Minister", "Kim", "Leeds", "Rotenberg", "Sergei"):  # as token_forms reads it
        assert [(f.norm, f.alts) for f in token_forms(word)] == [(plain_norm(word), ())], word
