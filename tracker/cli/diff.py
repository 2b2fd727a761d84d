"""Commands over the stored history: `diff` (a change report between two dates) and `history`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from tracker.cli.app import app, console, err_console, get_engine, get_settings, print_json
from tracker.errors import NotFound, UsageError
from tracker.report import render
from tracker.report.diff import Report, Window, build_report, fmt_time, parse_point, resolve_windows
from tracker.report.writers import format_for, write_report
from tracker.store.timeline import entries_named, stored_sources

POINT_HELP = (
    "YYYY-MM-DD = the list as it stood at the end of that day (UTC); an ISO date-time; "
    "or snapshot:ID = one stored snapshot (ids: `tracker history ... --json`, `tracker changes --json`)."
)


# The options of `tracker diff`, declared here so the command reads as its steps.
SourceOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--source", "-s", metavar="SOURCE", help="Only this source (repeatable; default: all stored)."
    ),
]
FromOpt = Annotated[
    str | None,
    typer.Option(
        "--from", metavar="DATE|snapshot:ID", help=f"Start. {POINT_HELP} Default: the snapshot before --to."
    ),
]
ToOpt = Annotated[
    str | None,
    typer.Option("--to", metavar="DATE|snapshot:ID", help=f"End. {POINT_HELP} Default: the latest snapshot."),
]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write here (default: CSV on stdout).")
]
FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="csv, json, xlsx, md, or ftm-delta (FollowTheMoney ADD/MOD/DEL JSON lines, as OpenSanctions "
        "publishes; `tracker import os_ftm` applies it). Default: from the --output suffix, else csv.",
    ),
]
SummaryOpt = Annotated[
    bool, typer.Option("--summary", help="Also print added / removed / modified counts per source.")
]
EachOpt = Annotated[
    bool,
    typer.Option(
        "--each", help="Every intermediate change, snapshot by snapshot, instead of the net difference."
    ),
]


@app.command()
def diff(
    source: SourceOpt = None,
    start: FromOpt = None,
    end: ToOpt = None,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    summary: SummaryOpt = False,
    each: EachOpt = False,
) -> None:
    """What changed on the lists between two dates, as a table: one row per added or removed entry, one row per amended field.

    List fields (names, programmes, ids, ...) are compared as sets; before/after then show only the items taken out and put in.

    By default the two states are compared directly, so an entry added and removed inside the window does not appear; --each lists every step instead.

    CSV files are UTF-8 with a byte-order mark so Excel reads non-Latin names; CSV on stdout has none. Cells that a spreadsheet would run as a formula (= + - @ tab CR) get a leading apostrophe.
    """
    kind = format_for(output, fmt)
    if kind == "ftm-delta" and each:
        raise UsageError("--each does not apply to --format ftm-delta: a delta is the net change")
    start_point, end_point = parse_point(start, "--from"), parse_point(end, "--to")
    engine = get_engine(get_settings())
    notes: list[str] = []
    with engine.connect() as conn:
        windows = resolve_windows(conn, source, start_point, end_point, notes)
        if kind == "ftm-delta":
            _ftm_delta(conn, windows, output, summary, notes)
            return
        report = build_report(conn, windows, each=each)
    write_report(report, kind, output)
    # Keep stdout clean for the report when it goes there.
    side: Console = err_console if output is None else console
    for note in notes:
        err_console.print(f"[yellow]note:[/yellow] {note}", highlight=False)
    if summary:
        side.print(summary_table(report))
    if output is not None:
        side.print(f"{len(report.table)} rows written to {output}", highlight=False)


def _ftm_delta(
    conn: Any, windows: list[Window], output: Path | None, summary: bool, notes: list[str]
) -> None:
    """The window's changes as FtM delta JSON lines (tracker.export.delta), streamed to the output."""
    from tracker.export.delta import write_delta
    from tracker.export.run import opened

    with opened(output, bom=False) as out:
        counts = write_delta(conn, windows, out)
    side: Console = err_console if output is None else console
    for note in notes:
        err_console.print(f"[yellow]note:[/yellow] {note}", highlight=False)
    if summary:
        table = Table("source", "from", "to", "ADD", "MOD", "DEL", title="FtM delta (entities)")
        for window in windows:
            tally = counts[window.source]
            start = fmt_time(window.start.when) if window.start else "(empty)"
            table.add_row(
                window.source,
                start,
                fmt_time(window.end.when),
                *(str(tally[op]) for op in ("ADD", "MOD", "DEL")),
            )
        side.print(table)
    if output is not None:
        total = sum(sum(tally.values()) for tally in counts.values())
        side.print(f"{total} delta ops written to {output}", highlight=False)


