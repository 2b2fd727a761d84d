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
    skeleton_key,
    split_comma_name,
    strip_titles,
    text_tokens_with_offsets,
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
    "skeleton_key",
    "split_comma_name",
    "strip_titles",
    "text_tokens_with_offsets",
    "token_pairs",
    "tokenize",
]
