"""Request bodies read strictly: a JSON key given twice in one object is a 422, never the last
value kept (``{"queries": [{"name": "Sergei Lavrov", "name": "John Smith"}]}`` screened John Smith
alone, a false all clear; trial 2, item 6). FastAPI's own parsing keeps the last value, so each
router of JSON bodies uses ``StrictJsonRoute``, which checks the body before FastAPI reads it."""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute

from tracker.json_objects import RepeatedKey, unique_object


class StrictJsonRoute(APIRoute):
    """An APIRoute whose JSON body (any method, a Content-Type ending in ``json``) is refused with
    422 when an object in it gives a key twice; other bodies, and JSON that does not parse, are
    left to FastAPI's own errors."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def strict(request: Request) -> Response:
            if request.headers.get("content-type", "").split(";")[0].strip().endswith("json"):
                body = await request.body()  # cached on the request: FastAPI reads it again
                if body:
                    try:
                        json.loads(body, object_pairs_hook=unique_object)
                    except RepeatedKey as exc:
                        error = {"loc": ("body",), "msg": str(exc), "type": "json_repeated_key"}
                        raise RequestValidationError([error]) from None
                    except (ValueError, RecursionError):
                        pass  # not JSON: FastAPI's own 422 says so
            return await handler(request)

        return strict
