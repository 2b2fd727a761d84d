"""News mention evaluation nobody can tune to (issue 14, item 5): the items of bench/news_eval2 (build.py).

Items: a seeded random sample of the real corpora in ../shared/data/news (stratified by corpus
only) plus articles the team wrote in 11 languages; every person name labelled with its span and
whether that person is on a loaded list (with all their listings). See bench/news_eval2/README.md.

The scanner runs against a store holding the newest real file of each list tracker imports (OFAC SDN
2024-05-07, OFAC consolidated 2024-05-06, EU 2024-05-13, UN 2026-02-27, UK OFSI 2025-04-14), built
once with `tracker import` into a cache outside the repo ($NEWS_EVAL2_CACHE, default
~/.cache/tracker-bench/news_eval2/<key>; the key changes with the list files and tracker's parsing
and storing code). The scan is what `tracker news scan` does for one text: load_scan_context() on
the store, then index.scan(text).

Scoring, per half (tune / test), overall, per language group and per corpus:
- a reported mention matches a label when its span overlaps the labelled span and it names one of
  the labelled person's listings; each label is matched at most once;
- recall = matched labels of listed persons / labels of listed persons;
- precision = matched mentions / ALL reported mentions (a second line for the same span and person,
  a namesake, a fragment, a word that is no name: every unmatched mention counts as false). A
  mention the scanner flags a possible namesake (``Found.namesake``: scored below the threshold,
  issue 14 item 4) is not reported; a label it covers is a miss, printed with the flag's reason.
Misses and false hits are printed for the TUNING half only, and the test half's figures only when
asked for (``--half test`` or ``--half both``): a tuning run that shows them invites tuning to them.

    python bench/news_eval2.py [--half tune|test|both] [--json] [--quiet] [--rebuild-store]
                               [--group latin|cyrillic|arabic|cjk]
    python bench/news_eval2.py --stats     # items and labels per corpus and language, no scan
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent / "news_eval2"))

import build as items_build  # noqa: E402  (bench/news_eval2/build.py: the labelled items)
import sample as items_sample  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
LISTS = (
    ("ofac_sdn", "ofac/2024-05-07/sdn.xml.gz"),
    ("ofac_cons", "ofac/2024-05-06/consolidated.xml.gz"),
    ("eu_fsf", "eu/2024-05-13/20240513-FULL-1_1.xml.gz"),
    ("un_sc", "un/2026-02-27/consolidated.xml.gz"),
    ("uk_ofsi", "uk/ofsi/2025-04-14/ConList.xlsx"),
)
GROUPS = ("latin", "cyrillic", "arabic", "cjk")
CORPORA = ("ruwa", "bbc21", "ag", "bbc05", "written")
TARGET = 0.95


def _cache_key() -> str:
    """Changes with the list files and with tracker's parsing / storing code (then the store is rebuilt)."""
    digest = hashlib.sha256()
    for _, relative in LISTS:
        digest.update(relative.encode())
        digest.update(str((DATA / relative).stat().st_size).encode())
    for folder in ("sources", "store", "records.py", "pipeline.py"):
        path = ROOT / "tracker" / folder
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    base = os.environ.get("NEWS_EVAL2_CACHE") or Path.home() / ".cache" / "tracker-bench" / "news_eval2"
    return Path(base) / _cache_key()


def store_url() -> str:
    return f"sqlite:///{cache_dir() / 'tracker.db'}"


def build_store(rebuild: bool = False) -> str:
    """Import the five lists with `tracker import` into the cache (once); returns the database URL.

    Two runs of the same code share one cache folder: the build holds an exclusive lock beside it, so
    a second run waits and then reads the finished store (two builders once cleared each other's
    database mid-import and left a store without the EU list)."""
    folder = cache_dir()
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.parent / f"{folder.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _build_store_locked(folder, rebuild)


def _build_store_locked(folder: Path, rebuild: bool) -> str:
    done = folder / "complete"
    if done.exists() and not rebuild:
        return store_url()
    missing = [str(DATA / r) for _, r in LISTS if not (DATA / r).exists()]
    if missing:
        sys.exit(f"error: list files missing: {', '.join(missing)} (../shared/data is needed)")
    if folder.exists():  # the database and the scan index cached from it
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tracker = Path(sys.executable).with_name("tracker")
    env = {**os.environ, "TRACKER_DATA_DIR": str(folder), "TRACKER_DATABASE_URL": store_url()}
    for source, relative in LISTS:
        print(f"importing {source} ({relative}) into {folder}", file=sys.stderr)
        started = time.perf_counter()
        subprocess.run(
            [str(tracker), "import", source, str(DATA / relative)], env=env, check=True, capture_output=True
        )
        print(f"  {time.perf_counter() - started:.0f} s", file=sys.stderr)
    done.write_text("ok\n")
    return store_url()


