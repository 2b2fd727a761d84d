"""Compile the hand-written labels into the evaluation's items (cached, never committed).

Inputs, all in this folder:
- corpus_sample.txt: the record of the random corpus sample (sample.py); the texts are drawn again
  from ../shared/data/news on each build and checked against the record;
- corpus_labels.txt: person names per corpus item (format in its header);
- written/*.txt: articles the team wrote, names marked inline as ``[[surface|who]]``;
- corpus_labels_tune.txt, written_tune/*.txt: the same, for items added to the TUNING half only
  (2026-12-01: sample.py's TUNE_EXTRA draw, scope ``tune`` in the record, and more written articles);
- persons.json: the listed persons, each with every listing (source:id) on the loaded lists.

``who`` is a person id of persons.json (listed), ``-`` (not listed) or ``-~note`` (not listed, a
namesake of a listed person: the note says why). Output: one JSON object per item with id, corpus,
lang, group, half (tune/test), text and labels (start, end, text, person, listed, listings, note);
``start``/``end`` are character offsets into ``text`` (Python str indices, end exclusive).

The halves are drawn BY ITEM: within each stratum (a corpus, or a language of the written
articles) the item ids are sorted, shuffled with ``random.Random(f"{SEED}:{stratum}")`` and dealt
alternately to tune and test. Items of the tuning-only files are not dealt: they are all "tune", and
the deal of the other items is the one it was before they were added.

    python bench/news_eval2/build.py     # build the items into bench/.cache (load_items does it on demand)

The corpus texts are not ours, so they are not kept in the repository: ``load_items`` builds the items
once per change of the inputs into ``bench/.cache/news_eval2/items-<key>.jsonl`` (gitignored).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CACHE = HERE.parent / ".cache" / "news_eval2"
sys.path.insert(0, str(HERE))

import sample  # noqa: E402  (a sibling script, not a package)

SEED = 20261128
GROUPS = {
    "en": "latin", "de": "latin", "fr": "latin", "tr": "latin", "fi": "latin", "es": "latin",
    "ru": "cyrillic", "uk": "cyrillic",
    "ar": "arabic", "fa": "arabic",
    "zh": "cjk", "ja": "cjk", "ko": "cjk",
}  # fmt: skip
_MARK = re.compile(r"\[\[([^\]|]+)\|([^\]]+)\]\]")
_HEADER = re.compile(r"^=== (\S+) (.*)$")
_WORDCHAR = re.compile(r"\w")


class LabelError(ValueError):
    """A label that does not fit its text or names an unknown person."""


def _who(value: str, persons: dict[str, Any], where: str) -> dict[str, Any]:
    value = value.strip()
    if value.startswith("-"):
        note = value[1:].lstrip("~").strip()
        return {"person": None, "listed": False, "listings": [], "note": note}
    if value not in persons:
        raise LabelError(f"{where}: unknown person id {value!r} (add it to persons.json)")
    person = persons[value]
    return {"person": value, "listed": True, "listings": person["listings"], "note": ""}


def _occurrences(text: str, surface: str) -> list[int]:
    """Starts of whole-word occurrences of surface (no word character just before or after)."""
    starts = []
    at = text.find(surface)
    while at >= 0:
        end = at + len(surface)
        before = text[at - 1] if at else " "
        after = text[end] if end < len(text) else " "
        if not _WORDCHAR.match(before) and not _WORDCHAR.match(after):
            starts.append(at)
        at = text.find(surface, at + 1)
    return starts


def corpus_labels(item: dict[str, Any], line: str, persons: dict[str, Any]) -> list[dict[str, Any]]:
    """Labels of one corpus item from its ``Surface=who; ...`` line (longest surfaces claim first)."""
    text = item["text"]
    pairs = []
    for part in line.split("; "):
        surface, _, who = part.partition("=")
        if not who:
            raise LabelError(f"{item['id']}: {part!r} is not Surface=who")
        nth = None
        if re.search(r"#\d+$", surface):
            surface, _, number = surface.rpartition("#")
            nth = int(number)
        pairs.append((surface.strip(), nth, _who(who, persons, item["id"])))
    taken: list[tuple[int, int]] = []
    labels = []
    for surface, nth, who in sorted(pairs, key=lambda p: -len(p[0])):
        starts = _occurrences(text, surface)
        if nth is not None:
            starts = starts[nth - 1 : nth]
        free = [s for s in starts if not any(s < b and a < s + len(surface) for a, b in taken)]
        if not free:
            raise LabelError(f"{item['id']}: {surface!r} not found as a free whole word in the text")
        for start in free:
            taken.append((start, start + len(surface)))
            labels.append({"start": start, "end": start + len(surface), "text": surface, **who})
    return sorted(labels, key=lambda label: label["start"])


def written_items(path: Path, persons: dict[str, Any]) -> list[dict[str, Any]]:
    """Articles of one written/*.txt file: ``=== id key=value ...`` headers, then marked-up text."""
    items: list[dict[str, Any]] = []
    for block in re.split(r"(?m)^(?==== )", path.read_text(encoding="utf-8")):
        if not block.startswith("=== "):
            continue
        header, _, body = block.partition("\n")
        match = _HEADER.match(header)
        if not match:
            raise LabelError(f"{path.name}: bad header {header!r}")
        meta = dict(re.findall(r"(\w+)=(\S+)", match.group(2)))
        about = re.sub(r"\b\w+=\S+\s*", "", match.group(2)).strip()
        parts, labels, at = [], [], 0
        raw = body.strip()
        for mark in _MARK.finditer(raw):
            parts.append(raw[at : mark.start()])
            start = sum(map(len, parts))
            surface = mark.group(1)
            parts.append(surface)
            who = _who(mark.group(2), persons, match.group(1))
            labels.append({"start": start, "end": start + len(surface), "text": surface, **who})
            at = mark.end()
        parts.append(raw[at:])
        text = "".join(parts)
        if "[[" in text or "]]" in text:
            raise LabelError(f"{match.group(1)}: unbalanced [[...]] markup")
        items.append(
            {
                "id": f"written:{match.group(1)}",
                "corpus": "written",
                "lang": meta["lang"],
                "date": meta.get("date"),
                "about": about,
                "text": text,
                "labels": labels,
            }
        )
    return items


def split_halves(items: list[dict[str, Any]]) -> None:
    """Set item["half"]: per stratum, a seeded shuffle of the sorted ids dealt alternately.

    Items that already have a half (the tuning-only additions) are left as they are and not dealt."""
    strata: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        if "half" in item:
            continue
        stratum = item["corpus"] if item["corpus"] != "written" else f"written-{item['lang']}"
        strata.setdefault(stratum, []).append(item)
    for stratum, members in strata.items():
        members.sort(key=lambda item: item["id"])
        random.Random(f"{SEED}:{stratum}").shuffle(members)
        for number, item in enumerate(members):
            item["half"] = "tune" if number % 2 == 0 else "test"


def _corpus_items(scope: str, labels_file: str, persons: dict[str, Any]) -> list[dict[str, Any]]:
    lines: dict[str, str] = {}
    for raw in (HERE / labels_file).read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            item_id, _, rest = raw.partition(" ")
            if item_id in lines:
                raise LabelError(f"{item_id}: two label lines")
            lines[item_id] = rest.strip()
    items = []
    for item in sample.load(scope):
        labels = corpus_labels(item, lines.pop(item["id"]), persons) if item["id"] in lines else []
        items.append({**item, "lang": "en", "labels": labels})
    if lines:
        raise LabelError(f"labels for items not in the {scope} sample: {sorted(lines)[:5]}")
    return items


def build() -> list[dict[str, Any]]:
    """Every item, sorted by corpus then id; raises LabelError, or sample.SampleError without ../shared."""
    persons = json.loads((HERE / "persons.json").read_text(encoding="utf-8"))["persons"]
    items = _corpus_items("both", "corpus_labels.txt", persons)
    for path in sorted((HERE / "written").glob("*.txt")):
        items.extend(written_items(path, persons))
    tune_only = _corpus_items("tune", "corpus_labels_tune.txt", persons)
    for path in sorted((HERE / "written_tune").glob("*.txt")):
        tune_only.extend(written_items(path, persons))
    seen = {item["id"] for item in items}
    for item in tune_only:
        if item["id"] in seen:
            raise LabelError(f"{item['id']}: a tuning-only item with the id of an item of both halves")
        item["half"] = "tune"
    items.extend(tune_only)
    for item in items:
        item["group"] = GROUPS[item["lang"]]
    split_halves(items)
    order = {"ruwa": 0, "bbc21": 1, "ag": 2, "bbc05": 3, "written": 4}
    items.sort(key=lambda item: (order[item["corpus"]], item["id"]))
    return items


def _key() -> str:
    """Changes with every input of build(): the record, the labels, the articles, this code."""
    digest = hashlib.sha256()
    files = [HERE / name for name in ("corpus_sample.txt", "corpus_labels.txt", "corpus_labels_tune.txt")]
    files += [HERE / "persons.json", HERE / "build.py", HERE / "sample.py"]
    files += sorted(HERE.glob("written*/*.txt"))
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def load_items() -> list[dict[str, Any]]:
    """The built items, from the cache when its inputs did not change (building takes ~10 s)."""
    path = CACHE / f"items-{_key()}.jsonl"
    if not path.exists():
        items = build()
        CACHE.mkdir(parents=True, exist_ok=True)
        for old in CACHE.glob("items-*.jsonl"):
            old.unlink()
        text = "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)
        partial = path.with_suffix(".part")
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
        return items
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def main() -> int:
    try:
        items = load_items()
    except (LabelError, sample.SampleError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    listed = sum(label["listed"] for item in items for label in item["labels"])
    labels = sum(len(item["labels"]) for item in items)
    print(f"{len(items)} items, {labels} person-name labels ({listed} of listed persons) -> {CACHE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
