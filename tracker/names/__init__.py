"""The one text normaliser shared by list names, search queries and news text."""

from tracker.names.normalize import (
    NORMALISER_VERSION,
    SUFFIXES,
    TITLES,
    Token,
    consonant_key,
    name_tokens,
    normalize_text,
    normalize_word,
    phonetic_key,
    possessive_length,
    skeleton_key,
    split_comma_name,
    split_words,
    strip_titles,
    token_pairs,
    tokenize,
)

__all__ = [
    "NORMALISER_VERSION",
    "SUFFIXES",
    "TITLES",
    "Token",
    "consonant_key",
    "name_tokens",
    "normalize_text",
    "normalize_word",
    "phonetic_key",
    "possessive_length",
    "skeleton_key",
    "split_comma_name",
    "split_words",
    "strip_titles",
    "token_pairs",
    "tokenize",
]
