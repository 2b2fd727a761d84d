"""`tracker alerts`: the watchlist's alerts (list changes and news mentions of watched persons),
newest first, until acknowledged with `tracker alerts ack`."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli.app import app, get_engine, get_settings
from tracker.cli.term import err, out, out_indented, print_json
from tracker.errors import UsageError

alerts_app = typer.Typer(
    help="Alerts on watched persons (see `tracker watch`): list them, acknowledge them.",
    invoke_without_command=True,
)
app.add_typer(alerts_app, name="alerts")

JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable JSON on stdout.")]


@alerts_app.callback()
def alerts(
    ctx: typer.Context,
    show_all: Annotated[bool, typer.Option("--all", help="Acknowledged alerts too.")] = False,
    limit: Annotated[int, typer.Option(min=0, help="At most this many alerts (0: all).")] = 50,
    as_json: JsonOpt = False,
) -> None:
    """The alerts not acknowledged yet, newest first: which watch fired, what happened."""
    if ctx.invoked_subcommand is not None:
        return
    from tracker.news.alerts import list_alerts

    with get_engine(get_settings()).connect() as conn:
        rows, total = list_alerts(conn, acknowledged=show_all, limit=limit or None)
    shown = f"{len(rows):,} of {total:,} alerts (--limit {limit}; 0 shows all)" if total > len(rows) else None
    if as_json:
        print_json(rows)
        if shown:
            err(shown)
        return
    for row in rows:
        state = "acknowledged" if row["acknowledged_at"] else "new"
        if row["delivery_error"]:
            state += f"; webhook: {row['delivery_error']}"
        out((f"#{row['id']}", "bold"), f"  {row['created_at'].replace('T', ' ')}  {row['kind']}  ({state})")
        out_indented(4, row["message"])
    if shown:
        out(shown)
    elif not rows:
        out("no alerts" if show_all else "no new alerts (--all lists acknowledged ones too)")


@alerts_app.command("ack")
def ack(
    ids: Annotated[
        list[int] | None, typer.Argument(metavar="[ID]...", help="Alert ids (see `tracker alerts`).")
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="Acknowledge every alert not acknowledged yet.")
    ] = False,
) -> None:
    """Acknowledge alerts: they no longer show in `tracker alerts` (--all still lists them)."""
    from tracker.news.alerts import acknowledge

    if bool(ids) == every:
        raise UsageError("give alert IDs or --all (e.g. tracker alerts ack 3 4)")
    marked = acknowledge(get_engine(get_settings()), None if every else list(ids or []))
    out(f"acknowledged {len(marked)} alert(s)")
