"""Every way a request can fail, as one JSON shape ``{"detail": "one line"}`` (the CLI's messages):

- 400: a bad query or parameter value the CLI would refuse (UsageError, ConfigError such as an
  unknown source, ParseError of an uploaded text)
- 401 / 403: a missing or wrong bearer token, or the state-changing endpoints turned off
- 404: an unknown entry, snapshot, watch, alert or sync run (NotFound), or an unknown path
- 409: POST /sync while the worker's previous sync runs (SyncBusy)
- 422: a request FastAPI cannot read (a missing parameter, a number out of range, bad JSON); the
  detail names the field, ``errors`` lists each problem
- 503: no list is loaded yet (NoData), with Retry-After
- 500: a bug (logged with its traceback; the answer has one line)
"""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from tracker.api.state import NoData
from tracker.errors import NotFound, TrackerError, one_line

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30  # a sync of every list takes a minute or two; ask again soon


class Problem(BaseModel):
    """The body of every error answer."""

    detail: str


class ValidationProblem(Problem):
    """A request that could not be read: ``detail`` names the first problem, ``errors`` all."""

    errors: list[dict[str, Any]] = []


# The error answers each router declares in the OpenAPI schema (422 replaces FastAPI's default).
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "Bad query: one line saying what is wrong"},
    422: {"model": ValidationProblem, "description": "The request could not be read"},
    503: {"model": Problem, "description": "No list is loaded yet"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem, "description": "Unknown id"}}


def status_of(exc: TrackerError) -> int:
    from tracker.api.syncs import SyncBusy

    if isinstance(exc, NoData):
        return 503
    if isinstance(exc, SyncBusy):
        return 409
    if isinstance(exc, NotFound):
        return 404
    return 400


def problem(status: int, detail: str, retry_after: int = RETRY_AFTER_SECONDS, **extra: Any) -> JSONResponse:
    headers = {"Retry-After": str(retry_after)} if status == 503 else None
    if status == 401:
        headers = {"WWW-Authenticate": "Bearer"}
    return JSONResponse({"detail": detail, **extra}, status_code=status, headers=headers)


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in _public_loc(loc) if p not in ("body",)]
    return ".".join(parts) or "request"


_MODEL_NAME = re.compile(r"[A-Z][A-Za-z0-9]*")  # a class name; the API's fields are lower case


def _public_loc(loc: tuple[Any, ...] | list[Any]) -> list[Any]:
    """``loc`` without the model class pydantic names for each member of a body that is a union
    (["body", "YenteMatchRequest", "queries"] -> ["body", "queries"]): a client never sees the
    class names, and the trial read them as an internal error."""
    parts = list(loc)
    if (
        len(parts) > 1
        and parts[0] == "body"
        and isinstance(parts[1], str)
        and _MODEL_NAME.fullmatch(parts[1])
    ):
        del parts[1]
    return parts


_NOT_AN_OBJECT = ("model_attributes_type", "model_type", "dict_type", "missing")
BODY_NOT_AN_OBJECT = "the request body must be a JSON object (Content-Type: application/json)"


def _loc_key(error: Any) -> tuple[Any, ...]:
    return tuple(_public_loc(error.get("loc", ())))


def validation_detail(errors: list[Any]) -> str:
    """'query.limit: Input should be less than or equal to 1000' (+ 'and N more'); a body that is
    not a JSON object at all (``[]``, plain text, nothing) is BODY_NOT_AN_OBJECT."""
    if not errors:
        return "the request could not be read"
    if all(_public_loc(e.get("loc", ())) == ["body"] and e.get("type") in _NOT_AN_OBJECT for e in errors):
        return BODY_NOT_AN_OBJECT
    if any(e.get("type") == "json_invalid" for e in errors):  # it was "0: JSON decode error" (trial 2)
        bad = next(e for e in errors if e.get("type") == "json_invalid")
        where = (bad.get("ctx") or {}).get("error", "")
        return f"the request body is not valid JSON{f' ({where})' if where else ''}"
    # One problem per place: a union body reports each of its members' at the same field.
    by_place: dict[tuple[Any, ...], Any] = {}
    for error in errors:
        by_place.setdefault(_loc_key(error), error)
    errors = list(by_place.values())
    first = errors[0]
    message = str(first.get("msg", "invalid"))
    if first.get("type") == "finite_number":  # "nan", "inf": pydantic says "a finite number"
        message = f"{str(first.get('input'))[:40]!r} is not a number"
    text = f"{_field(first.get('loc', ()))}: {one_line(message)}"
    return text + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else "")


def _plain_errors(errors: list[Any]) -> list[dict[str, Any]]:
    # ctx may hold exception objects; inputs may be large: keep what a client needs.
    return [
        {
            "loc": [str(p) for p in _public_loc(e.get("loc", ()))],
            "msg": str(e.get("msg", "")),
            "type": str(e.get("type", "")),
        }
        for e in errors[:20]
    ]


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""

    @app.exception_handler(TrackerError)
    async def tracker_error(_request: Request, exc: TrackerError) -> JSONResponse:
        if isinstance(exc, NoData):
            return problem(503, one_line(exc), retry_after=exc.retry_after)
        return problem(status_of(exc), one_line(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        return problem(422, validation_detail(errors), errors=_plain_errors(errors))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        response = problem(exc.status_code, one_line(str(exc.detail)))
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error answering %s %s", request.method, request.url.path)
        return problem(500, f"internal error: {type(exc).__name__}: {one_line(exc)}")
