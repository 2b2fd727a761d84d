"""Read endpoints over the store, as the CLI's commands answer them: entities (show / history),
sources, changes, diff, mentions, alerts and the watchlist."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from tracker.api.deps import JSON, State
from tracker.api.errors import ERROR_RESPONSES, NOT_FOUND
from tracker.dates import parse_date
from tracker.errors import UsageError
from tracker.matching.query import MAX_QUERY_CHARS

router = APIRouter(tags=["lists"], responses=ERROR_RESPONSES)

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "md": "text/markdown; charset=utf-8",
}


@router.get("/entities/{source}/{source_id:path}", responses=NOT_FOUND)
def entity(
    state: State,
    source: str,
    source_id: str,
    mentions: Annotated[int, Query(ge=0, le=100, description="Latest news mentions to include.")] = 5,
) -> Any:
    """One entry (`tracker show` / `tracker history`): its current data, every version, the change
    rows, a readable ``timeline`` (first seen / listed / amended / delisted, with facts and field
    changes) and its latest news ``mentions``. 404 for an unknown source or id."""
    from tracker.errors import NotFound
    from tracker.screening.results import entry_display_name, since_text
    from tracker.sources.registry import source_names
    from tracker.store.queries import source_id as stored_source
    from tracker.views import entry_view

    with state.engine.connect() as conn:
        if source not in source_names():
            try:
                stored_source(conn, source)
            except NotFound:  # not "nothing stored for source 'nope' yet; run `tracker sync nope`"
                raise NotFound(f"unknown source {source!r} (known: {', '.join(source_names())})") from None
        body = entry_view(conn, source, source_id, mentions=mentions)
    current = body.get("current") or {}
    designated = current.get("listed_on")
    body["designated"] = designated
    body["since"] = since_text(designated, (body.get("first_seen") or "")[:10] or None)
    body["display_name"] = entry_display_name(current, body["name"])
    return JSON(body)


@router.get("/entities/{ref}", responses=NOT_FOUND)
def entity_by_ref(
    state: State,
    ref: str,
    mentions: Annotated[int, Query(ge=0, le=100, description="Latest news mentions to include.")] = 5,
) -> Any:
    """The same answer as ``/entities/{source}/{source_id}`` for an entry named as the CLI names
    it, ``SOURCE:ID`` (e.g. ``ofac_sdn:29366``). 400 when ``ref`` is not of that form."""
    from tracker.errors import UsageError

    source, colon, source_id = ref.partition(":")
    if not (colon and source and source_id):
        raise UsageError(f"an entry is SOURCE:ID (e.g. ofac_sdn:29366) or /entities/SOURCE/ID, not {ref!r}")
    return entity(state, source, source_id, mentions)


@router.get("/sources")
def sources(state: State) -> Any:
    """Every registered or stored source: entries listed now, snapshots, last accepted snapshot,
    last sync status and error (`tracker sources --json`)."""
    from tracker.views import sources_view

    with state.engine.connect() as conn:
        return JSON(sources_view(conn))


@router.get("/changes")
def changes(
    state: State,
    source: Annotated[str | None, Query(description="Only this source.")] = None,
    since: Annotated[str | None, Query(description="Only snapshots on or after YYYY-MM-DD.")] = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 200,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Any:
    """The change log, newest first (`tracker changes --json`): entries added, removed or amended,
    each with its field changes. ``total`` counts the rows without the limit."""
    from tracker.store import queries
    from tracker.views import check_sources

    when = parse_date(since, option="since")
    with state.engine.connect() as conn:
        if source:
            check_sources(conn, [source])
        rows = queries.change_log(conn, source=source, since=when, limit=limit + offset)[offset:]
        total = queries.change_count(conn, source=source, since=when)
    return JSON({"total": total, "offset": offset, "changes": rows})


@router.get("/activity")
def activity(
    state: State, source: Annotated[list[str] | None, Query(description="Only these lists.")] = None
) -> Any:
    """Per list: its size at each accepted snapshot and the additions / removals / amendments per
    month (the changes page's plots). 503 while no list is loaded."""
    from tracker.api.state import NO_LIST, NoData
    from tracker.errors import NotFound
    from tracker.views import check_sources, list_activity

    with state.engine.connect() as conn:
        if source:
            check_sources(conn, source)
        try:
            return JSON(list_activity(conn, source))
        except NotFound:
            if source:
                raise
            raise NoData(NO_LIST) from None


@router.get(
    "/diff",
    responses={200: {"content": {t: {} for t in MEDIA_TYPES.values()}, "description": "The report file."}},
)
def diff(
    state: State,
    source: Annotated[list[str] | None, Query(description="Only these sources (repeatable).")] = None,
    start: Annotated[
        str | None,
        Query(alias="from", description="YYYY-MM-DD (end of day), ISO date-time or snapshot:ID."),
    ] = None,
    end: Annotated[str | None, Query(alias="to", description="Default: the latest snapshot.")] = None,
    format: Annotated[Literal["csv", "json", "xlsx", "md"], Query()] = "csv",
    each: Annotated[bool, Query(description="Every step instead of the net difference.")] = False,
) -> Response:
    """What changed between two dates (`tracker diff`): one row per added or removed entry, one per
    amended field, as a CSV (UTF-8 with BOM, cells neutralised for spreadsheets), JSON, XLSX or
    Markdown file. 400 for a bad date or a window before the first snapshot. The notes `tracker diff`
    prints beside its report (a file that lacked aliases or addresses, a source left out) come in
    `X-Tracker-Note` headers, one a note, in every format: a CSV has no place for them."""
    from tracker.report.diff import build_report, parse_point, resolve_windows
    from tracker.report.writers import write_report

    start_point, end_point = parse_point(start, "from"), parse_point(end, "to")
    notes: list[str] = []
    with state.engine.connect() as conn:
        windows = resolve_windows(conn, source, start_point, end_point, notes, source_option="source")
        report = build_report(conn, windows, each=each)
    name = "tracker-diff-" + "-".join(
        [*(source or ["all"]), (start or "start").replace(":", ""), (end or "latest").replace(":", "")]
    )
    with tempfile.TemporaryDirectory(prefix="tracker-diff-") as folder:
        path = Path(folder) / f"report.{format}"
        write_report(report, format, path)
        data = path.read_bytes()
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:120]
    response = Response(
        data,
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{safe}.{format}"'},
    )
    for line in [*notes, *report.notes]:  # header values are Latin-1
        response.headers.append("X-Tracker-Note", line.encode("latin-1", "replace").decode("latin-1"))
    return response


