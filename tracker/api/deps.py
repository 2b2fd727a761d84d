"""Dependencies shared by the routers: the app's state, JSON answers, the bearer token."""

from __future__ import annotations

import hmac
from typing import Annotated, Any

import orjson
from fastapi import Depends, HTTPException, Request
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from tracker.api.state import ApiState


def get_state(request: Request) -> ApiState:
    state: ApiState = request.app.state.tracker
    return state


State = Annotated[ApiState, Depends(get_state)]


class JSON(Response):
    """JSON via orjson (list text as it is, UTF-8): several times faster than the standard encoder
    on screening answers, which matters for /search latency."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)


_bearer = HTTPBearer(auto_error=False, description="TRACKER_API_TOKEN")


def require_token(
    state: State, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    """403 when no token is configured (writes are off), 401 when the token is missing or wrong."""
    if state.api.token is None or not state.api.token.get_secret_value():
        raise HTTPException(403, "this endpoint is off: set TRACKER_API_TOKEN on the server to enable it")
    given = credentials.credentials if credentials is not None else ""
    expected = state.api.token.get_secret_value()
    if not given or not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise HTTPException(401, "missing or wrong bearer token (Authorization: Bearer TOKEN)")


Authorized = Depends(require_token)
