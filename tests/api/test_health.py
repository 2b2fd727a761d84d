"""/healthz, /readyz, /metrics, the OpenAPI schema, and `tracker serve` as a real process."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import httpx

from tests.api.support import serving


def test_readyz_turns_ready_once_the_index_is_loaded(stored, make_client):
    client = make_client()
    first = client.get("/readyz")
    # not loaded until asked: 503 and a background load starts; a search loads it for certain
    assert first.status_code in (200, 503)
    client.app.state.tracker.holder.join(timeout=60)
    assert client.get("/readyz").json() == {"status": "ready"}


def test_warm_on_start_loads_the_index_without_a_search(stored, make_client):
    client = make_client(warm_on_start=True)
    client.app.state.tracker.holder.join(timeout=60)
    assert client.get("/readyz").status_code == 200


def test_while_the_first_load_runs_index_needing_endpoints_answer_503_at_once(
    stored, make_client, monkeypatch
):
    """The trial: right after `tracker serve`, /readyz said 503 but /search waited over 60 s for
    the load, and `q=a` waited 39 s for its 400. Now: 503 with Retry-After at once, and a bad
    query is refused before any wait."""
    import threading

    import tracker.search

    release = threading.Event()
    real = tracker.search.load_index

    def slow_load(*args, **kwargs):
        release.wait(60)
        return real(*args, **kwargs)

    monkeypatch.setattr(tracker.search, "load_index", slow_load)
    client = make_client(warm_on_start=True)
    try:
        for answer in (
            client.get("/search?q=Andrii%20Derkach"),
            client.post("/match", json={"queries": [{"name": "Andrii Derkach"}]}),
        ):
            assert (answer.status_code, answer.headers.get("retry-after")) == (503, "5")
            assert answer.json() == {"detail": "the name index is loading; retry shortly"}
        assert client.get("/entities/toy/29366").status_code == 200  # the store, not the index
        short = client.get("/search?q=a")
        assert short.status_code == 400
        assert short.json() == {"detail": "query 'a' is too short: give at least two letters"}
    finally:
        release.set()
    client.app.state.tracker.holder.join(timeout=60)
    assert client.get("/search?q=Andrii%20Derkach").status_code == 200


def test_metrics_count_requests_by_route_template(client):
    client.get("/entities/toy/29366")
    client.get("/entities/toy/nope")
    text = client.get("/metrics").text
    assert (
        'tracker_http_requests_total{method="GET",route="/entities/{source}/{source_id:path}",status="200"} 1.0'
        in text
    )
    assert 'route="/entities/{source}/{source_id:path}",status="404"} 1.0' in text
    assert "tracker_http_request_duration_seconds_bucket" in text


def test_openapi_schema_documents_every_endpoint_and_error_shape(client):
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    assert {"/search", "/match", "/entities/{source}/{source_id}", "/sources", "/changes", "/diff"} <= paths
    assert {
        "/mentions",
        "/alerts",
        "/sync",
        "/sync/{run_id}",
        "/news/scan",
        "/watch",
        "/watch/{watch}",
        "/healthz",
        "/readyz",
    } <= paths
    assert {"202", "409"} <= set(schema["paths"]["/sync"]["post"]["responses"])
    search = schema["paths"]["/search"]["get"]["responses"]
    assert {"200", "400", "422", "503"} <= set(search)
    assert search["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ValidationProblem")


def _raw_get(base: str, target: str) -> bytes:
    """The server's whole answer to a GET of ``target`` (httpx refuses a URL this long)."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=60) as conn:
        conn.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode("ascii"))
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    return answer


def test_serve_runs_two_workers_over_one_store(stored, settings, tmp_path):
    work = tmp_path / "tmp"  # the server's temporary folder (TMPDIR)
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    (work / f"tracker-metrics-{int(gone.stdout)}-x1y2").mkdir(parents=True)  # of a server killed by SIGKILL
    env = {
        "TRACKER_DATA_DIR": str(settings.data_dir),
        "TRACKER_DATABASE_URL": settings.resolved_database_url,
        "TRACKER_MAX_LIST_AGE_DAYS": "0",
        "TMPDIR": str(work),
    }
    assert "PROMETHEUS_MULTIPROC_DIR" not in os.environ
    with serving(env, "--workers", "2") as base:
        (metrics_dir,) = work.iterdir()  # this server's, and the dead one's swept
        assert metrics_dir.name.startswith("tracker-metrics-") and any(metrics_dir.iterdir())
        answers = [httpx.get(f"{base}/search", params={"q": "Andrei Derkach"}, timeout=60) for _ in range(4)]
        assert all(a.status_code == 200 for a in answers), answers[0].text
        assert {a.json()["results"][0]["source_id"] for a in answers} == {"29366"}
        metrics = httpx.get(f"{base}/metrics", timeout=10).text
        # both workers' counters are summed (multiprocess mode), whichever worker answered
        assert 'route="/search",status="200"} 4.0' in metrics
        # the trial: a 120 KB q never reached the app; uvicorn's answer was plain text
        head, _, body = _raw_get(base, "/search?q=" + "A" * 120_000).partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 400 ") and b"content-type: application/json" in head
        assert json.loads(body)["detail"].startswith("the request could not be read: its URL")
    assert list(work.iterdir()) == []  # removed when the server stopped
