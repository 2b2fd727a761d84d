"""News commands: `news scan`, `news feeds add/list/remove`, `mentions`, `watch add/list/remove/check`."""

from __future__ import annotations

import contextlib
import io
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from sqlalchemy.engine import Engine

from tracker.cli.app import app, fmt_day, get_engine, get_settings, parse_date
from tracker.cli.term import (
    console,
    err,
    err_console,
    error,
    flat,
    note,
    out,
    out_indented,
    print_json,
    quoted,
    shortened,
    warning,
)
from tracker.dates import refuse_future_day
from tracker.errors import UsageError

if TYPE_CHECKING:
    from tracker.news.mentions import NewsScan

news_app = typer.Typer(help="Scan news for listed persons.", no_args_is_help=True)
feeds_app = typer.Typer(help="RSS / Atom feeds to scan.", no_args_is_help=True)
watch_app = typer.Typer(help="Watched names: alerts on new mentions and list changes.", no_args_is_help=True)
news_app.add_typer(feeds_app, name="feeds")
app.add_typer(news_app, name="news")
app.add_typer(watch_app, name="watch")

# An article's title as shown: two lines at most (a text file's title is its first line, which may
# be a whole paragraph).
_TITLE_CHARS = 150
_SHOWN, _SHOWN_SENTENCES = 8, 3  # a person's occurrences in one article, and their sentences, shown
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable JSON on stdout.")]
WebhookOpt = Annotated[
    str | None,
    typer.Option("--webhook", envvar="TRACKER_ALERT_WEBHOOK", help="POST alerts as JSON to this URL."),
]


