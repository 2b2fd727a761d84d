"""Draw the random corpus sample of the news evaluation from ../shared/data/news.

The texts stay in ../shared (they are the corpora's, not ours): the repository keeps only the record
of the draw, ``corpus_sample.txt`` (one line per item: id, half scope, sha256 of the text), and every
run draws again and checks each text against that record, so the sample cannot drift unseen.

Stratified by corpus only: within each corpus, the distinct non-empty item texts are put in corpus
order, shuffled with ``random.Random(f"{SEED}:{corpus}")`` and the first ``COUNTS[corpus]`` taken. The
draw never looks at the words of a text, so the sample is not chosen for names; the counts weight
RUWA (Russia-Ukraine war news, where listed persons are most common) so that the sample holds at
least 300 mentions of listed persons. Raising a count only appends items to the same draw.

Tuning-only extension (2026-12-01, scope ``tune`` in the record): the tuning half had stopped holding
the kinds the scanner misses, so ``TUNE_EXTRA[corpus]`` more items are taken from the SAME seeded
shuffle right after the first ``COUNTS[corpus]`` (positions COUNTS .. COUNTS + TUNE_EXTRA): disjoint
from both halves of the original sample, still not chosen for names. build.py puts them in the tuning
half only, so the test half and the original split are unchanged.

    python bench/news_eval2/sample.py [--check]     # --check: verify the record, write nothing

Item text, per corpus (what a scanner is given; label offsets point into it):
- bbc21: title, newline, summary (BBC homepage stories 2021-07 to 2023-11; first version of each).
- ruwa: title, newline, desc (RUWA 2022; either may be empty, then the other alone).
- bbc05: title, blank line, full text (BBC 2004-2005).
- ag: title, newline, description (AG News test split), with the corpus's escapes decoded
  (``#39;`` -> ', ``quot;`` -> ", ``&lt;`` -> <, a backslash line break -> one space).
"""

from __future__ import annotations

import csv
import functools
import gzip
import hashlib
import html
import io
import random
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[2] / "shared" / "data" / "news"
RECORD = HERE / "corpus_sample.txt"
SEED = 20261128
COUNTS = {"ruwa": 3200, "bbc21": 120, "ag": 80, "bbc05": 20}
TUNE_EXTRA = {"ruwa": 500, "bbc21": 60, "ag": 40}

_AG_ENTITY = re.compile(r"&?#(\d+);|&?(quot|amp|lt|gt);")
_BACKSLASHES = re.compile(r"\s*\\+\s*")


def _ag_text(raw: str) -> str:
    def entity(m: re.Match[str]) -> str:
        if m.group(1):
            return html.unescape(f"&#{m.group(1)};")
        return html.unescape(f"&{m.group(2)};")

    return _BACKSLASHES.sub(" ", _AG_ENTITY.sub(entity, raw)).strip()


def _join(*parts: str, sep: str = "\n") -> str:
    return sep.join(p.strip() for p in parts if p.strip())


CORPORA: dict[str, tuple[str, str, Callable[[dict[str, str]], str]]] = {
    # corpus: (file under shared/data/news, row-id column, text of a row)
    "ruwa": ("ruwa_2022/RUWA_04.08.23.csv.gz", "Unnamed: 0", lambda r: _join(r["title"], r["desc"])),
    "bbc21": (
        "bbc_homepage_2021_2023/bbc_homepage_stories_2021-07_2023-11.csv.gz",
        "",
        lambda r: _join(r["title"], r["summary"]),
    ),
    "ag": ("ag_news/test.csv.gz", "", lambda r: _join(_ag_text(r["title"]), _ag_text(r["description"]))),
    "bbc05": (
        "bbc_2004_2005/bbc_news_2004_2005.csv.gz",
        "id",
        lambda r: _join(r["title"], r["text"], sep="\n\n"),
    ),
}


