"""Recall of search on Russian names as the German, French, Polish and Czech press write them.

Queries come from the lists themselves: every person on the EU and UK lists with a name written in
Cyrillic (two or three words) is written again by one of four national conventions for Russian
(German Duden-style: Jewgeni Prigoschin; French: Evgueni Prigojine; Polish: Jewgienij Prigożyn;
Czech: Jevgenij Prigožin), and a query finds its person when the entry is among the results at the
default threshold. A query equal to one of the entry's own Latin names is left out (it tests
nothing). The rules below are written from the conventions' tables, not from tracker's romaniser
(which reads these spellings back), so that they test it.

    python bench/translit_eval.py [--data DIR] [--convention de|fr|pl|cs] [--misses N] [--sample N]

DIR is a tracker data folder (default: $TRACKER_DATA_DIR); the lists used are those in its store.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

_VOWELS = "аеёиоуыэюя"
_SOFT_HARD = "ъь"
# Letters that take the vowel-initial (iotated) spelling: at a word's start, after a vowel, ъ or ь.
_IOTATED = "еёюя"


def _context(word: str, i: int) -> tuple[str, str]:
    before = word[i - 1] if i > 0 else ""
    after = word[i + 1] if i + 1 < len(word) else ""
    return before, after


def _initial(before: str) -> bool:
    return before == "" or before in _VOWELS or before in _SOFT_HARD


def _table(spellings: str) -> dict[str, str]:
    """The consonants and plain vowels of Russian -> a convention's spelling (space-separated)."""
    return dict(zip("абвгджзиклмнопрстуфхцчшщыэ", spellings.split(" "), strict=True))


_GERMAN = _table("a b w g d sch s i k l m n o p r s t u f ch z tsch sch schtsch y e")


def german(word: str) -> str:
    """Duden-style German transliteration (Jewgeni Prigoschin, Kusnezow, Schoigu, Chruschtschow)."""
    out: list[str] = []
    for i, c in enumerate(word):
        before, after = _context(word, i)
        if c in _IOTATED:
            if c == "е":
                out.append("je" if _initial(before) else "e")
            elif c == "ё":
                out.append("o" if before and before in "жчшщ" else "jo")
            else:
                out.append("j" + {"ю": "u", "я": "a"}[c])
        elif c == "й":
            out.append("" if before in "иы" and not after else "j")
        elif c == "и" and after == "й" and i + 2 == len(word):
            out.append("i")
        elif c == "с" and before in _VOWELS and after in _VOWELS and before and after:
            out.append("ss")
        elif c == "к" and after == "с":
            out.append("x")
        elif c == "с" and before == "к":
            continue
        elif c in _SOFT_HARD:
            out.append("j" if after in "ао" and after else "")
        else:
            out.append(_GERMAN.get(c, c))
    return "".join(out)


_FRENCH = _table("a b v g d j z i k l m n o p r s t ou f kh ts tch ch chtch y e")


def french(word: str) -> str:
    """French transliteration (Evgueni Prigojine, Iouri, Chevtchenko, Kovaltchouk, Andreï)."""
    out: list[str] = []
    for i, c in enumerate(word):
        before, after = _context(word, i)
        if c == "е":
            out.append("ie" if before and (before in _VOWELS or before in _SOFT_HARD) else "e")
        elif c == "ё":
            out.append("o" if before and before in "жчшщ" else "io")
        elif c == "ю":
            out.append("iou")
        elif c == "я":
            out.append("a" if before == "и" else "ia")
        elif c == "й":
            out.append("" if before in "иы" and not after else "ï")
        elif c == "г" and after in "еиэ" and after:
            out.append("gu")
        elif c == "с" and before in _VOWELS and after in _VOWELS and before and after:
            out.append("ss")
        elif c in _SOFT_HARD:
            out.append("")
        else:
            out.append(_FRENCH.get(c, c))
    text = "".join(out)
    return text + "e" if text.endswith("in") and len(text) > 4 else text  # Poutine, Prigojine


_POLISH = _table("a b w g d ż z i k ł m n o p r s t u f ch c cz sz szcz y e")
_POLISH["й"] = "j"


def polish(word: str) -> str:
    """Polish transliteration (Jewgienij Prigożyn, Szojgu, Kowalczuk, Ławrow)."""
    out: list[str] = []
    for i, c in enumerate(word):
        before, after = _context(word, i)
        if c in _IOTATED:
            base = {"е": "e", "ё": "o", "ю": "u", "я": "a"}[c]
            if _initial(before):
                out.append("j" + base)
            elif c == "е":
                out.append("ie" if before in "гк" else "e")
            elif c == "ё" and before in "жчшщ":
                out.append("o")
            elif before == "л":
                out.append(base)
            else:
                out.append("i" + base)
        elif c == "и":
            out.append("y" if before in "жцшч" and before else "i")
        elif c == "л":
            out.append("l" if after in "еёиюяь" and after else "ł")
        elif c in _SOFT_HARD:
            out.append("")
        else:
            out.append(_POLISH.get(c, c))
    return "".join(out)


