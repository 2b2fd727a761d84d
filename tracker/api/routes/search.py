"""GET /search (one name) and POST /match (a batch, in this API's shape or yente's FtM shape)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from tracker.api.bodies import StrictJsonRoute
from tracker.api.deps import JSON, State
from tracker.api.errors import ERROR_RESPONSES, NOT_FOUND
from tracker.api.models import Answer, FtmQuery, MatchAnswer, MatchRequest, YenteMatchRequest
from tracker.api.screen import Selection, Session, open_screening, open_session, screen_one
from tracker.dates import read_dob, take_dates
from tracker.errors import TrackerError, UsageError, one_line
from tracker.matching import DEFAULT_THRESHOLD
from tracker.matching.query import (
    MAX_QUERY_CHARS,
    check_country,
    check_dob,
    check_entity_type,
    check_query,
)
from tracker.screening.answers import answer

router = APIRouter(tags=["screening"], responses=ERROR_RESPONSES, route_class=StrictJsonRoute)


@router.get("/search", response_model=Answer, responses=NOT_FOUND)
def search(
    state: State,
    # No max_length here: a query too long is the 400 of a bad query (check_query), as the README
    # says, not FastAPI's 422 for an unreadable request.
    # No min_length either: an empty q is a bad query (400), as a query of one letter is.
    q: Annotated[str, Query(description=f"A name, any script (at most {MAX_QUERY_CHARS} characters).")],
    limit: Annotated[int, Query(ge=1, le=1000)] = 10,
    threshold: Annotated[
        float | None,
        Query(
            ge=0.0,
            le=1.0,
            allow_inf_nan=False,
            description=f"Default {DEFAULT_THRESHOLD}; 0: every candidate.",
        ),
    ] = None,
    source: Annotated[list[str] | None, Query(description="Only these lists (repeatable).")] = None,
    type: Annotated[str, Query(description="person, entity, vessel, aircraft or any.")] = "any",
    as_of: Annotated[str | None, Query(description="The lists as they stood on YYYY-MM-DD.")] = None,
    dob: Annotated[
        str | None,
        Query(max_length=40, description="Date of birth YYYY[-MM[-DD]] (also 19.08.1967, 19 Aug 1967)."),
    ] = None,
    country: Annotated[str | None, Query(max_length=100, description="ISO code or name.")] = None,
    max_age: Annotated[
        int | None, Query(ge=0, description="Days a list may go unconfirmed (default 7; 0: no limit).")
    ] = None,
    mentions: Annotated[int, Query(ge=0, le=10, description="News mentions per result.")] = 0,
) -> Any:
    """Search one name across the lists: each result with its score, the reason, the facts that tell
    namesakes apart, since when it is listed and the snapshot checked; ``checked_against`` names
    every list searched (``stale`` when last confirmed current too long ago, with ``warnings``)."""
    # a bad query or filter is a 400 even while no list is loaded (a 503 would be retried in vain)
    check_query(q)
    dob = check_dob(read_dob(dob))
    take_dates(q, dob)  # a query of nothing but a date is a 400 at once
    check_country(country)
    check_entity_type(type)
    selection = Selection(
        sources=source,
        as_of=as_of,
        limit=limit,
        threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
        entity_type=type,
        max_age_days=max_age,
    )
    screening = open_screening(state.holder, selection)
    checked = screening.coverage
    asked = {
        "query": q,
        "dob": dob,
        "country": country,
        "as_of": checked.as_of.date().isoformat() if checked.as_of else None,
    }
    return JSON(screen_one(screening, asked, q, dob=dob, country=country, mentions=mentions))


@router.post("/match", response_model=MatchAnswer | dict[str, Any], responses=NOT_FOUND)
def match(state: State, body: MatchRequest | YenteMatchRequest) -> Any:
    """Screen a batch: ``{"queries": [{"name", "dob", "country", "type", "id"}, ...]}`` gives one
    answer per query in order (a query that cannot be screened gets ``status: error``, the others are
    answered). yente's shape ``{"queries": {"q1": {"schema": "Person", "properties": {"name": [...],
    "birthDate": [...], "nationality": [...]}}}}`` gets yente's answer shape."""
    if isinstance(body, YenteMatchRequest):
        return JSON(_yente(state, body.queries, None, 5, None))
    _check_size(state, len(body.queries))
    selection = Selection(
        sources=body.source,
        as_of=body.as_of,
        limit=body.limit,
        threshold=DEFAULT_THRESHOLD if body.threshold is None else body.threshold,
    )
    session = open_session(state.holder, selection)
    screening = session.screening
    responses = []
    for line, item in enumerate(body.queries, start=1):
        asked: dict[str, Any] = {
            "line": line,
            "id": item.id,
            "query": item.name,
            "dob": item.dob,
            "country": item.country,
        }
        if item.identifiers:
            asked["identifiers"] = item.identifiers
        if item.name is not None and len(item.name) > MAX_QUERY_CHARS:
            # that query's error, as GET /search refuses it, never searched (a name this long is no
            # name, nor a cost to pay); the other queries of the batch are answered
            asked["query"] = item.name[:MAX_QUERY_CHARS] + "..."
            error = f"query {line}: name is too long ({len(item.name)} characters; at most {MAX_QUERY_CHARS})"
            responses.append(answer(asked, None, screening.coverage, error))
            continue
        try:
            responses.append(
                screen_one(
                    screening,
                    asked,
                    item.name,
                    dob=item.dob,
                    country=item.country,
                    entity_type=item.type,
                    mentions=body.mentions,
                    identifiers=item.identifiers,
                    session=session,
                )
            )
        except TrackerError as exc:
            responses.append(answer(asked, None, screening.coverage, f"query {line}: {one_line(exc)}"))
    return JSON({"responses": responses})


