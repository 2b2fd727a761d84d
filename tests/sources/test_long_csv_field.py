"""A CSV list with a field beyond the csv module's limit is refused with the README's wording (a field
far beyond any real list's, limit 65,536) and its line, not the csv module's "field larger than field
limit (131072)" (the trial), nor, for OFAC's CSV, "file is truncated or corrupt"."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracker.errors import ParseError
from tracker.sources.common import Warnings
from tracker.sources.registry import get_source
from tracker.sources.tabular import dict_rows

FIXTURES = Path(__file__).parent.parent / "fixtures"
LONG = "A" * 200_000
TOO_LONG = "a field is over 131,072 characters long, far beyond any real list's (limit 65,536); not loaded"


@pytest.fixture(autouse=True)
def _raised_global_limit() -> Iterator[None]:
    """The csv module's limit raised as followthemoney's statement module raises it on import (30 MB):
    the readers must not depend on the process-wide limit (CI failed once the FtM export tests ran
    first in the same worker)."""
    previous = csv.field_size_limit(30 * 1024 * 1024)
    yield
    assert csv.field_size_limit(previous) == 30 * 1024 * 1024  # the readers put it back


def _lengthen(text: str, after: str) -> str:
    """``text`` with LONG written inside the first field that follows ``after``."""
    at = text.index(after) + len(after)
    return text[:at] + LONG + text[at:]


def test_ofac_csv(tmp_path: Path):
    folder = tmp_path / "csv_set"
    shutil.copytree(FIXTURES / "ofac" / "csv_set", folder)
    sdn = folder / "sdn.csv"
    sdn.write_text(_lengthen(sdn.read_text(encoding="latin-1"), '29366,"'), encoding="latin-1")
    with pytest.raises(ParseError) as info:
        get_source("ofac_sdn").parse(folder)
    assert str(info.value) == f"sdn.csv: line 2: {TOO_LONG}"


@pytest.mark.parametrize(
    ("source", "fixture", "after", "encoding"),
    [
        ("uk_ofsi", "ofsi_old.csv", "\nTESTER,", "cp1252"),
        ("uk_fcdo", "UK-Sanctions-List.csv", ",PETROVSKY,", "utf-8"),
    ],
)
def test_uk_csv(tmp_path: Path, source: str, fixture: str, after: str, encoding: str):
    path = tmp_path / fixture
    text = (FIXTURES / "uk" / fixture).read_bytes().decode(encoding, errors="replace")
    path.write_bytes(_lengthen(text, after).encode(encoding, errors="replace"))
    with pytest.raises(ParseError) as info:
        get_source(source).parse(path)
    assert str(info.value) == f"{fixture}: {TOO_LONG}"


def test_tabular_csv_of_us_and_opensanctions_lists(tmp_path: Path):
    path = tmp_path / "list.csv"
    path.write_text(f'id,name\n1,"Ann Example"\n2,"{LONG}"\n')
    with pytest.raises(ParseError) as info:
        list(dict_rows(path, ("id", "name"), Warnings()))
    assert str(info.value) == f"list.csv: line 3: {TOO_LONG}"
