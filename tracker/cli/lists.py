"""Commands over the stored lists: sync, import, sources, changes, show."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeRemainingColumn
from rich.table import Column, Table

from tracker.cli.app import (
    app,
    describe_mention,
    fmt_day,
    get_engine,
    get_settings,
    parse_date,
)
from tracker.cli.term import (
    console,
    err,
    err_console,
    flat,
    out,
    out_indented,
    print_json,
    styled,
    warning,
)
from tracker.dates import refuse_future_day
from tracker.errors import UsageError
from tracker.pipeline import import_many, sync_sources
from tracker.results import SyncResult, SyncStatus
from tracker.sources.registry import get_source, live_sources
from tracker.store import queries
from tracker.views import sync_result_json

if TYPE_CHECKING:
    from tracker.series import SeriesItem

JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable JSON on stdout.")]


@app.command()
def sync(
    sources: Annotated[
        list[str] | None, typer.Argument(help="Sources to sync (default: every live list).")
    ] = None,
    url: Annotated[
        str | None, typer.Option(help="Download from this URL, file:// URL or path instead.")
    ] = None,
    force: Annotated[bool, typer.Option(help="Apply even if a sanity guard trips (says so).")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Download the official lists and record what was added, removed or amended."""
    specs = [get_source(name) for name in sources] if sources else live_sources()
    if url and len(specs) != 1:
        raise UsageError("--url needs exactly one source, e.g. `tracker sync ofac_sdn --url FILE`")
    if url:
        check_local_url(url)
    settings = get_settings()
    engine = get_engine(settings)
    with err_console.status("syncing") as status:
        results = sync_sources(
            specs,
            engine=engine,
            settings=settings,
            url=url,
            force=force,
            progress=lambda message: status.update(message),
            on_start=lambda spec: status.update(f"{spec.name}: starting"),
        )
    if as_json:
        print_json([sync_result_json(r) for r in results])
    else:
        console.print(_results_table(results))
    report_results(results)


def report_results(results: list[SyncResult]) -> None:
    """One stderr line per forced, skipped or failed result; exit 1 when any failed."""
    for result in results:
        if result.forced or result.status == SyncStatus.SKIPPED:
            warning(f"{result.source}: {result.reason}")
        if not result.ok:
            err((f"{result.source} {result.status}:", "red"), f" {result.reason}")
    if not all(r.ok for r in results):
        raise typer.Exit(1)


def check_local_url(url: str) -> None:
    """A --url that names a local file (a path or file://) must exist: a typo is the user's mistake
    (exit 2), not a failed download."""
    if url.startswith(("http://", "https://")):
        return
    from urllib.parse import unquote, urlparse

    path = Path(unquote(urlparse(url).path)) if url.startswith("file:") else Path(url)
    if not path.exists():
        raise UsageError(f"no such file: {path} (--url takes an http(s) URL, a file:// URL or a path)")
    if path.is_dir() and not any(path.iterdir()):
        raise UsageError(f"{path} is an empty folder")