@router.post("/match/{dataset}", response_model=dict[str, Any], responses=NOT_FOUND)
def match_dataset(
    state: State,
    dataset: str,
    body: YenteMatchRequest,
    limit: Annotated[int, Query(ge=1, le=100)] = 5,
    threshold: Annotated[float | None, Query(ge=0.0, le=1.0, allow_inf_nan=False)] = None,
) -> Any:
    """yente's ``POST /match/{dataset}``: ``default`` (or ``sanctions``) screens every list, a source
    name (e.g. ``ofac_sdn``) that list only."""
    sources = None if dataset in ("default", "sanctions", "all") else [dataset]
    return JSON(_yente(state, body.queries, sources, limit, threshold))


def _check_size(state: State, count: int) -> None:
    most = state.api.max_match_queries
    if count > most:
        raise HTTPException(
            400, f"{count} queries in one request; at most {most} (TRACKER_API_MAX_MATCH_QUERIES)"
        )
    if count == 0:
        raise HTTPException(400, "no queries: give at least one")


# --- yente's shape -------------------------------------------------------------------------------

# FtM schemata -> tracker entity types (tracker.matching.query.check_entity_type); others: any type.
_SCHEMA_TYPES = {
    "Person": "person",
    "Organization": "entity",
    "Company": "entity",
    "PublicBody": "entity",
    "Vessel": "vessel",
    "Airplane": "aircraft",
}
# FtM schemata a query may have: those whose entities (or descendants') the lists' entries are (persons,
# organisations, vessels, aircraft); tests/api check each against followthemoney's model. yente
# searches a schema's matchable schemata (all descendants for an abstract one: Thing, LegalEntity,
# Asset, Vehicle); for Address, BankAccount, CryptoWallet, RealEstate or Security it would search
# entities of that schema, which no list here holds: such a query is a 400 naming why, never an
# empty answer passing for an all clear, nor its name screened against persons. Another schema
# ("Alien", a typo) is a 400 too.
_SCHEMATA = frozenset((*_SCHEMA_TYPES, "Thing", "LegalEntity", "Vehicle", "Asset"))
_NOT_SCREENED = frozenset(("Address", "BankAccount", "CryptoWallet", "RealEstate", "Security"))
_MAX_DATES = 5  # birth dates tried per query (a person has one to three listed); each is a search
_NAME_PROPS = ("name", "alias", "previousName", "weakAlias")
# FtM properties that hold identifier numbers (followthemoney's "identifier" type)
_ID_PROPS = (
    "idNumber",
    "passportNumber",
    "registrationNumber",
    "taxNumber",
    "vatCode",
    "innCode",
    "ogrnCode",
    "leiCode",
    "swiftBic",
    "imoNumber",
    "mmsi",
    "socialSecurityNumber",
    "licenseNumber",
    "icaoCode",
)
_COUNTRY_PROPS = ("nationality", "citizenship", "country", "jurisdiction")


def _values(query: FtmQuery, prop: str) -> list[str]:
    value = query.properties.get(prop)
    if value is None:
        return []
    items = [value] if isinstance(value, str) else value
    return [v.strip() for v in items if isinstance(v, str) and v.strip()]


def _ftm_names(query: FtmQuery) -> list[str]:
    names = [n for prop in _NAME_PROPS for n in _values(query, prop)]
    parts = [
        p for prop in ("firstName", "middleName", "fatherName", "lastName") for p in _values(query, prop)[:1]
    ]
    if parts:
        names.append(" ".join(parts))
    return list(dict.fromkeys(names))[:10]


def _dated_names(names: list[str], said: list[str]) -> tuple[list[str], list[str]]:
    """``names`` with the dates written in them taken out, by the rule of the CLI and a batch
    (tracker.dates.take_dates), and the dates read so; why a date or a name is not used goes to
    ``said`` (a name of nothing but a date is left out)."""
    kept: list[str] = []
    dates: list[str] = []
    for name in names:
        try:
            taken = take_dates(name, None)
        except UsageError as exc:
            said.append(f"{one_line(exc)}: that name left out")
            continue
        kept.append(taken.name)
        if taken.dob is not None and taken.name != name:
            dates.append(taken.dob)
        if taken.note is not None:
            said.append(taken.note)
    return list(dict.fromkeys(kept)), list(dict.fromkeys(dates))


