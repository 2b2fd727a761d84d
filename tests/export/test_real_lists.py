"""The FtM export of the issue-16 lists on their real files: every exported entity is valid for the
followthemoney library, and reading the export back as os_ftm gives every entry again: every name,
date and identifier, and every other field up to the documented conversions
(tests.export.support.expected_after_round_trip). The mapping is the one `tracker export --format
ftm` writes (tracker.export.ftm.entities on each entry's canonical JSON); the store's side of the
export is tested on the SDN, EU and UN lists in test_real.py."""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import real_file
from tests.export.support import check_round_trip, ftm_problems
from tracker.export.ftm import entities
from tracker.records import ParsedList
from tracker.sources import ftm_model as fm
from tracker.sources import os_ftm
from tracker.sources.registry import get_source

pytestmark = pytest.mark.realdata


def _round_trip(source: str, parsed: ParsedList, tmp_path: Path) -> list[dict[str, Any]]:
    """Export every entry as FtM, check it with followthemoney, read it back and compare; returns
    the exported entities."""
    spec = get_source(source)
    lines = [e for entry in parsed.entries for e in entities(source, spec.publisher, entry.canonical())]
    assert ftm_problems(lines) == []
    path = tmp_path / "export.ftm.json"
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in lines), encoding="utf-8")
    check_round_trip(source, [entry.canonical() for entry in parsed.entries], os_ftm.parse(path))
    return lines


def _schemas(lines: list[dict[str, Any]]) -> Counter[str]:
    return Counter(e["schema"] for e in lines)


@pytest.mark.parametrize(
    ("source", "relative", "targets"),
    [
        ("ca_sema", "canada/2020-04-15/sema-lmes.xml.gz", {"Person": 985, "Organization": 384}),
        ("us_bis_dpl", "us_bis_dpl/2023-11-30/dpl.txt", {"Person": 451, "Organization": 94}),
        # Enhanced XML: identity documents with their countries and dates, many addresses
        (
            "ofac_cons",
            "ofac/2025-01-10_consolidated_enhanced/CONS_ENHANCED.ZIP",
            {"Person": 80, "Organization": 363},
        ),
    ],
)
def test_round_trip(tmp_path: Path, source: str, relative: str, targets: dict[str, int]) -> None:
    parsed = get_source(source).parse(real_file(relative))
    lines = _round_trip(source, parsed, tmp_path)
    counts = _schemas(lines)
    assert {k: counts[k] for k in counts if k in fm.TARGET_TYPES} == targets
    assert counts["Sanction"] == len(parsed.entries)


@pytest.mark.slow
def test_round_trip_au_dfat(tmp_path: Path) -> None:
    """One row per name, original-script names, lettered multi-values."""
    parsed = get_source("au_dfat").parse(real_file("australia_dfat/2024-12-17/regulation8_consolidated.xlsx"))
    lines = _round_trip("au_dfat", parsed, tmp_path)
    assert _schemas(lines)["Sanction"] == 3062


def _cut_csv(
    relative: str, column: str, per_value: int, tmp_path: Path, keep: frozenset[str] = frozenset()
) -> Path:
    """The header and the first ``per_value`` rows of each value of ``column`` of a real CSV (plus
    the rows whose first cell is in ``keep``), written as a plain CSV: a real file's rows, small."""
    with gzip.open(real_file(relative), "rt", encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        at = header.index(column)
        taken: Counter[str] = Counter()
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        for row in reader:
            if taken[row[at]] < per_value or row[0] in keep:
                taken[row[at]] += 1
                writer.writerow(row)
    path = tmp_path / "cut.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_round_trip_interpol_long_charges(tmp_path: Path) -> None:
    """Interpol charges are the programmes; two are over FtM's 1,024 characters for a string (2,559
    and 4,169): they travel as "Program as listed:" lines of the Sanction's summary. The first 300
    notices and those two (multi-line quoted fields)."""
    long_ones = frozenset({"Q125078059", "interpol-red-2019-95413"})
    path = _cut_csv(
        "opensanctions/interpol_red_notices/2025-05-23/targets.simple.csv.gz",
        "schema",
        300,
        tmp_path,
        long_ones,
    )
    parsed = get_source("os_interpol_red_notices").parse(path)
    assert len(parsed.entries) == 302
    lines = _round_trip("os_interpol_red_notices", parsed, tmp_path)
    long = {
        e["properties"]["entity"][0]: len(e["properties"]["summary"][0])
        for e in lines
        if e["schema"] == "Sanction" and "summary" in e["properties"]
    }
    assert long == {  # + "Program as listed: "
        fm.entity_id("os_interpol_red_notices", "Q125078059"): 2559 + 19,
        fm.entity_id("os_interpol_red_notices", "interpol-red-2019-95413"): 4169 + 19,
    }


def test_round_trip_ua_war_sanctions(tmp_path: Path) -> None:
    """The first 100 rows of each schema (Person, Company, Vessel, LegalEntity)."""
    path = _cut_csv(
        "opensanctions/ua_war_sanctions/2026-03-13/targets.simple.csv.gz", "schema", 100, tmp_path
    )
    parsed = get_source("os_ua_war_sanctions").parse(path)
    lines = _round_trip("os_ua_war_sanctions", parsed, tmp_path)
    counts = _schemas(lines)
    assert (counts["Person"], counts["Vessel"], counts["Organization"]) == (100, 100, 200)
    assert counts["Identification"] > 100 and counts["Address"] > 0


def test_round_trip_us_csl_every_source_list(tmp_path: Path) -> None:
    """The first 25 rows of each of the CSL's 13 lists, cut from the real file (the whole file
    takes half a minute): each row's source list and identifiers come back."""
    with gzip.open(
        real_file("us_csl/2022-05-06/consolidated.csv.gz"), "rt", encoding="utf-8", newline=""
    ) as fh:
        reader = csv.reader(fh)
        header = next(reader)
        source, key = header.index("source"), header.index("_id")
        taken: Counter[str] = Counter()
        rows: set[tuple[str, str]] = set()
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        for row in reader:
            if taken[row[source]] < 25:
                taken[row[source]] += 1
                rows.add((row[source], row[key]))
                writer.writerow(row)
    assert len(taken) == 13
    path = tmp_path / "consolidated.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    parsed = get_source("us_csl").parse(path)
    assert len(parsed.entries) == len(rows) == 294  # CAP 15268 is in the file twice
    _round_trip("us_csl", parsed, tmp_path)
    listed = {e.details["source_list"] for e in parsed.entries}
    assert len(listed) == 13
