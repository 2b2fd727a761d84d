"""Commands over the stored history: `diff` (a change report between two dates) and `history`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Column, Table
from sqlalchemy import Connection

from tracker.cli.app import app, get_engine, get_settings
from tracker.cli.term import console, data_stdout, err_console, note, out, out_indented, print_json
from tracker.errors import UsageError
from tracker.report.diff import Report, Window, build_report, fmt_time, parse_point, resolve_windows
from tracker.report.writers import FORMATS, format_for, write_report
from tracker.store.timeline import stored_sources

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
        help="csv, json, xlsx, md or ftm-delta (default: from the --output suffix, else csv).",
    ),
]
SummaryOpt = Annotated[
    bool,
    typer.Option(
        "--summary",
        help="Print added / removed / modified counts per source: alone, only the counts (on stdout); "
        "with --output, or --format on stdout, beside the report (then on stderr).",
    ),
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
    if output is not None:
        check_output(output, explicit_format=fmt is not None)
    start_point, end_point = parse_point(start, "--from"), parse_point(end, "--to")
    engine = get_engine(get_settings())
    notes: list[str] = []
    with engine.connect() as conn:
        windows = resolve_windows(conn, source, start_point, end_point, notes)
        if kind == "ftm-delta":
            _ftm_delta(conn, windows, output, summary, notes)
            return
        report = build_report(conn, windows, each=each)
    if summary and output is None and fmt is None:
        # `diff --summary` asks for the counts, not the whole report as well
        for line in [*notes, *report.notes]:
            note(line)
        console.print(summary_table(report))
        return
    if output is None:
        with data_stdout() as stream:
            write_report(report, kind, None, stdout=stream)
    else:
        try:
            write_report(report, kind, output)
        except OSError as exc:  # the checks above cannot see everything (a full disk, a race)
            raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    # Keep stdout clean for the report when it goes there.
    side: Console = err_console if output is None else console
    for line in [*notes, *report.notes]:
        note(line)
    if summary:
        side.print(summary_table(report))
    if output is not None:
        out(f"{len(report.table)} rows written to {output}")


def _ftm_delta(
    conn: Connection, windows: list[Window], output: Path | None, summary: bool, notes: list[str]
) -> None:
    """The window's changes as FtM delta JSON lines (tracker.export.delta), streamed to the output."""
    from tracker.export.delta import write_delta
    from tracker.export.run import opened

    with data_stdout() if output is None else opened(output, bom=False) as stream:
        counts = write_delta(conn, windows, stream)
    side: Console = err_console if output is None else console
    for line in notes:
        note(line)
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
        out(f"{total} delta ops written to {output}")


def check_output(path: Path, *, explicit_format: bool) -> None:
    """--output must be a file we can write, named for its format: one line and exit 2 otherwise."""
    import os

    if path.is_dir():
        raise UsageError(f"--output {path} is a folder: give a file name")
    suffix = path.suffix.lower().lstrip(".")
    if not explicit_format and suffix not in FORMATS:
        raise UsageError(
            f"--output {path}: unknown extension {path.suffix or '(none)'!r}; name the file "
            ".csv, .json, .xlsx or .md, or give --format"
        )
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"--output {path}: folder does not exist: {folder}")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UsageError(f"--output {path}: not writable (permission denied)")


def summary_table(report: Report) -> Table:
    title = "every change in the window" if report.each else "net difference"
    # A source name is never cut (it is what --source takes); a date-time may wrap at its space.
    table = Table(
        Column("source", no_wrap=True),
        "from",
        "to",
        *(Column(h, justify="right", no_wrap=True) for h in ("added", "removed", "modified")),
        title=title,
        box=None,
        pad_edge=False,
        padding=(0, 1, 0, 0),
    )
    if report.each:
        table.add_column("snapshots", justify="right", no_wrap=True)
    for s in report.summaries:
        cells = [
            s.source,
            s.from_snapshot or "(empty)",
            s.to_snapshot,
            f"{s.added:,}",
            f"{s.removed:,}",
            f"{s.modified:,}",
        ]
        table.add_row(*cells, *([f"{s.steps:,}"] if report.each else []))
    return table


@app.command()
def history(
    ref: Annotated[
        str, typer.Argument(metavar="NAME|SOURCE:ID", help="e.g. ofac_sdn:29366 or 'Andrii Derkach'")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable JSON on stdout.")] = False,
) -> None:
    """The timeline of one entry: first seen or listed, each amendment, delisted (a name shows the best match and names the others)."""
    from tracker.cli.lookup import resolve
    from tracker.screening.results import entry_display_name, since_text
    from tracker.store import queries
    from tracker.views import entry_timeline

    settings = get_settings()
    engine = get_engine(settings)
    with engine.connect() as conn:
        found = resolve(engine, settings, ref, list(stored_sources(conn)))
        source, key = found.source, found.key
        entry = queries.entry_history(conn, source, key)
        timeline = entry_timeline(conn, source, key, entry.changes)
    designated = (entry.current or {}).get("listed_on")
    since = since_text(designated, fmt_time(entry.first_seen)[:10])
    if as_json:
        body = entry.as_json()
        body.update(designated=designated, since=since, timeline=timeline)
        if found.query is not None:
            body["match"] = found.match_json()
        print_json(body)
        return
    found.print_match()
    status = "listed" if entry.removed_at is None else f"delisted {fmt_time(entry.removed_at)}"
    name = entry_display_name(entry.current or {}, entry.primary_name)
    out((name, "bold"), f"  {source}:{key}  ({entry.entity_type}, {status}; {since})")
    for event in timeline:
        out(f"{event['date']:<16} ", (event["event"], "bold"), f"  (snapshot:{event['snapshot_id']})")
        if event.get("facts"):
            out_indented(4, event["facts"])
        for change in event["fields"]:
            out_indented(4, f"{change['field']}: {_arrow(change)}")


def _arrow(change: dict[str, str]) -> str:
    before, after = change["before"], change["after"]
    if change.get("list"):
        parts = ([f"- {before}"] if before else []) + ([f"+ {after}"] if after else [])
        return "  ".join(parts)
    return f"{before or '(none)'} -> {after or '(none)'}"
