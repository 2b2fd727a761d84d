"""`derive` and `screen` commands: write the frozen query files, list congress members to review."""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from bench.name_eval.common import DEFAULT_DATA, LISTS, QUERIES, RECORD
from bench.name_eval.derive import (
    REVIEW,
    congress_members,
    derive,
    digests,
    namesakes,
    parse_lists,
    read_review,
    record,
    recorded_digests,
    write,
)


def _data_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")


def _check_data(data: Path) -> bool:
    missing = [relative for relative in LISTS.values() if not (data / relative).exists()]
    if missing:
        print(f"error: list files missing under {data}: {', '.join(missing)}", file=sys.stderr)
    return not missing


def derive_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.name_eval derive", description=derive.__doc__)
    _data_arg(parser)
    parser.add_argument("--out", type=Path, default=QUERIES, help="folder for tuning.csv and test.csv")
    parser.add_argument(
        "--record", action="store_true", help=f"write their sha256 to {RECORD.name} (after a rule change)"
    )
    args = parser.parse_args(argv)
    if not _check_data(args.data):
        return 2
    start = time.perf_counter()
    print("parsing the lists with tracker's parsers ...", file=sys.stderr)
    entries = parse_lists(args.data)
    rows, excluded = derive(entries, args.data)
    paths = write(rows, excluded, args.out)
    print(
        f"{len(rows)} queries in {time.perf_counter() - start:.1f} s: {paths['tuning'].name},"
        f" {paths['test'].name}; {len(excluded)} excluded ({paths['excluded'].name})"
    )
    if args.record:
        record(args.out)
        print(f"recorded in {RECORD}")
    elif digests(args.out) != recorded_digests():
        print(f"note: these files differ from {RECORD.name} (run again with --record to accept them)")
    counts = Counter((q.kind, q.family, q.half) for q in rows)
    print(f"{'kind':<18}{'family':<16}{'tuning':>8}{'test':>8}")
    for kind, family in sorted({(k, f) for k, f, _ in counts}):
        print(f"{kind:<18}{family:<16}{counts[kind, family, 'tuning']:>8}{counts[kind, family, 'test']:>8}")
    return 0


def screen_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.name_eval screen",
        description="Congress members who share a given and family name with a listed individual.",
    )
    _data_arg(parser)
    args = parser.parse_args(argv)
    if not _check_data(args.data):
        return 2
    from bench.name_eval.common import CONGRESS

    entries = parse_lists(args.data)
    members = {rid: (names, year) for rid, names, year in congress_members(args.data / CONGRESS)}
    review = read_review(REVIEW)
    for record_id, keys in sorted(
        namesakes(entries, list((r, n, y) for r, (n, y) in members.items())).items()
    ):
        names, year = members[record_id]
        decision = review.get(record_id, ("NOT REVIEWED", ""))[0]
        print(f"{record_id} {names[0]!r} b. {year or '?'}: {decision}; listed {' '.join(keys)}")
    return 0
