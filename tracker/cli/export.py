"""`tracker export`: a stored list as it stood on a date, as CSV, JSON or FollowTheMoney JSON lines."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.app import app, get_engine, get_settings
from tracker.cli.term import console, data_stdout, err_console
from tracker.report.diff import fmt_time

AS_OF_HELP = (
    "YYYY-MM-DD = the list as it stood at the end of that day (UTC); an ISO date-time; or "
    "snapshot:ID. Default: the newest snapshot."
)


@app.command()
def export(
    source: Annotated[str, typer.Argument(help="A stored source, e.g. ofac_sdn.")],
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE|snapshot:ID", help=AS_OF_HELP)] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="csv (one row per entry), json (every field) or ftm (FollowTheMoney JSON lines). "
            "Default: from the --output name (.csv, .json, .ftm.json, .jsonl), else csv.",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here (default: stdout).")
    ] = None,
) -> None:
    """One list as it stood on a date: every entry with its names, dates, identifiers and addresses.

    The FtM format (Person / Organization / Vessel / Airplane, a Sanction per listing, Identification
    and Address entities) loads into yente, nomenklatura or Aleph, and back with `tracker import os_ftm`.
    A CSV file starts with a byte-order mark for Excel; CSV on stdout has none.
    """
    from tracker.export.run import export_list, format_for, opened

    kind = format_for(output, fmt)
    engine = get_engine(get_settings())
    with (
        engine.connect() as conn,
        err_console.status(f"exporting {source}") as status,
        data_stdout() if output is None else opened(output, bom=kind == "csv") as out,
    ):
        result = export_list(
            conn,
            source,
            kind,
            out,
            as_of=as_of,
            crlf=output is not None and kind == "csv",
            progress=lambda n: status.update(f"exporting {source}: {n:,} entries"),
        )
    side = err_console if output is None else console
    what = f"{result.entries:,} entries" + (f" ({result.entities:,} FtM entities)" if kind == "ftm" else "")
    where = f" to {output}" if output is not None else ""
    side.print(
        f"{result.source} as of snapshot:{result.snapshot.id} ({fmt_time(result.snapshot.when)}): "
        f"{what} written{where}",
        highlight=False,
        markup=False,
    )