_CZECH = _table("a b v g d ž z i k l m n o p r s t u f ch c č š šč y e")


def czech(word: str) -> str:
    """Czech transliteration (Jevgenij Prigožin, Šojgu, Chruščov, Kovalčuk)."""
    out: list[str] = []
    for i, c in enumerate(word):
        before, after = _context(word, i)
        if c in _IOTATED:
            base = {"е": "e", "ё": "o", "ю": "u", "я": "a"}[c]
            if c == "ё" and before and before in "жчшщ":
                out.append("o")
            else:
                out.append(("j" + base) if _initial(before) or c != "е" else base)
        elif c == "й":
            out.append("j")
        elif c in _SOFT_HARD:
            out.append("")
        else:
            out.append(_CZECH.get(c, c))
    return "".join(out)


CONVENTIONS: dict[str, Callable[[str], str]] = {"de": german, "fr": french, "pl": polish, "cs": czech}
_CYRILLIC_WORD = re.compile(r"^[а-яё]+$")


def write(name: str, convention: Callable[[str], str]) -> str | None:
    """A Cyrillic name of two words (given, family) in one convention; None for other names."""
    words = name.replace("-", " ").split()
    if len(words) != 2 or not all(_CYRILLIC_WORD.match(w.lower()) for w in words):
        return None
    return " ".join(convention(w.lower()).capitalize() for w in words)


def queries(candidates: list[object], conventions: list[str]) -> list[tuple[str, str, str]]:
    """(convention, query, "source:id") for each Russian-Cyrillic person name on the EU / UK lists."""
    from tracker.names import normalize_text

    rows: list[tuple[str, str, str]] = []
    for c in candidates:
        source, source_id = c.key  # type: ignore[attr-defined]
        if source not in ("eu_fsf", "uk_ofsi") or str(c.entity_type) != "individual":  # type: ignore[attr-defined]
            continue
        own = {normalize_text(n.full) for n in c.names}  # type: ignore[attr-defined]
        for n in c.names:  # type: ignore[attr-defined]
            if any(ch in n.full for ch in "іїєґў"):
                continue  # Ukrainian / Belarusian spelling: other conventions
            # as the press writes a person: the first given name and the family name
            words = f"{n.first.split()[0]} {n.last}" if n.first and n.last else n.full
            for code in conventions:
                text = write(words, CONVENTIONS[code])
                if text and normalize_text(text) not in own:
                    rows.append((code, text, f"{source}:{source_id}"))
    return list(dict.fromkeys(rows))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=os.environ.get("TRACKER_DATA_DIR"))
    parser.add_argument("--convention", action="append", choices=sorted(CONVENTIONS))
    parser.add_argument("--misses", type=int, default=0, help="print this many misses")
    parser.add_argument("--sample", type=int, default=0, help="at most this many queries (seeded)")
    args = parser.parse_args(argv)
    if args.data is None:
        parser.error("--data or TRACKER_DATA_DIR is needed")
    from tracker.matching import DEFAULT_THRESHOLD
    from tracker.search import LoadedIndex, load_index, search
    from tracker.settings import load_settings
    from tracker.store.db import open_engine

    settings = load_settings(data_dir=args.data, database_url=None)
    engine = open_engine(settings.resolved_database_url)
    try:
        index = load_index(engine, settings).index
    finally:
        engine.dispose()
    rows = queries(list(index.candidates), args.convention or sorted(CONVENTIONS))
    if args.sample and len(rows) > args.sample:
        rows = sorted(random.Random(13).sample(rows, args.sample))
    loaded = LoadedIndex(index, {}, None)
    found: dict[str, list[int]] = {}
    misses: list[str] = []
    for code, text, key in rows:
        results = search(loaded, text, limit=10, threshold=DEFAULT_THRESHOLD)
        keys = {f"{r['source']}:{r['source_id']}" for r in results}
        hit = key in keys
        found.setdefault(code, []).append(hit)
        if not hit:
            misses.append(f"{code} {text!r} -> {key}")
    for code, hits in sorted(found.items()):
        print(f"{code}: recall {sum(hits) / len(hits):.3f} ({sum(hits)} of {len(hits)})")
    total = [h for hits in found.values() for h in hits]
    print(f"all: recall {sum(total) / max(len(total), 1):.3f} ({sum(total)} of {len(total)})")
    for line in misses[: args.misses]:
        print("miss", line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
