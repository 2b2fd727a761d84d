"""uvicorn's HTTP protocol with its one plain-text answer made JSON like every other error.

A request uvicorn cannot parse never reaches the app: a URL over 64 KB (httptools parses URLs with
16-bit offsets) or a request head over h11's 16 KB buffer got "Invalid HTTP request received." as
text/plain. ``tracker serve`` runs this subclass of the protocol uvicorn would pick ("auto").
"""

from __future__ import annotations

from typing import Any

import orjson

from tracker.matching.query import MAX_QUERY_CHARS

try:  # what uvicorn's "auto" picks: httptools when installed, else h11
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as _Base
except ImportError:  # pragma: no cover - without httptools
    from uvicorn.protocols.http.h11_impl import H11Protocol as _Base  # type: ignore[assignment]

UNREADABLE = (
    "the request could not be read: its URL or headers are too long or malformed "
    f"(a query is at most {MAX_QUERY_CHARS} characters; screen many names with POST /match)"
)


def bad_request_bytes(detail: str = UNREADABLE) -> bytes:
    """A whole HTTP/1.1 400 answer, ``{"detail": ...}`` as the app's errors are, closing the
    connection (the request's end cannot be known)."""
    body = orjson.dumps({"detail": detail})
    head = (
        b"HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\n"
        b"content-length: " + str(len(body)).encode("ascii") + b"\r\nconnection: close\r\n\r\n"
    )
    return head + body


class JsonErrorsProtocol(_Base):
    """uvicorn's protocol, but its 400 for an unparsable request is JSON."""

    transport: Any

    def send_400_response(self, msg: str) -> None:
        self.transport.write(bad_request_bytes())
        self.transport.close()
