"""One screening answer per query: the JSON object of `tracker search --json` and of each line of a
batch, and its rows in a batch CSV.

An answer always says what it was checked against (every list's snapshot: source and date, and
whether it is stale) and its status: ``match`` (results at or above the threshold), ``no_match``, or
``error`` (the query could not be screened: the line is named, the results are absent, never empty).
"""

from __future__ import annotations

import csv
from typing import IO, Any

from tracker.screening.coverage import Coverage

MATCH, NO_MATCH, ERROR = "match", "no_match", "error"

CSV_COLUMNS = (
    "line",
    "id",
    "query",
    "column",
    "dob",
    "country",
    "status",
    "rank",
    "score",
    "source",
    "source_id",
    "name",
    "matched_name",
    "weak_alias",
    "entity_type",
    "birth_dates",
    "nationalities",
    "programs",
    "listed",
    "since",
    "list_snapshot",
    "explanation",
    "checked_against",
    "error",
)
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet runs such a cell as a formula


def answer(
    query: dict[str, Any], results: list[dict[str, Any]] | None, coverage: Coverage, error: str | None = None
) -> dict[str, Any]:
    """The answer to one query (``query``: the fields as asked, e.g. line, id, query, dob, country),
    with ``warnings`` (Coverage.warnings) when a list checked is stale, and ``not_checked`` (with a
    warning) naming the lists that held no snapshot yet at --as-of."""
    status = ERROR if error is not None else (MATCH if results else NO_MATCH)
    body: dict[str, Any] = {**query, "status": status}
    if error is not None:
        body["error"] = error
    else:
        body["hits"] = len(results or [])
    body["checked_against"] = coverage.as_json()
    if coverage.not_checked:  # --as-of before a list's first snapshot: no answer for that list
        body["not_checked"] = list(coverage.not_checked)
    if error is None:
        body["results"] = results or []
    if coverage.incomplete:
        body["warnings"] = coverage.warnings
    return body


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(_DANGEROUS) else text  # OWASP CSV-injection advice


def csv_rows(body: dict[str, Any]) -> list[list[str]]:
    """An answer as CSV rows: one per result, or one row (no result / the error)."""
    checked = "; ".join(
        [f"{c['source']} {c['date']}" + (" (stale)" if c["stale"] else "") for c in body["checked_against"]]
        + [f"{source} (not checked)" for source in body.get("not_checked", [])]
    )
    base = {
        key: body.get(key) for key in ("line", "id", "query", "column", "dob", "country", "status", "error")
    }
    base["checked_against"] = checked
    results = body.get("results") or [{}]
    rows = []
    for rank, result in enumerate(results, start=1):
        snapshot = result.get("snapshot") or {}
        row = {**base, **{k: v for k, v in result.items() if k in CSV_COLUMNS}}
        if result:
            row["rank"] = rank
            row["list_snapshot"] = f"{snapshot.get('source')} {snapshot.get('date')}" if snapshot else ""
        rows.append([_cell(row.get(column)) for column in CSV_COLUMNS])
    return rows


class AnswerWriter:
    """Writes answers to ``stream`` as JSON lines or CSV (header first)."""

    def __init__(self, stream: IO[str], fmt: str, dumps: Any) -> None:
        self.stream = stream
        self.fmt = fmt
        self.dumps = dumps  # the JSON serialiser (tracker.cli.term.json_text for a console)
        self.csv = csv.writer(stream, lineterminator="\n") if fmt == "csv" else None
        if self.csv is not None:
            self.csv.writerow(CSV_COLUMNS)

    def write(self, body: dict[str, Any]) -> None:
        if self.csv is not None:
            self.csv.writerows(csv_rows(body))
        else:
            self.stream.write(self.dumps(body) + "\n")