@functools.cache
def _shuffled(corpus: str) -> tuple[dict[str, str], ...]:
    """Every distinct non-empty text of a corpus as an item, in the corpus's seeded shuffle order."""
    relative, id_column, text_of = CORPORA[corpus]
    with gzip.open(DATA / relative, "rt", encoding="utf-8") as fh:
        rows = list(csv.DictReader(io.StringIO(fh.read())))
    keys = Counter(row[id_column] for row in rows) if id_column else Counter()
    seen: dict[str, str] = {}
    for number, row in enumerate(rows, start=2):  # CSV record number: the header is r1
        text = text_of(row)
        if text and text not in seen:
            key = row[id_column] if id_column else ""
            # the record number where the corpus has no id column or repeats the id (RUWA)
            seen[text] = key if key and keys[key] == 1 else (f"{key}/r{number}" if key else f"r{number}")
    texts = list(seen)
    random.Random(f"{SEED}:{corpus}").shuffle(texts)
    return tuple({"id": f"{corpus}:{seen[t]}", "corpus": corpus, "row": seen[t], "text": t} for t in texts)


def draw(corpus: str, count: int) -> list[dict[str, str]]:
    """The first ``count`` items of the corpus's seeded shuffle: dicts with id, corpus, row, text."""
    return [dict(item) for item in _shuffled(corpus)[:count]]


class SampleError(RuntimeError):
    """The corpora are missing, or a drawn text is not the one recorded in corpus_sample.txt."""


def drawn(scope: str) -> list[dict[str, str]]:
    """Items of one scope, as drawn: ``both`` (dealt to the two halves) or ``tune`` (tuning only)."""
    missing = [relative for relative, _, _ in CORPORA.values() if not (DATA / relative).exists()]
    if missing:
        raise SampleError(f"news corpus missing: {DATA / missing[0]} (../shared/data is not on this machine)")
    if scope == "both":
        return [item for corpus, count in COUNTS.items() for item in draw(corpus, count)]
    return [
        item
        for corpus, count in TUNE_EXTRA.items()
        for item in draw(corpus, COUNTS[corpus] + count)[COUNTS[corpus] :]
    ]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def record_lines(items: dict[str, list[dict[str, str]]]) -> list[str]:
    """Lines of corpus_sample.txt for the drawn items of each scope: ``id scope sha256[:16]``."""
    header = "# id scope sha256(text)[:16]: the news evaluation's corpus sample (sample.py); texts stay in ../shared"
    return [header] + [
        f"{item['id']} {scope} {_digest(item['text'])}" for scope in items for item in items[scope]
    ]


def recorded(scope: str) -> list[str]:
    """Ids recorded for one scope, in draw order."""
    lines = RECORD.read_text(encoding="utf-8").splitlines()
    return [line.split()[0] for line in lines if not line.startswith("#") and line.split()[1] == scope]


def load(scope: str) -> list[dict[str, str]]:
    """Draw one scope and check it against corpus_sample.txt; raises SampleError on any difference."""
    items = drawn(scope)
    expected = {
        parts[0]: parts[2]
        for line in RECORD.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#") and (parts := line.split())[1] == scope
    }
    if [item["id"] for item in items] != list(expected):
        raise SampleError(f"the {scope} draw gives other items than corpus_sample.txt records")
    for item in items:
        if _digest(item["text"]) != expected[item["id"]]:
            raise SampleError(f"{item['id']}: its text in ../shared is not the one corpus_sample.txt records")
    return items


def main() -> int:
    try:
        lines = record_lines({scope: drawn(scope) for scope in ("both", "tune")})
    except SampleError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if "--check" in sys.argv:
        same = RECORD.exists() and RECORD.read_text(encoding="utf-8").splitlines() == lines
        print(f"{RECORD.name} matches the draw" if same else f"{RECORD.name} differs from the draw")
        return 0 if same else 1
    RECORD.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 1} items -> {RECORD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