def _yente(
    state: State, queries: dict[str, FtmQuery], sources: list[str] | None, limit: int, threshold: float | None
) -> dict[str, Any]:
    _check_size(state, len(queries))
    for key, query in queries.items():
        if query.schema_ in _NOT_SCREENED:
            raise UsageError(
                f"query {key!r}: schema {query.schema_!r} is not screened: the lists' entries are "
                f"persons, organisations, vessels and aircraft (give one of: {', '.join(sorted(_SCHEMATA))})"
            )
        if query.schema_ not in _SCHEMATA:
            raise UsageError(
                f"query {key!r}: unknown schema {query.schema_[:40]!r} (give one of: {', '.join(sorted(_SCHEMATA))})"
            )
    cutoff = DEFAULT_THRESHOLD if threshold is None else threshold
    session = open_session(state.holder, Selection(sources=sources, limit=limit, threshold=cutoff))
    screening = session.screening
    responses: dict[str, Any] = {}
    for key, query in queries.items():
        responses[key] = _yente_one(session, query, limit, cutoff)
    return {
        "responses": responses,
        "matcher": {"name": "tracker", "threshold": cutoff},
        "limit": limit,
        "checked_against": screening.coverage.as_json(),
    }


def _yente_one(session: Session, query: FtmQuery, limit: int, threshold: float) -> dict[str, Any]:
    from tracker.api.identifiers import MIN_CHARS, any_searchable, identifier_rows, merged

    screening = session.screening
    said: list[str] = []
    names, in_names = _dated_names(_ftm_names(query), said)
    numbers = [n for prop in _ID_PROPS for n in _values(query, prop)][:20]
    echo = {"schema": query.schema_, "properties": query.properties}
    if not names and not numbers:
        error = "; ".join(said) or "the query has no name or identifier property"
        return {"status": 400, "error": error, "results": [], "query": echo}
    if not names and not any_searchable(numbers):  # no results would be an unsearched all clear
        error = f"the query has no name, and no identifier of at least {MIN_CHARS} letters and digits"
        return {"status": 400, "error": error, "results": [], "query": echo}
    # Each date given is tried and an entry keeps its best score, as with names: taking the first
    # of two birth dates silently would score the right person down when the other is the listed one.
    # A value that cannot be read is left out with a warning: one typo among the dates must not
    # cost the query its answer (nor be guessed at).
    dobs: list[str | None] = []
    for written in list(dict.fromkeys(_values(query, "birthDate") or _values(query, "incorporationDate"))):
        try:
            dobs.append(check_dob(read_dob(written)))
        except UsageError as exc:
            said.append(f"{one_line(exc)}: that date left out")
    if not dobs:  # a date written in a name is the birth date when the query gives none
        dobs = list(in_names)
    elif set(in_names) - set(dobs):
        said.append(
            f"the names hold {', '.join(sorted(set(in_names) - set(dobs)))}: not used beside birthDate"
        )
    dobs = list(dict.fromkeys(dobs[:_MAX_DATES])) or [None]
    country = next((c for prop in _COUNTRY_PROPS for c in _values(query, prop)), None)
    entity_type = _SCHEMA_TYPES.get(query.schema_, "any")
    best: dict[tuple[str, str], dict[str, Any]] = {}
    try:
        for name in names:
            for dob in dobs:
                for row in screening.run(name, dob=dob, country=country, entity_type=entity_type):
                    key = (row["source"], row["source_id"])
                    if key not in best or best[key]["score"] < row["score"]:
                        best[key] = row
    except TrackerError as exc:
        return {"status": 400, "error": one_line(exc), "results": [], "query": echo}
    rows = sorted(best.values(), key=lambda r: -r["score"])
    if numbers:
        rows = merged(rows, identifier_rows(screening, session.searchable, session.holder, numbers), limit)
    rows = rows[:limit]
    results = [_ftm_result(row, threshold) for row in rows]
    answered = {
        "status": 200,
        "results": results,
        "total": {"value": len(results), "relation": "eq"},
        "query": echo,
    }
    if said:
        answered["warnings"] = said
    return answered


def _ftm_result(row: dict[str, Any], threshold: float) -> dict[str, Any]:
    from tracker.records import EntityType
    from tracker.sources.ftm_model import SCHEMA_OF, entity_id

    schema = SCHEMA_OF.get(EntityType(row["entity_type"]), "LegalEntity")
    properties: dict[str, list[str]] = {"name": [row["name"]], "topics": ["sanction"]}
    if row["matched_name"] != row["name"]:
        properties["alias"] = [row["matched_name"]]
    for prop, values in (
        ("birthDate", row.get("birth_dates")),
        ("nationality", row.get("nationalities")),
        ("country", [c.lower() for c in row.get("countries") or []]),
        ("program", row.get("programs")),
    ):
        if values:
            properties[prop] = list(values)
    return {
        "id": entity_id(row["source"], row["source_id"]),
        "caption": row["name"],
        "schema": schema,
        "properties": properties,
        "datasets": [row["source"]],
        "referents": [],
        "target": True,
        "first_seen": row.get("first_seen"),
        "score": row["score"],
        "match": row["score"] >= threshold,
        "explanation": row["explanation"],
        "features": {"name_score": row["score"]},
        "tracker": row,
    }