@dataclass(frozen=True)
class Mention:
    """A reported mention as this evaluation sees it: a span and the listings it names."""

    start: int
    end: int
    keys: frozenset[str]
    text: str
    namesake: str | None = None  # flagged a possible namesake: shown, not reported (below threshold)


class Scanner:
    """The narrowest public entry point `tracker news scan` uses for one text."""

    def __init__(self, url: str) -> None:
        from sqlalchemy import create_engine

        from tracker.news.listings import load_scan_context

        with create_engine(url).connect() as conn:
            self.context = load_scan_context(conn)

    def scan(self, text: str) -> list[Mention]:
        mentions = []
        for found in self.context.index.scan(text):
            # one mention may carry several listings once the scanner merges a person's entries
            listings = getattr(found, "listings", None) or [found.key]
            keys = frozenset(f"{source}:{key}" for source, key in listings)
            flag = getattr(found, "namesake", None)
            mentions.append(Mention(found.start, found.end, keys, found.matched_text, flag))
        return mentions


@dataclass
class Outcome:
    hits: int = 0
    labels: int = 0  # labels of listed persons
    reported: int = 0

    def add(self, other: Outcome) -> None:
        self.hits += other.hits
        self.labels += other.labels
        self.reported += other.reported

    @property
    def recall(self) -> float | None:
        return self.hits / self.labels if self.labels else None

    @property
    def precision(self) -> float | None:
        return self.hits / self.reported if self.reported else None


def score_item(item: dict[str, Any], mentions: list[Mention]) -> tuple[Outcome, list[str], list[str]]:
    """Match mentions to labels one to one; returns the outcome, misses and false hits (as lines)."""
    labels = item["labels"]
    matched: set[int] = set()
    false_hits = []
    flagged = [m for m in mentions if m.namesake]  # below the report threshold: not mentions
    mentions = [m for m in mentions if not m.namesake]
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        over = [i for i, lab in enumerate(labels) if m.start < lab["end"] and lab["start"] < m.end]
        good = [i for i in over if m.keys & set(labels[i]["listings"]) and i not in matched]
        if good:
            matched.add(good[0])
            continue
        false_hits.append(
            f"{m.start}-{m.end} {m.text!r} -> {','.join(sorted(m.keys))}: {_why(m, over, labels)}"
        )
    listed = [i for i, lab in enumerate(labels) if lab["listed"]]
    misses = [
        f"{labels[i]['start']}-{labels[i]['end']} {labels[i]['text']!r} ({labels[i]['person']}): "
        + ("one word" if " " not in labels[i]["text"] else "full name")
        + "".join(
            f" [flagged possible namesake: {m.namesake}]"
            for m in flagged
            if m.start < labels[i]["end"] and labels[i]["start"] < m.end
        )
        for i in listed
        if i not in matched
    ]
    return Outcome(len(matched), len(listed), len(mentions)), misses, false_hits


def _why(m: Mention, over: list[int], labels: list[dict[str, Any]]) -> str:
    if not over:
        return "no person name there"
    lab = labels[over[0]]
    if lab["listed"] and m.keys & set(lab["listings"]):
        return f"second report of {lab['person']} on the same span (another listing or duplicate)"
    if lab["listed"]:
        return f"wrong person: the text names {lab['person']} ({', '.join(lab['listings'])})"
    note = f"; {lab['note']}" if lab["note"] else ""
    return f"{lab['text']!r} is a person not on the lists{note}"


def evaluate(items: list[dict[str, Any]], scanner: Scanner) -> dict[str, Any]:
    table: dict[tuple[str, str], Outcome] = defaultdict(Outcome)
    details: list[tuple[str, list[str], list[str]]] = []
    for item in items:
        outcome, misses, false_hits = score_item(item, scanner.scan(item["text"]))
        half = item["half"]
        for key in ("all", f"group:{item['group']}", f"corpus:{item['corpus']}"):
            table[(half, key)].add(outcome)
        if half == "tune" and (misses or false_hits):
            details.append((item["id"], misses, false_hits))
    counts = {
        half: {
            "items": sum(item["half"] == half for item in items),
            "labels": sum(len(item["labels"]) for item in items if item["half"] == half),
        }
        for half in ("tune", "test")
    }
    figures = {
        f"{half}/{key}": {"recall": o.recall, "precision": o.precision, "listed_labels": o.labels,
                          "matched": o.hits, "reported": o.reported}
        for (half, key), o in sorted(table.items())
    }  # fmt: skip
    return {"counts": counts, "figures": figures, "tuning_details": details}


