"""`tracker search`: find a person's (or entity's) name across every stored list, explained."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from tracker.cli.app import (
    app,
    console,
    describe_mention,
    err_console,
    get_engine,
    get_settings,
    parse_date,
    print_json,
)
from tracker.errors import TrackerError, UsageError
from tracker.sources.registry import get_source

# The options of `tracker search`, declared here so the command reads as its steps.
QueryArg = Annotated[str | None, typer.Argument(help='A name, e.g. "Andrei Derkach" or "Андрій Деркач".')]
ThresholdOpt = Annotated[
    float | None,
    typer.Option(
        min=0.0,
        max=1.0,
        help="Only results scoring at least this (0 shows every candidate; default: the evaluated "
        "threshold, tracker.matching.DEFAULT_THRESHOLD).",
    ),
]
SourceOpt = Annotated[list[str] | None, typer.Option("--source", help="Only these lists (repeatable).")]
TypeOpt = Annotated[str, typer.Option("--type", help="person, entity, vessel, aircraft or any.")]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="Search the lists as they stood on YYYY-MM-DD.")]
DobOpt = Annotated[str | None, typer.Option(help="Date of birth YYYY[-MM[-DD]]: raises or lowers scores.")]
CountryOpt = Annotated[str | None, typer.Option(help="Country (ISO code or name): raises or lowers scores.")]
BatchOpt = Annotated[
    Path | None,
    typer.Option(help="Screen a file of names, one per line ('-' for stdin): one JSON line each."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable JSON on stdout.")]


@app.command()
def search(
    query: QueryArg = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="At most this many results.")] = 10,
    threshold: ThresholdOpt = None,
    source: SourceOpt = None,
    entity_type: TypeOpt = "any",
    as_of: AsOfOpt = None,
    dob: DobOpt = None,
    country: CountryOpt = None,
    batch: BatchOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Search a name across all lists: transliteration- and typo-tolerant, with the reason for each match."""
    # the matching stack (rapidfuzz, rigour, the index) loads only for this command
    from tracker.matching import DEFAULT_THRESHOLD
    from tracker.search import load_index

    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    if (query is None) == (batch is None):
        raise UsageError('give a QUERY or --batch FILE (e.g. tracker search "Andrei Derkach")')
    for name in source or []:
        get_source(name)
    settings = get_settings()
    engine = get_engine(settings)
    when = parse_date(as_of, end_of_day=True, option="--as-of")
    with err_console.status("loading the name index"):
        loaded = load_index(engine, settings, as_of=when)
    if len(loaded.index) == 0:
        err_console.print("the store holds no list entries yet: run `tracker sync` first")
    options: dict[str, Any] = dict(
        limit=limit,
        threshold=threshold,
        sources=source or None,
        entity_type=entity_type,
        dob=dob,
        country=country,
    )
    if batch is not None:
        _batch(loaded, batch, options)
        return
    assert query is not None
    results = run_search(loaded, query, **options)
    _attach_mentions(engine, results)
    if as_json:
        print_json(results)
        return
    _print_results(results, query, threshold)


def run_search(loaded: Any, query: str, **options: Any) -> list[dict[str, Any]]:
    from tracker.search import search

    return search(loaded, query, **options)


def _print_results(results: list[dict[str, Any]], query: str, threshold: float) -> None:
    """The results as a table, then the best one's history, programmes, birth dates and mentions."""
    if not results:
        console.print(f"no match at or above {threshold:.2f} for {query!r}")
        return
    table = Table("score", "list", "id", "name", "matched name", "why", "listed", expand=True)
    for r in results:
        status = "yes" if r["listed"] else f"no (until {r['removed_at']})"
        table.add_row(
            f"{r['score']:.2f}",
            r["source"],
            r["source_id"],
            r["name"],
            r["matched_name"],
            r["explanation"],
            status,
        )
    console.print(table)
    best = results[0]
    facts = [best["history"]]
    if best["programs"]:
        facts.append("programs " + ", ".join(best["programs"]))
    if best["birth_dates"]:
        facts.append("born " + "; ".join(best["birth_dates"]))
    console.print(f"[bold]{best['name']}[/bold]: " + "; ".join(f for f in facts if f), highlight=False)
    for mention in best.get("mentions", [])[:3]:
        console.print(f"  {describe_mention(mention)}", highlight=False)


def _batch(loaded: Any, path: Path, options: dict[str, Any]) -> None:
    """One JSON line per query line; a bad query gets an error field instead of stopping the batch."""
    if str(path) == "-":
        lines = sys.stdin
    else:
        try:
            lines = path.open(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot read {path}: {exc.strerror}") from exc
    for raw in lines:
        query = raw.strip()
        if not query:
            continue
        record: dict[str, Any] = {"query": query}
        try:
            record["results"] = run_search(loaded, query, **options)
        except TrackerError as exc:
            record["results"] = []
            record["error"] = str(exc)
        typer.echo(json.dumps(record, ensure_ascii=False))


def _attach_mentions(engine: Any, results: list[dict[str, Any]]) -> None:
    """The latest news mentions of each result (empty until `tracker news scan` has run)."""
    from tracker.store.news import recent_mentions

    with engine.connect() as conn:
        for result in results:
            result["mentions"] = recent_mentions(conn, result["source"], result["source_id"], limit=3)
