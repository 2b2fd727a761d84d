"""A local HTTP server on 127.0.0.1 that serves list files the way the publishers do: ETag and
Last-Modified validators, 304 on a match, an optional redirect to a "storage link", and scripted
failures (HTTP 500 for the next N requests). Used by end-to-end tests and bench/ scripts."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class ServedFile:
    body: bytes
    content_type: str = "application/xml"
    mtime: float = 1_700_000_000.0

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


@dataclass
class ServerState:
    files: dict[str, ServedFile] = field(default_factory=dict)
    fail_next: int = 0  # answer this many requests with HTTP 500 first
    requests: list[tuple[str, str, int]] = field(default_factory=list)  # (method, path, status)


class _Handler(BaseHTTPRequestHandler):
    state: ServerState

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        state = self.state
        if state.fail_next > 0:
            state.fail_next -= 1
            return self._reply(500, b"<html><body>Internal Server Error</body></html>", "text/html")
        path = self.path.split("?")[0]
        if path.startswith("/redirect/"):  # like OFAC's API answering with a short-lived storage link
            state.requests.append(("GET", path, 302))
            self.send_response(302)
            self.send_header("Location", "/storage/" + path.removeprefix("/redirect/"))
            self.end_headers()
            return
        served = state.files.get(path.removeprefix("/storage"))
        if served is None:
            return self._reply(404, b"<html><body>Not Found</body></html>", "text/html")
        last_modified = formatdate(served.mtime, usegmt=True)
        if self.headers.get("If-None-Match") == served.etag or (
            self.headers.get("If-None-Match") is None
            and self.headers.get("If-Modified-Since") == last_modified
        ):
            state.requests.append(("GET", path, 304))
            self.send_response(304)
            self.end_headers()
            return
        self._reply(
            200, served.body, served.content_type, {"ETag": served.etag, "Last-Modified": last_modified}
        )

    def _reply(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        # recorded before the client can read the reply: it sends its next request only then, so
        # the log is complete and in order when the client is done (appended after the write, a
        # retry's request was logged ahead of the 500 before it, or missing, under load)
        self.state.requests.append(("GET", self.path, status))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(state: ServerState) -> Iterator[str]:
    """Run the server in a thread; yields its base URL (http://127.0.0.1:PORT)."""
    handler = type("Handler", (_Handler,), {"state": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
