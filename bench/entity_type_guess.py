"""How often the person-or-company guesses of two sources are wrong, on the real files (issue 16).

* `us_bis_dpl`: the Denied Persons List does not say whether a party is a person or a company; the
  parser calls it a company when its name holds a company word (LTD, GMBH, TRADING, ...), else a person.
* `us_csl`: the non-Treasury lists of the Consolidated Screening List (Entity List, DPL, ITAR debarred,
  MEU, ISN, UVL: 3,625 of 14,160 rows in 2022) leave `type` empty; the parser reads them as entities.

Where the truth can be told: the same name (case, punctuation, word order and "LAST, First" ignored)
on a list that types its entries: OFAC SDN XML 2024-05-07, the typed rows of the CSL itself, EU
2024-05-13, UN 2026-02-27, UK OFSI 2025-04-14, OpenSanctions ua_war_sanctions and interpol_red_notices.
A name found there as a person only, or as a non-person only, is labelled; a name found as both (a
company named after its owner) or not found is left out. The labelled names are those that are also on
sanctions lists, so they lean towards Russian and Iranian parties: the error rates are for that part.
Most DPL, ITAR-debarred and Entity List names are on no typed list, so the README adds what reading
random samples of 100 names gave (a person's judgement, not this script's).

Usage: python bench/entity_type_guess.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tracker.records import EntityType, ListEntry  # noqa: E402
from tracker.sources.registry import get_source  # noqa: E402

TYPED = [
    ("ofac_sdn", "ofac/2024-05-07/sdn.xml.gz"),
    ("eu_fsf", "eu/2024-05-13/20240513-FULL-1_1.xml.gz"),
    ("un_sc", "un/2026-02-27/consolidated.xml.gz"),
    ("uk_ofsi", "uk/ofsi/2025-04-14/ConList.xlsx"),
    ("os_ua_war_sanctions", "opensanctions/ua_war_sanctions/2026-03-13/targets.simple.csv.gz"),
    ("os_interpol_red_notices", "opensanctions/interpol_red_notices/2025-05-23/targets.simple.csv.gz"),
]
CSL = "us_csl/2022-05-06/consolidated.csv.gz"
DPL = ["us_bis_dpl/2019-06-29/dpl.txt", "us_bis_dpl/2023-11-30/dpl.txt"]
_NOT_WORD = re.compile(r"[^\w]+")


def key(name: str) -> str:
    """Order- and punctuation-free form of a name: 'DERKACH, Andrii' == 'Andrii Derkach'."""
    text = unicodedata.normalize("NFKD", name).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(sorted(w for w in _NOT_WORD.split(text) if w))


def is_person(entry: ListEntry) -> bool:
    return entry.entity_type == EntityType.INDIVIDUAL


def truth_table(data: Path, csl_typed: list[ListEntry]) -> dict[str, set[bool]]:
    """Name key -> the kinds (True = person) the typed lists give it."""
    kinds: dict[str, set[bool]] = defaultdict(set)
    for source, relative in TYPED:
        for entry in get_source(source).parse(data / relative).entries:
            for name in entry.names:
                kinds[key(name.full)].add(is_person(entry))
    for entry in csl_typed:
        for name in entry.names:
            kinds[key(name.full)].add(is_person(entry))
    return kinds


def measure(label: str, entries: list[ListEntry], kinds: dict[str, set[bool]]) -> None:
    counts: Counter[str] = Counter()
    wrong_examples: list[str] = []
    for entry in entries:
        found = set().union(*(kinds.get(key(n.full), set()) for n in entry.names))
        if len(found) != 1:
            counts["both" if found else "not found"] += 1
            continue
        truth = found.pop()
        counts[f"labelled {'person' if truth else 'non-person'}"] += 1
        if truth != is_person(entry):
            counts["wrong"] += 1
            if len(wrong_examples) < 6:
                wrong_examples.append(f"{entry.primary_name} ({'person' if truth else 'non-person'})")
    labelled = counts["labelled person"] + counts["labelled non-person"]
    rate = f"{counts['wrong'] / labelled:.1%}" if labelled else "-"
    print(
        f"{label}: {len(entries):,} entries; labelled {labelled:,} "
        f"({counts['labelled person']:,} persons, {counts['labelled non-person']:,} non-persons), "
        f"{counts['both']:,} named both ways, {counts['not found']:,} not found; "
        f"guess wrong for {counts['wrong']:,} of {labelled:,} = {rate}"
    )
    for example in wrong_examples:
        print(f"    wrong: {example}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    csl = get_source("us_csl").parse(args.data / CSL).entries
    untyped_lists = {"DPL", "EL", "DTC", "MEU", "ISN", "UVL"}
    untyped = [e for e in csl if e.source_id.split(":")[0] in untyped_lists]
    typed = [e for e in csl if e.source_id.split(":")[0] not in untyped_lists]
    kinds = truth_table(args.data, typed)
    print(f"typed names known: {len(kinds):,}")
    measure("us_csl rows without a type (read as entities)", untyped, kinds)
    by_list: dict[str, list[ListEntry]] = defaultdict(list)
    for entry in untyped:
        by_list[entry.source_id.split(":")[0]].append(entry)
    for code, entries in sorted(by_list.items()):
        measure(f"  us_csl {code}", entries, kinds)
    for relative in DPL:
        measure(
            f"us_bis_dpl {relative.split('/')[1]} (company words)",
            get_source("us_bis_dpl").parse(args.data / relative).entries,
            kinds,
        )


if __name__ == "__main__":
    main()