@app.command("import")
def import_cmd(
    source: Annotated[str, typer.Argument(help="Source name, e.g. ofac_sdn.")],
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="List files (.gz accepted), folders, folders of dated files, or archives of dated files "
            "(.tar.xz, .tar.gz, .zip), in any order."
        ),
    ],
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD, when the file carries none (one file).")
    ] = None,
    date_from_name: Annotated[
        bool,
        typer.Option(
            "--date-from-name",
            help="Date the given files that carry no date of their own from their file or folder "
            "name (2021-04-25, 20210425T1850Z); files inside a folder or archive always are.",
        ),
    ] = False,
    force: Annotated[bool, typer.Option(help="Apply even if a sanity guard trips.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Load archived list files as snapshots; older files may come in any order."""
    from tracker.landing import check_published
    from tracker.series import plan_imports
    from tracker.store.models import utcnow

    spec = get_source(source)
    if published and len(paths) > 1:
        raise UsageError("--published dates one file; for many files use --date-from-name")
    when = parse_date(published, option="--published")
    # checked before any file is read: a file's own date wins over --published (README), so a
    # wrong --published would otherwise pass unseen on a file that states its date
    check_published(when, utcnow())
    settings = get_settings()
    series = plan_imports(
        paths,
        published=when,
        date_from_name=date_from_name,
        max_member_bytes=settings.max_download_bytes,
        reads_folders=spec.reads_folders,
    )
    for skipped in series.skipped:
        warning(f"skipped {skipped}")
    if not series.total:
        raise UsageError("nothing to import: no readable list file in " + ", ".join(map(str, paths)))
    engine = get_engine(settings)
    with series, ImportProgress(series.total) as progress:
        results = import_many(
            spec, series, engine=engine, settings=settings, force=force, on_result=progress.done
        )
    if as_json:
        print_json(
            [sync_result_json(r) for r in results] if len(results) > 1 else sync_result_json(results[0])
        )
    else:
        console.print(_results_table(results))
    report_results(results)


class ImportProgress:
    """Progress of an import series on stderr: on a terminal a rich bar with "N of M" and the time
    left; elsewhere (a log), for a series, one line per file with the same figures."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.count = 0
        self.started = time.monotonic()
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> ImportProgress:
        if err_console.is_terminal:
            self._bar = Progress(
                TextColumn("importing", markup=False),
                BarColumn(),
                TextColumn("{task.completed} of {task.total}", markup=False),
                TimeRemainingColumn(),
                TextColumn("{task.fields[last]}", markup=False),
                console=err_console,
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task("import", total=self.total, last="")
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def done(self, item: SeriesItem, result: SyncResult) -> None:
        self.count += 1
        name = Path(item.label).name
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, advance=1, last=f"{name}: {result.status}")
        elif self.total > 1:
            err(f"{self.count} of {self.total}: {name} {result.status}{self.eta_text()}")

    def eta_text(self) -> str:
        """'; about 1 min 10 s left' from the mean time per file so far ('' when done)."""
        left = self.total - self.count
        if left <= 0 or self.count == 0:
            return ""
        seconds = (time.monotonic() - self.started) / self.count * left
        minutes, rest = divmod(round(seconds), 60)
        return f"; about {minutes} min {rest} s left" if minutes else f"; about {rest} s left"


@app.command()
def sources(
    show_all: Annotated[
        bool,
        typer.Option(
            "--all", help="Every known source with its official URL, format, publisher and licence."
        ),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Each source: entries listed now, last accepted snapshot, last status (--all: the catalogue)."""
    if show_all:
        _print_catalogue(as_json)
        return
    from tracker.views import sources_view

    with get_engine(get_settings()).connect() as conn:
        rows = sources_view(conn)
    if as_json:
        print_json(rows)
        return
    # The source name is the id every other command takes: never cut or wrapped, nor is any cell.
    # The table keeps to 80 columns with short cells; why a list was refused or failed follows it,
    # wrapped.
    table = Table(
        Column("source", no_wrap=True),
        Column("entries", justify="right", no_wrap=True),
        Column("published", no_wrap=True),
        Column("fetched", no_wrap=True),
        Column("snapshots", justify="right", no_wrap=True),
        Column("last status", no_wrap=True),  # "never synced" whole
        box=None,
        pad_edge=False,
        padding=(0, 1, 0, 0),  # one space between columns: the widest row is 76 columns
    )
    reasons = []
    for row in rows:
        status = row.get("last_status") or "-"
        if row.get("last_error"):
            reasons.append(f"{row['source']} {status}: {row['last_error']}")
        table.add_row(
            row["source"],
            f"{row['entries']:,}",
            fmt_day(row.get("published_at") or row.get("timeline_at")),
            fmt_day(row.get("fetched_at")),  # the time is in --json
            str(row["snapshots"]),
            status,
        )
    console.print(table)
    for reason in reasons:
        _say(reason, "    ")


def _say(text: str, indent: str = "") -> None:
    """``text`` wrapped at 80 columns with a hanging indent; a long word (a URL, a file name) is never
    broken, so it can be copied whole."""
    import textwrap

    wrapped = textwrap.fill(
        text, 80, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False
    )
    console.print(wrapped, markup=False, highlight=False, soft_wrap=True)


def _print_catalogue(as_json: bool) -> None:
    """One block per source, wrapped at 80 columns with a hanging indent; a URL is never broken, so it
    can be copied whole."""
    from tracker.sources.registry import catalogue

    rows = catalogue()
    if as_json:
        print_json(rows)
        return
    say = _say
    for row in rows:
        live = "live: in every `tracker sync`" if row["live"] else "synced or imported by name"
        say(f"{row['source']}  ({live})")
        for label, value in (
            ("list", row["title"]),
            ("publisher", row["publisher"]),
            ("format", row["format"]),
            ("url", None if row["url"] else f"none: {row['url_note']}; use --url or `tracker import`"),
            ("licence", row["licence"]),
        ):
            if value is None:  # the URL on one line, whatever its length
                console.print(f"  url:       {row['url']}", markup=False, highlight=False, soft_wrap=True)
            else:
                say(f"  {label + ':':<10} {value}", " " * 13)


_CHANGE_INDENT = 22  # under SOURCE:ID, after "YYYY-MM-DD  MODIFIED  "


@app.command()
def changes(
    source: Annotated[str | None, typer.Option(help="Only this source.")] = None,
    since: Annotated[str | None, typer.Option(help="Only snapshots on or after YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option(min=0, help="At most this many rows (0: all).")] = 200,
    as_json: JsonOpt = False,
) -> None:
    """The change log: entries added, removed or amended, newest first."""
    if source:
        get_source(source)
    engine = get_engine(get_settings())
    when = parse_date(since, option="--since")
    refuse_future_day(when, "--since")  # nothing is logged after today: an empty answer misleads
    with engine.connect() as conn:
        rows = queries.change_log(conn, source=source, since=when, limit=limit or None)
        total = (
            queries.change_count(conn, source=source, since=when)
            if limit and len(rows) == limit
            else len(rows)
        )
    if as_json:
        print_json(rows)
        if total > len(rows):
            err(f"{len(rows):,} of {total:,} changes (--limit {limit}; 0 shows all)")
        return
    if not rows:  # a note, not an empty table on stdout
        err("no changes recorded for that selection")
        return
    # One change per block, not a table: SOURCE:ID (what `show` takes) is printed whole on its line,
    # never cut to fit a column (an OpenSanctions id is 30 characters); name and fields wrap under it.
    first_seen = False
    for row in rows:
        day = fmt_day(row["published_at"] or row["timeline_at"])
        # an entry of a list's first stored snapshot was listed by then, not added that day (trial 2)
        change = "SEEN" if row["change"] == "ADDED" and row["first_snapshot"] else row["change"]
        first_seen = first_seen or change == "SEEN"
        console.print(
            styled(f"{day}  {change:<8}  ", (f"{row['source']}:{row['source_id']}", "bold")),
            soft_wrap=True,
        )
        out_indented(_CHANGE_INDENT, flat(row["name"] or ""))
        fields = ", ".join(f["field"] for f in row["fields"])
        if fields:
            out_indented(_CHANGE_INDENT, f"changed: {fields}")
    if first_seen:
        out(
            "SEEN: in the first stored snapshot of its list: listed by then, not necessarily added "
            "that day (`tracker show` gives the list's designation date where it states one)"
        )
    if total > len(rows):
        out(f"{len(rows):,} of {total:,} changes (--limit {limit}; 0 shows all)")


@app.command()
def show(
    ref: Annotated[
        str, typer.Argument(metavar="SOURCE:ID|NAME", help="e.g. ofac_sdn:29366 or 'Andrii Derkach'")
    ],
    as_json: JsonOpt = False,
) -> None:
    """One entry with its full history (a name shows the best match and names the others)."""
    from tracker.cli.lookup import resolve
    from tracker.screening.results import entry_display_name, since_text
    from tracker.store.news import recent_mentions  # the news stack loads only when needed
    from tracker.store.timeline import stored_sources

    settings = get_settings()
    engine = get_engine(settings)
    with engine.connect() as conn:
        stored = list(stored_sources(conn))
    found = resolve(engine, settings, ref, stored)
    source, key = found.source, found.key
    with engine.connect() as conn:
        history = queries.entry_history(conn, source, key)
        mentions = recent_mentions(conn, source, key, limit=5)
    current = history.current or {}
    designated = current.get("listed_on")
    since = since_text(designated, fmt_day(history.first_seen))
    if as_json:
        body = {**history.as_json(), "designated": designated, "since": since, "mentions": mentions}
        body["display_name"] = entry_display_name(current, history.primary_name)
        if found.query is not None:
            body["match"] = found.match_json()
        print_json(body)
        return
    found.print_match()
    status = "listed" if history.removed_at is None else f"removed on {fmt_day(history.removed_at)}"
    name = entry_display_name(current, history.primary_name)
    out((name, "bold"), f"  {source}:{key}  ({history.entity_type}, {status})")
    out(f"{since}; last seen {fmt_day(history.last_seen)}")
    for line in describe_entry(current):
        out_indented(4, line, first=2)  # a long address goes on under its label
    out(("history", "bold"))
    for change in history.changes:
        detail = "; ".join(describe_field_change(f) for f in change["fields"])
        day = fmt_day(change["published_at"] or change["at"])
        kind = change["change"]
        if kind == queries.FIRST_KNOWN:  # no amendment: the earlier files lacked these parts (trial 4)
            kind = f"{' and '.join(change['components'])} first known:"
        out_indented(2, f"{day}  {kind:<8} {detail}")
    if mentions:
        out(("news", "bold"))
        for mention in mentions:
            out_indented(2, describe_mention(mention))


# how show marks a name that is not one of the entry's own names (README "Screening": weak alias)
_NAME_KINDS = {"weak_aka": "weak alias", "fka": "formerly", "nka": "now known as"}


def describe_entry(data: dict[str, Any]) -> list[str]:
    """Human lines for the facts of a canonical entry, of any list: every name (primary first: a list
    may give two, as the UK its Latin and its own script; a weak alias marked), dates and places of
    birth, identifiers (also those a list keeps in its details, e.g. the UK's business registration
    number), addresses. show wraps each line within 80 columns; nothing is cut."""
    names = data.get("names", [])
    primary = [_name_text(n) for n in names if n.get("kind") == "primary"]
    aliases = [_name_text(n) for n in names if n.get("kind") != "primary"]
    lines = []
    if len(primary) > 1:  # the header shows one; a list giving two primaries means both
        lines.append("names: " + "; ".join(primary))
    if aliases:
        lines.append("aliases: " + "; ".join(aliases))
    for label, key in (
        ("programs", "programs"),
        ("born", "birth_dates"),
        ("birthplace", "birth_places"),
        ("nationality", "nationalities"),
        ("citizenship", "citizenships"),
        ("position", "positions"),
    ):
        if data.get(key):
            lines.append(f"{label}: " + "; ".join(data[key]))
    lines += [f"id: {_identifier_text(i)}" for i in data.get("identifiers", [])]
    lines += [f"address: {_address_text(a)}" for a in data.get("addresses", [])]
    for key, value in sorted((data.get("details") or {}).items()):
        if key != "last_updated":  # the list's bookkeeping, not a fact of the entry
            lines.append(f"{key.replace('_', ' ')}: {value}")
    return lines


def _name_text(name: dict[str, Any]) -> str:
    marks = [_NAME_KINDS[name["kind"]]] if name.get("kind") in _NAME_KINDS else []
    if name.get("lang"):
        marks.append(name["lang"])
    return str(name.get("full", "")) + (f" ({', '.join(marks)})" if marks else "")


def _identifier_text(ident: dict[str, Any]) -> str:
    """'Passport 000111 (Qatar; issued 2007-05-01)': the type is left out when the number says it."""
    kind, number = str(ident.get("type", "")), str(ident.get("number", ""))
    text = number if kind and number.lower().startswith(kind.lower()) else f"{kind} {number}".strip()
    facts = [ident[k] for k in ("country",) if ident.get(k)]
    facts += [f"{k} {ident[k]}" for k in ("issued", "expires") if ident.get(k)]
    if ident.get("note"):
        facts.append(ident["note"])
    return text + (f" ({'; '.join(facts)})" if facts else "")


def _address_text(address: dict[str, Any]) -> str:
    keys = ("street", "city", "region", "postal_code", "country", "note")
    return ", ".join(address[k] for k in keys if address.get(k))


def describe_field_change(change: dict[str, Any]) -> str:
    """'programs +C', 'names -OLD NAME', 'remarks changed'."""
    if "added" in change or "removed" in change:
        parts = [f"+{_short(v)}" for v in change.get("added", [])] + [
            f"-{_short(v)}" for v in change.get("removed", [])
        ]
        return f"{change['field']} " + ", ".join(parts[:4]) + (" ..." if len(parts) > 4 else "")
    return f"{change['field']} changed"


def _short(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("full") or value.get("number") or ", ".join(str(v) for v in value.values())
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _results_table(results: list[SyncResult]) -> Table:
    table = Table("source", "published", "entries", "+added", "-removed", "~modified", "status")
    for r in results:
        colour = {SyncStatus.ACCEPTED: "green", SyncStatus.UNCHANGED: "", SyncStatus.SKIPPED: ""}
        status = styled((str(r.status), colour.get(r.status, "red")))
        table.add_row(
            r.source,
            fmt_day(r.published_at or r.timeline_at),
            f"{r.entries:,}" if r.entries else "-",
            f"{r.added:,}" if r.status == SyncStatus.ACCEPTED else "-",
            f"{r.removed:,}" if r.status == SyncStatus.ACCEPTED else "-",
            f"{r.modified:,}" if r.status == SyncStatus.ACCEPTED else "-",
            status,
        )
    return table
