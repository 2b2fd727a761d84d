"""Labelling aid: find every listing of each person in persons.json on the loaded lists.

For each person (``query`` = a name as the lists write it, ``dob`` = birth date or year from the list
entry that identifies them), prints every individual entry of the store whose name holds all the
query's words (ASCII-folded) and says which ones share the birth date; ``--write`` stores those as
the person's ``listings``. Entries with the name but another birth date are printed for a human to
judge (namesake or the same person with a wrong date); ``extra`` listings in persons.json are kept.
This only LOOKS UP entries: which persons an item mentions was decided by reading.

    python bench/news_eval2/resolve.py [--db sqlite:///PATH] [--write] [PERSON_ID ...]

The store defaults to the evaluation's cache (bench/news_eval2.py builds it).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from rigour.text import ascii_text
from sqlalchemy import create_engine, text

HERE = Path(__file__).resolve().parent


def fold(value: str) -> list[str]:
    return re.sub(r"[^a-z0-9]+", " ", ascii_text(value).lower()).split()


def load_entries(url: str) -> list[tuple[str, dict[str, Any], list[set[str]]]]:
    """(source:id, latest stored data, folded word sets of its names) for every individual."""
    engine = create_engine(url)
    query = text(
        "SELECT s.name, e.source_key, v.data FROM entry e JOIN entry_version v ON v.entry_id = e.id "
        "JOIN source s ON s.id = e.source_id WHERE e.entity_type = 'individual' AND v.valid_to IS NULL"
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    entries = []
    for source, key, data in rows:
        parsed = json.loads(data)
        words = [set(fold(n["full"])) for n in parsed.get("names", [])]
        entries.append((f"{source}:{key}", parsed, words))
    return entries


def born(data: dict[str, Any], dob: str) -> bool:
    return any(d.startswith(dob) or dob.startswith(d) for d in data.get("birth_dates", []))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="*")
    parser.add_argument("--db", default=None)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE.parent))
    from news_eval2 import build_store  # the evaluation's cached store (built on first use)

    entries = load_entries(args.db or build_store())
    path = HERE / "persons.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    for pid, person in document["persons"].items():
        if args.ids and pid not in args.ids:
            continue
        want = set(fold(person["query"]))
        found = [(key, data) for key, data, names in entries if any(want <= n for n in names)]
        same = sorted(key for key, data in found if born(data, person["dob"]))
        print(f"{pid}: {person['query']} {person['dob']} -> {', '.join(same) or 'NONE'}")
        for key, data in found:
            if key not in same:
                print(f"    other: {key} {data['names'][0]['full']} {data.get('birth_dates')}")
        if args.write:
            person["listings"] = sorted(set(same) | set(person.get("extra", [])))
    if args.write:
        path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
