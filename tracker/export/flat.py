"""A list as flat CSV (one row per entry) or as one JSON document, written entry by entry.

CSV: multi-valued cells are "; "-joined in the readable forms of diff reports (tracker.report.render:
"DERKACH, Andrii Leonidovych (primary); DERKACH, Andriy (aka)"); cells a spreadsheet would run as a
formula get a leading apostrophe (tracker.report.writers.neutralise). JSON: every entry's full
canonical form (tracker.records.ListEntry.canonical) plus ``first_seen``, nothing flattened.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

import orjson

from tracker.report import render
from tracker.report.writers import neutralise
from tracker.store.exports import ListedRow

CSV_COLUMNS = [
    "source",
    "source_id",
    "entity_type",
    "primary_name",
    "names",
    "programs",
    "listed_on",
    "birth_dates",
    "birth_places",
    "nationalities",
    "citizenships",
    "gender",
    "identifiers",
    "addresses",
    "titles",
    "positions",
    "remarks",
    "details",
    "first_seen",
]
_LIST_FIELDS = (
    "names",
    "programs",
    "birth_dates",
    "birth_places",
    "nationalities",
    "citizenships",
    "identifiers",
    "addresses",
    "titles",
    "positions",
    "details",
)


def csv_row(source: str, row: ListedRow, data: dict[str, Any]) -> list[str]:
    """One entry's CSV cells, in CSV_COLUMNS order."""
    cells: dict[str, str] = {
        "source": source,
        "source_id": row.source_key,
        "entity_type": data.get("entity_type", ""),
        "primary_name": render.primary_name(data),
        "listed_on": data.get("listed_on") or "",
        "gender": data.get("gender") or "",
        "remarks": data.get("remarks") or "",
        "first_seen": row.first_seen.isoformat(),
    }
    for key in _LIST_FIELDS:
        cells[key] = render.value_text(key, data.get(key))
    return [str(neutralise(cells[c])) for c in CSV_COLUMNS]


def write_csv(
    out: TextIO, source: str, rows: Iterable[tuple[ListedRow, dict[str, Any]]], *, crlf: bool
) -> int:
    """Header then one row per entry; returns the number of entries written."""
    writer = csv.writer(out, lineterminator="\r\n" if crlf else "\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for row, data in rows:
        writer.writerow(csv_row(source, row, data))
        count += 1
    return count


def write_json(out: TextIO, header: dict[str, Any], rows: Iterable[tuple[ListedRow, dict[str, Any]]]) -> int:
    """``{...header, "entries": [...]}`` with one entry a line, written as the rows come; returns the
    number of entries."""
    head = json.dumps(header, ensure_ascii=False)
    out.write(head[:-1] + (', "entries": [' if header else '"entries": ['))
    count = 0
    for row, data in rows:
        entry = {"first_seen": row.first_seen.isoformat(), **data}
        text = orjson.dumps(entry, option=orjson.OPT_SORT_KEYS).decode("utf-8")
        out.write(("\n" if count == 0 else ",\n") + text)
        count += 1
    out.write("\n]}\n")
    return count