@router.get("/mentions")
def mentions(
    state: State,
    name: Annotated[
        str | None, Query(description=f"A name or SOURCE:ID (at most {MAX_QUERY_CHARS} characters).")
    ] = None,
    since: Annotated[str | None, Query(description="Articles dated on or after YYYY-MM-DD.")] = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 200,
) -> Any:
    """Stored news mentions of listed persons, newest first (`tracker mentions --json`)."""
    from tracker.views import mentions_view

    if name is not None and len(name) > MAX_QUERY_CHARS:  # a bad value: 400, as for /search's q
        raise UsageError(f"name is too long ({len(name)} characters; at most {MAX_QUERY_CHARS})")
    when = parse_date(since, option="since")
    with state.engine.connect() as conn:
        rows = mentions_view(conn, name, since=when, limit=None)
    return JSON({"total": len(rows), "mentions": rows[:limit]})


@router.get("/alerts")
def alerts(
    state: State,
    all: Annotated[bool, Query(description="Acknowledged alerts too.")] = False,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 50,
) -> Any:
    """Alerts on watched persons, newest first, until acknowledged (`tracker alerts --json`)."""
    from tracker.news.alerts import list_alerts

    with state.engine.connect() as conn:
        rows, total = list_alerts(conn, acknowledged=all, limit=limit)
    return JSON({"total": total, "alerts": rows})


@router.get("/watch")
def watches(state: State) -> Any:
    """The watchlist (`tracker watch list --json`)."""
    from tracker.news.alerts import list_watches

    with state.engine.connect() as conn:
        return JSON([w.as_json() for w in list_watches(conn)])
