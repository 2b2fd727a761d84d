"""Screening for the API: the same answers as `tracker search` (tracker.screening), over the index
a worker holds (tracker.api.state), against the list snapshots a request selects."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tracker.api.state import IndexHolder, Searchable
from tracker.dates import parse_date, read_dob, refuse_future_day, take_dates
from tracker.errors import NotFound, UsageError
from tracker.matching import DEFAULT_THRESHOLD
from tracker.screening.answers import answer
from tracker.screening.coverage import Coverage
from tracker.screening.screen import Screening, lists_checked
from tracker.store.models import utcnow


@dataclass(frozen=True)
class Selection:
    """What every query of one request shares: lists, date, limits."""

    sources: list[str] | None = None
    as_of: str | None = None
    limit: int = 10
    threshold: float = DEFAULT_THRESHOLD
    entity_type: str = "any"
    max_age_days: int | None = None  # None: TRACKER_MAX_LIST_AGE_DAYS


@dataclass(frozen=True)
class Session:
    """One request's screening, with the index it reads (identifier lookups use its table)."""

    holder: IndexHolder
    searchable: Searchable
    screening: Screening


def open_screening(holder: IndexHolder, selection: Selection) -> Screening:
    """A Screening over the selected lists (``open_session``'s)."""
    return open_session(holder, selection).screening


def open_session(holder: IndexHolder, selection: Selection) -> Session:
    """A Screening over the selected lists. NoData (503) while the store is empty; UsageError (400)
    for an unknown source, a bad date or type; NotFound (404) when no list of the selection is
    stored (as of the date)."""
    from tracker.matching.query import check_entity_type
    from tracker.views import check_sources

    check_entity_type(selection.entity_type)
    when = parse_date(selection.as_of, end_of_day=True, option="as_of")
    refuse_future_day(when, "as_of")
    searchable = holder.current() if when is None else holder.at(when)
    engine = holder.engine
    sources = selection.sources or None
    if sources:
        with engine.connect() as conn:
            sources = check_sources(conn, sources)
    max_age = holder.settings.max_list_age_days if selection.max_age_days is None else selection.max_age_days
    now = utcnow()
    # kept for the minute: ages are whole days, and a sync that only confirms a list (same stamp)
    # shows within a minute
    key = (tuple(sources or ()), when, max_age, now.replace(second=0, microsecond=0))
    checked = searchable.coverages.get(key)
    if checked is None:
        checked = lists_checked(engine, sources=sources, as_of=when, max_age_days=max_age, now=now)
        if len(searchable.coverages) > 1000:  # many distinct selections: start again
            searchable.coverages.clear()
        searchable.coverages[key] = checked
    if checked.empty:
        which = f" from {', '.join(sources)}" if sources else ""
        at = f" as of {when:%Y-%m-%d}" if when is not None else ""
        raise NotFound(f"no list{which} stored{at}: nothing to screen against")
    options = dict(
        limit=selection.limit,
        threshold=selection.threshold,
        sources=sources,
        entity_type=selection.entity_type,
    )
    return Session(
        holder, searchable, Screening(engine, searchable.loaded, checked, options, _facts=searchable.facts)
    )


def warnings(checked: Coverage) -> list[str]:
    """The CLI's stale-list warnings (its exit code 4), one line each."""
    return checked.warnings


def screen_one(
    screening: Screening,
    asked: dict[str, Any],
    name: str | None,
    *,
    dob: str | None = None,
    country: str | None = None,
    entity_type: str | None = None,
    mentions: int = 0,
    identifiers: list[str] | None = None,
    session: Session | None = None,
) -> dict[str, Any]:
    """One answer (tracker.screening.answers.answer); UsageError for a query that cannot be screened.
    ``identifiers`` (with the ``session``) are looked up too (tracker.api.identifiers); without a
    ``name`` only they are."""
    dob = read_dob(dob)  # 19.08.1967, 19 Aug 1967 ...: the answer echoes it as read
    note = None
    if name is not None:  # a date written in the name: the rule of the CLI and a batch (take_dates)
        taken = take_dates(name, dob)
        name, dob, note = taken.name, taken.dob, taken.note
        asked = {**asked, "query": name}
    if asked.get("dob") is not None or dob is not None:
        asked = {**asked, "dob": dob}
    if name is None:
        _check_identifier_only(dob, country, entity_type, identifiers if session is not None else None)
    rows = [] if name is None else screening.run(name, dob=dob, country=country, entity_type=entity_type)
    if identifiers and session is not None:
        from tracker.api.identifiers import identifier_rows, merged

        by_id = identifier_rows(screening, session.searchable, session.holder, identifiers)
        rows = merged(rows, by_id, int(screening.options["limit"]))
    if mentions:
        from tracker.store.news import recent_mentions

        with screening.engine.connect() as conn:
            for row in rows:
                row["mentions"] = recent_mentions(conn, row["source"], row["source_id"], limit=mentions)
    body = answer(asked, rows, screening.coverage)
    said = ([note] if note else []) + warnings(screening.coverage)
    if said:
        body["warnings"] = said
    return body


def _check_identifier_only(
    dob: str | None, country: str | None, entity_type: str | None, identifiers: list[str] | None
) -> None:
    """UsageError unless a query without a name has an identifier long enough to look up (else its
    "no_match" would be an all clear from a search that never ran); its filters are checked as a
    name query's are."""
    from tracker.api.identifiers import MIN_CHARS, any_searchable
    from tracker.matching.query import check_country, check_dob, check_entity_type

    check_dob(dob)
    check_country(country)
    check_entity_type(entity_type)
    if not identifiers:
        raise UsageError("give a name or identifiers")
    if not any_searchable(identifiers):
        raise UsageError(f"no name, and no identifier of at least {MIN_CHARS} letters and digits to look up")