def _fmt(value: float | None) -> str:
    return "   -" if value is None else f"{value:.3f}"


def print_report(result: dict[str, Any], quiet: bool) -> None:
    if not quiet:
        print("TUNING half: misses and false hits (the test half is never shown)")
        for item_id, misses, false_hits in result["tuning_details"]:
            print(f"{item_id}")
            for line in misses:
                print(f"    miss   {line}")
            for line in false_hits:
                print(f"    false  {line}")
        print()
    rows = ["all", *(f"group:{g}" for g in GROUPS), *(f"corpus:{c}" for c in CORPORA)]
    print(
        f"{'':18}{'tune: recall':>13}{'precision':>10}{'labels':>7}   {'test: recall':>12}{'precision':>10}{'labels':>7}"
    )
    for row in rows:
        cells = []
        for half in ("tune", "test"):
            f = result["figures"].get(f"{half}/{row}")  # a half not scanned shows "-"
            cells.append(
                f"{_fmt(f and f['recall']):>13}{_fmt(f and f['precision']):>10}{(f or {}).get('listed_labels', 0):>7}"
            )
        print(f"{row:<18}{cells[0]}   {cells[1]}")
    c = result["counts"]
    print(
        f"items tune {c['tune']['items']} / test {c['test']['items']}; person-name labels "
        f"tune {c['tune']['labels']} / test {c['test']['labels']}; targets: recall and precision "
        f">= {TARGET} on the test half, overall and per group"
    )


def print_stats(items: list[dict[str, Any]]) -> None:
    """Items, person-name labels and labels of listed persons per corpus / language and half."""
    rows: dict[str, list[int]] = defaultdict(lambda: [0] * 6)
    for item in items:
        listed = sum(label["listed"] for label in item["labels"])
        at = 0 if item["half"] == "tune" else 3
        for key in (f"{item['corpus']}/{item['lang']}", "all"):
            row = rows[key]
            row[at], row[at + 1], row[at + 2] = (
                row[at] + 1,
                row[at + 1] + len(item["labels"]),
                row[at + 2] + listed,
            )
    print(
        f"{'corpus/lang':<14}{'tune: items':>12}{'names':>7}{'listed':>7}{'test: items':>13}{'names':>7}{'listed':>7}"
    )
    for key, r in sorted(rows.items(), key=lambda kv: (kv[0] == "all", kv[0])):
        print(f"{key:<14}{r[0]:>12}{r[1]:>7}{r[2]:>7}{r[3]:>13}{r[4]:>7}{r[5]:>7}")


def main() -> int:
    parser = argparse.ArgumentParser(description="News mention recall/precision on bench/news_eval2.")
    parser.add_argument("--json", action="store_true", help="figures as JSON (no tuning details)")
    parser.add_argument("--quiet", action="store_true", help="figures only")
    parser.add_argument("--rebuild-store", action="store_true", help="import the lists again")
    parser.add_argument("--stats", action="store_true", help="counts of items and labels only")
    parser.add_argument("--group", choices=GROUPS, help="only the items of one language group")
    parser.add_argument(
        "--half", choices=("tune", "test", "both"), default="tune",
        help="which half to scan and report (default tune; test only to report)",
    )  # fmt: skip
    args = parser.parse_args()
    try:
        items = items_build.load_items()
    except (items_build.LabelError, items_sample.SampleError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.half != "both" and not args.stats:
        items = [item for item in items if item["half"] == args.half]
    if args.group:
        items = [item for item in items if item["group"] == args.group]
    if args.stats:
        print_stats(items)
        return 0
    url = build_store(rebuild=args.rebuild_store)
    started = time.perf_counter()
    scanner = Scanner(url)
    print(f"scan index loaded in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    result = evaluate(items, scanner)
    if args.json:
        print(json.dumps({"counts": result["counts"], "figures": result["figures"]}, indent=1))
    else:
        print_report(result, args.quiet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