def summary_table(report: Report) -> Table:
    title = "every change in the window" if report.each else "net difference"
    table = Table("source", "from", "to", "added", "removed", "modified", title=title)
    if report.each:
        table.add_column("snapshots")
    for s in report.summaries:
        cells = [
            s.source,
            s.from_snapshot or "(empty)",
            s.to_snapshot,
            str(s.added),
            str(s.removed),
            str(s.modified),
        ]
        table.add_row(*cells, *([str(s.steps)] if report.each else []))
    return table


@app.command()
def history(
    ref: Annotated[str, typer.Argument(metavar="NAME|SOURCE:ID", help="e.g. ofac_sdn:29366 or 'derkach'")],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable JSON on stdout.")] = False,
) -> None:
    """The timeline of one entry: listed, each amendment with its fields, delisted (and relisted)."""
    from tracker.store import queries
    from tracker.views import entry_timeline

    engine = get_engine(get_settings())
    with engine.connect() as conn:
        source, key = _find_entry(conn, ref, as_json)
        entry = queries.entry_history(conn, source, key)
        timeline = entry_timeline(conn, source, key, entry.changes)
    if as_json:
        body = entry.as_json()
        body["timeline"] = timeline
        print_json(body)
        return
    status = "listed" if entry.removed_at is None else f"delisted {fmt_time(entry.removed_at)}"
    console.print(f"[bold]{entry.primary_name}[/bold]  {source}:{key}  ({entry.entity_type}, {status})")
    for event in timeline:
        console.print(
            f"{event['date']:<16} [bold]{event['event']}[/bold]  (snapshot:{event['snapshot_id']})",
            highlight=False,
        )
        if event.get("facts"):
            console.print(f"    {event['facts']}", highlight=False)
        for change in event["fields"]:
            console.print(f"    {change['field']}: {_arrow(change)}", highlight=False)


def _arrow(change: dict[str, str]) -> str:
    before, after = change["before"], change["after"]
    if change.get("list"):
        parts = ([f"- {before}"] if before else []) + ([f"+ {after}"] if after else [])
        return "  ".join(parts)
    return f"{before or '(none)'} -> {after or '(none)'}"


def _find_entry(conn: Any, ref: str, as_json: bool) -> tuple[str, str]:
    """SOURCE:ID as given, or the single entry whose current or past primary name contains NAME."""
    prefix, sep, key = ref.partition(":")
    if sep and key.strip() and prefix in stored_sources(conn):
        return prefix, key.strip()
    if sep and key.strip():
        from tracker.sources.registry import source_names

        if prefix in source_names():
            raise NotFound(f"nothing stored for {prefix} yet")
    text = ref.strip()
    if len(text) < 2:
        raise UsageError("give SOURCE:ID (e.g. ofac_sdn:29366) or at least two letters of a name")
    needle = text.casefold()
    matches = []
    for match, versions in entries_named(conn, text):
        past = {render.primary_name(json.loads(d)) for d in versions}
        if any(needle in name.casefold() for name in past | {match.primary_name}):
            matches.append((match, sorted(past - {match.primary_name})))
    if not matches:
        raise NotFound(f"no entry whose name contains {text!r} (give SOURCE:ID, e.g. ofac_sdn:29366)")
    if len(matches) == 1:
        return matches[0][0].source, matches[0][0].source_key
    _print_matches(matches, as_json)
    raise typer.Exit(1)


def _print_matches(matches: list[Any], as_json: bool) -> None:
    if as_json:
        print_json(
            {
                "error": "several entries match; give SOURCE:ID",
                "matches": [
                    {
                        "ref": f"{m.source}:{m.source_key}",
                        "name": m.primary_name,
                        "former_names": former,
                        "entity_type": m.entity_type,
                        "listed": m.listed,
                    }
                    for m, former in matches
                ],
            }
        )
        return
    table = Table("SOURCE:ID", "name", "type", "status", title=f"{len(matches)} entries match")
    for m, former in matches:
        name = m.primary_name + (f" (formerly {'; '.join(former)})" if former else "")
        table.add_row(f"{m.source}:{m.source_key}", name, m.entity_type, "listed" if m.listed else "delisted")
    console.print(table)
    err_console.print("several entries match: run `tracker history SOURCE:ID` with one of them")
