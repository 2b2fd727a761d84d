"""The README's sources table says what the registry says: a row per source, its official URL, and,
where no URL is known for certain, that `--url` (or `tracker import`) is needed."""

from __future__ import annotations

import re
from pathlib import Path

from tracker.sources.registry import catalogue

README = Path(__file__).resolve().parents[2] / "README.md"


def _rows() -> dict[str, str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Sources\n", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        found = re.match(r"^\| `([a-z0-9_]+)` \|", line)
        if found:
            rows[found.group(1)] = line
    return rows


def test_readme_table_matches_the_registry() -> None:
    rows = _rows()
    sources = catalogue()
    assert sorted(rows) == sorted(r["source"] for r in sources)
    for source in sources:
        row = rows[source["source"]]
        url = source["url"]
        if url:
            # the README may shorten a long URL's middle (".../exports/CONSOLIDATED.XML"), never its end
            tail = url.split("?", 1)[0].rsplit("/", 1)[1]
            assert tail in row, (source["source"], tail)
        else:
            assert "--url" in row or "tracker import" in row, source["source"]
    assert "not known for certain: `--url` required" in rows["us_bis_dpl"]