@news_app.command("scan")
def scan(
    stdin: Annotated[
        str | None, typer.Argument(metavar="[-]", help="'-' reads one article from stdin.")
    ] = None,
    feed: Annotated[
        list[str] | None, typer.Option("--feed", help="An RSS/Atom feed URL (repeatable).")
    ] = None,
    url: Annotated[list[str] | None, typer.Option("--url", help="An article URL (repeatable).")] = None,
    file: Annotated[
        list[Path] | None, typer.Option("--file", help="A .txt/.html file or a folder of them (repeatable).")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(help="Article date YYYY-MM-DD when the text carries none (or to override it)."),
    ] = None,
    rescan: Annotated[bool, typer.Option(help="Scan articles again even if already stored.")] = False,
    webhook: WebhookOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Scan articles for listed persons and store the mentions. Without input: every registered feed."""
    from tracker.pipeline import scan_news

    if stdin not in (None, "-"):
        raise UsageError(f"unexpected argument {stdin!r}: use --file PATH, --url URL, --feed URL or -")
    for address in url or []:  # file:///etc/passwd: not the HTTP library's words
        if not address.lower().startswith(("http://", "https://")):
            raise UsageError(f"{address!r} is not an http(s) URL (a file on this machine: --file PATH)")
    for address in feed or []:  # --file reads an article, not a feed (trial 4: it scanned the markup)
        if not address.lower().startswith(("http://", "https://")):
            raise UsageError(
                f"{address!r} is not an http(s) URL (a feed file on this machine: serve its folder, "
                "e.g. `python3 -m http.server --bind 127.0.0.1`, and give its http:// URL)"
            )
    when = parse_date(date, option="--date")
    piped = _read_stdin() if stdin == "-" else None
    settings = get_settings()
    engine = get_engine(settings)

    def no_persons(count: int) -> None:
        if not count:
            warning("no listed persons in the store yet: run `tracker sync` or `tracker import`")

    with err_console.status("loading the lists") as status, _quiet_log():
        done = scan_news(
            engine=engine,
            settings=settings,
            files=file or [],
            urls=url or [],
            feeds=feed or None,
            stdin=piped,
            date=when,
            rescan=rescan,
            webhook_url=webhook,
            progress=status.update,
            on_loaded=no_persons,
        )
    if done.nothing_to_scan:
        raise UsageError(
            "nothing to scan: give --feed, --url, --file or -, or add feeds with `tracker news feeds add`"
        )
    _print_scan(done, as_json=as_json)
    if done.failures:
        raise typer.Exit(1)


@contextlib.contextmanager
def _quiet_log() -> Iterator[None]:
    """Keep tracker's log records off the terminal while a scan runs: the command prints each
    failure and alert itself, and with no handler Python's last resort printed them a second time
    ("empty.txt is empty" twice)."""
    logger = logging.getLogger("tracker")
    handler = logging.NullHandler()
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def _read_stdin() -> io.BytesIO:
    """The article on stdin; a binary input is the user's mistake (one line, exit 2)."""
    from tracker.news.extract import check_not_binary
    from tracker.news.inputs import read_stdin

    data = read_stdin(sys.stdin)
    check_not_binary(data, "stdin")  # ParseError: one line, exit 2
    return io.BytesIO(data)


def _print_scan(done: NewsScan, *, as_json: bool) -> None:
    """Mentions (JSON: one object per span) or one block per article with one entry per person
    named in it (each span an occurrence), then the notes and failures on stderr."""
    from tracker.news.mentions import person_occurrences

    if as_json:
        print_json(done.mentions)
    else:
        for result in done.articles:
            same = f" (same text as {result.duplicate_of})" if result.status == "duplicate" else ""
            out_indented(  # a long title goes on indented, not at column 0
                2,
                (shortened(result.title or result.location, _TITLE_CHARS), "bold"),
                f"  {flat(result.location)}  {fmt_day(result.published_at)}  {result.status}{same}",
                first=0,
            )
            _print_mentions(person_occurrences(result.mentions), with_article=False)
        # The scan's own alerts are those on mentions; the list changes of watched persons are
        # checked too, but they were not raised by these articles: counted apart.
        raised = [alert for alert in done.alerts if alert.get("alert") == "mention"]
        for alert in raised:
            out_indented(2, ("alert: ", "bold"), flat(alert["message"]), first=0)
        out(
            f"{_counted(len(done.articles), 'article')}, {_counted(len(done.mentions), 'mention')}, "
            f"{_counted(len(raised), 'new alert')}"
        )
        changes = len(done.alerts) - len(raised)
        if changes:
            note(f"{changes} new alert(s) on list changes of watched persons: see `tracker alerts`")
    for line in done.notes:
        note(line)
    for failure in done.failures:
        error(failure)


@feeds_app.command("add")
def feeds_add(url: Annotated[str, typer.Argument(help="RSS or Atom feed URL.")]) -> None:
    """Register a feed; `tracker news scan` without arguments scans every registered feed."""
    from tracker.news.inputs import add_feed

    feed_id, created = add_feed(get_engine(get_settings()), url)
    out(f"feed {feed_id}: {url} ({'added' if created else 'already registered'})")


@feeds_app.command("remove")
def feeds_remove(
    feed: Annotated[str, typer.Argument(metavar="URL|ID", help="The feed's URL or id.")],
) -> None:
    """Unregister a feed; the articles already scanned from it and their mentions stay."""
    from tracker.news.inputs import remove_feed

    url = remove_feed(get_engine(get_settings()), feed)
    out(f"removed feed {url}")


@feeds_app.command("list")
def feeds_list(as_json: JsonOpt = False) -> None:
    """Registered feeds and how their last check went."""
    from tracker.news.inputs import list_feeds

    feeds = list_feeds(get_engine(get_settings()))
    if as_json:
        print_json(feeds)
        return
    table = Table("id", "url", "title", "last checked", "status")
    for f in feeds:
        status = str(f["last_status"] or "-") + (f": {f['last_error']}" if f["last_error"] else "")
        checked = str(f["last_checked_at"]) if f["last_checked_at"] else None
        table.add_row(str(f["id"]), str(f["url"]), str(f["title"] or "-"), fmt_day(checked), status)
    console.print(table)


@app.command()
def mentions(
    name: Annotated[
        str | None, typer.Argument(help="A name or SOURCE:ID; all mentions when omitted.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Only articles dated on or after YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option(min=0, help="At most this many mentions (0: all).")] = 200,
    as_json: JsonOpt = False,
) -> None:
    """Stored mentions of listed persons in the news, newest first."""
    from tracker.views import mentions_view

    engine = get_engine(get_settings())
    when = parse_date(since, option="--since")
    refuse_future_day(when, "--since")  # nothing is logged after today: an empty answer misleads
    with engine.connect() as conn:
        rows = mentions_view(conn, name, since=when, limit=None)
    total = len(rows)
    rows = rows[:limit] if limit else rows
    shown = _shown(len(rows), total, limit) if total > len(rows) else None
    if as_json:
        print_json(rows)
        if shown:
            err(shown)
        return
    _print_mentions(rows, with_article=True)
    out(shown or _counted(len(rows), "mention"))


def _shown(shown: int, total: int, limit: int) -> str:
    """The footer of a list cut by --limit: "20 of 1,234 mentions (--limit 20; 0 shows all)"."""
    return f"{shown:,} of {_counted(total, 'mention')} (--limit {limit:,}; 0 shows all)"


def _counted(count: int, noun: str) -> str:
    """ "1 article", "2 articles", "0 new alerts": the count lines' English plural."""
    return f"{count} {noun}" if count == 1 else f"{count:,} {noun}s"


def _known_sources(engine: Engine) -> list[str]:
    from tracker.views import known_sources

    with engine.connect() as conn:
        return known_sources(conn)


def _print_mentions(rows: list[dict[str, Any]], *, with_article: bool) -> None:
    """One line per person mention with each of their listings, then its sentence: readable in a
    narrow terminal. ``rows``: tracker.news.mentions.person_mentions, or person_occurrences (one
    person of one article: every occurrence on the line, each distinct sentence under it)."""
    for m in rows:
        listings = m.get("listings") or [m]
        occurrences = m.get("occurrences") or [m]
        spans = ", ".join(
            f"{quoted(o['matched_text'])} at {o['start']}-{o['end']}" for o in occurrences[:_SHOWN]
        )
        if len(occurrences) > _SHOWN:
            spans += f" and {len(occurrences) - _SHOWN} more"
        out_indented(  # a long line goes on under the mention's details, not at column 0
            8,
            f"{m['score']:.2f}  ",
            (flat(m["name"]), "bold"),
            f"  as {flat(spans)}  ",
            _listed_then(listings),
            first=2,
        )
        refs = ", ".join(f"{item['source']}:{item['source_id']}" for item in listings)
        out_indented(8, f"{'listings' if len(listings) > 1 else 'listing'}: {flat(refs)}")
        if str(m.get("explanation") or "").startswith("possible namesake"):  # tracker.news.context
            out_indented(8, (shortened(m["explanation"], 240), "yellow"))
        if with_article:
            out(f"        {m['article_date'] or '-'}  {flat(m['article'])}")
        for sentence in list(dict.fromkeys(o["sentence"] for o in occurrences))[:_SHOWN_SENTENCES]:
            out_indented(8, (shortened(sentence, 240), "dim"))


def _listed_then(listings: list[dict[str, Any]]) -> tuple[str, str]:
    """ "listed then", "not listed then" or "listed then: unknown", per list when the lists disagree."""
    words = {True: "listed then", False: "not listed then", None: "listed then: unknown"}
    states = {item["listed_at_article_date"] for item in listings}
    if len(states) == 1:
        (state,) = states
        return words[state], "green" if state is True else ""
    parts = [f"{item['source']} {words[item['listed_at_article_date']]}" for item in listings]
    return "; ".join(parts), "green" if True in states else ""


@watch_app.command("add")
def watch_add(name: Annotated[str, typer.Argument(metavar="NAME|SOURCE:ID")]) -> None:
    """Watch a person: alerts when they are newly mentioned or their listing changes."""
    from tracker.news.alerts import add_watch

    engine = get_engine(get_settings())
    watch = add_watch(engine, name, _known_sources(engine))
    out(f"watching {watch.text!r} (id {watch.id})")


@watch_app.command("list")
def watch_list(as_json: JsonOpt = False) -> None:
    """The watchlist."""
    from tracker.news.alerts import list_watches

    with get_engine(get_settings()).connect() as conn:
        watches = list_watches(conn)
    if as_json:
        print_json([w.as_json() for w in watches])
        return
    table = Table("id", "watch", "kind", "since")
    for w in watches:
        table.add_row(str(w.id), w.text, "list key" if w.source else "name", fmt_day(w.added_at))
    console.print(table)


@watch_app.command("remove")
def watch_remove(name: Annotated[str, typer.Argument(metavar="NAME|SOURCE:ID|ID")]) -> None:
    """Stop watching a name, any case (and forget its alerts)."""
    from tracker.news.alerts import remove_watch

    watch = remove_watch(get_engine(get_settings()), name)
    out(f"no longer watching {watch.text!r}")


@watch_app.command("check")
def watch_check(webhook: WebhookOpt = None, as_json: JsonOpt = False) -> None:
    """Raise alerts for list changes and mentions of watched names (run after a sync)."""
    from tracker.http import new_client
    from tracker.news.alerts import check_alerts

    settings = get_settings()
    with new_client(settings, purpose="news") as client:
        alerts = check_alerts(get_engine(settings), webhook_url=webhook, client=client)
    if as_json:
        print_json(alerts)
        return
    for alert in alerts:
        out_indented(0, alert["message"])
    out(f"{len(alerts)} new alerts")
