"""State-changing endpoints: off without TRACKER_API_TOKEN, 401 without the right bearer token;
with it they do what the CLI does."""

from __future__ import annotations

import threading

from typer.testing import CliRunner

from tests.api.conftest import TOKEN
from tracker.cli import build_app

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_writes_need_the_token_and_are_off_without_one(stored, make_client):
    client = make_client()
    for method, path, body in (
        ("POST", "/sync", {}),
        ("POST", "/news/scan", {"text": "x"}),
        ("POST", "/watch", {"name": "Derkach"}),
        ("DELETE", "/watch/1", None),
        ("POST", "/alerts/ack", {"ids": [1]}),
    ):
        missing = client.request(method, path, json=body)
        assert missing.status_code == 401, (path, missing.text)
        assert missing.headers["www-authenticate"] == "Bearer"
        wrong = client.request(method, path, json=body, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
    off = make_client(token=None)
    response = off.post("/watch", json={"name": "Derkach"}, headers=AUTH)
    assert response.status_code == 403 and "TRACKER_API_TOKEN" in response.json()["detail"]


def test_watchlist_add_list_remove(client):
    added = client.post("/watch", json={"name": "toy:29366"}, headers=AUTH)
    assert added.status_code == 201, added.text
    watch = added.json()
    assert (watch["watch"], watch["source"], watch["source_id"]) == ("toy:29366", "toy", "29366")
    assert [w["id"] for w in client.get("/watch").json()] == [watch["id"]]
    unknown = client.post("/watch", json={"name": "toy:99999"}, headers=AUTH)
    assert unknown.status_code == 404 and "toy:99999 is not in the store" in unknown.json()["detail"]
    removed = client.delete(f"/watch/{watch['id']}", headers=AUTH)
    assert removed.status_code == 200 and removed.json()["id"] == watch["id"]
    again = client.delete(f"/watch/{watch['id']}", headers=AUTH)
    assert again.status_code == 404 and "is not on the watchlist" in again.json()["detail"]


def test_news_scan_of_posted_text_stores_mentions_and_alerts_watches(client, fixtures_dir):
    client.post("/watch", json={"name": "Derkach"}, headers=AUTH)
    text = (fixtures_dir / "news" / "uk-derkach-2020-09-11.txt").read_text(encoding="utf-8")
    response = client.post("/news/scan", json={"text": text, "date": "2020-09-11"}, headers=AUTH)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["articles"] == 1 and body["failures"] == []
    assert "29366" in {m["source_id"] for m in body["mentions"]}
    assert body["alerts"], body
    mentions = client.get("/mentions", params={"name": "toy:29366"}).json()
    assert mentions["total"] == sum(m["source_id"] == "29366" for m in body["mentions"])
    entity = client.get("/entities/toy/29366").json()
    assert entity["mentions"] and entity["mentions"][0]["source_id"] == "29366"
    (alert,) = client.get("/alerts").json()["alerts"]
    acked = client.post("/alerts/ack", json={"ids": [alert["id"]]}, headers=AUTH)
    assert acked.json() == {"acknowledged": [alert["id"]]}
    assert client.get("/alerts").json()["total"] == 0


def test_news_scan_refuses_local_paths_and_empty_requests(client):
    local = client.post("/news/scan", json={"urls": ["file:///etc/passwd"]}, headers=AUTH)
    assert local.status_code == 400 and local.json()["detail"] == "'file:///etc/passwd' is not an http(s) URL"
    nothing = client.post("/news/scan", json={}, headers=AUTH)
    assert nothing.status_code == 400 and nothing.json()["detail"].startswith("nothing to scan")
    extra = client.post("/news/scan", json={"files": ["/etc"]}, headers=AUTH)
    assert extra.status_code == 422 and extra.json()["detail"].startswith("files: Extra inputs")


def test_sync_of_a_local_list_url_reports_each_source(client, settings, fixtures_dir, monkeypatch):
    bad = client.post("/sync", json={"sources": ["nope"]}, headers=AUTH)
    assert bad.status_code == 400 and bad.json()["detail"].startswith("unknown source 'nope'")
    # A source whose URL the server is configured to read (TRACKER_SOURCE_URLS): here a local file.
    settings.source_urls["un_sc"] = (fixtures_dir / "un" / "sample.xml").as_uri()
    response = client.post("/sync", json={"sources": ["un_sc"]}, headers=AUTH)
    assert response.status_code == 202, response.text
    started = response.json()
    assert started["sources"] == ["un_sc"] and response.headers["location"] == started["poll"]
    client.app.state.tracker.syncs.join(timeout=60)
    body = client.get(started["poll"], headers=AUTH).json()
    (result,) = body["results"]
    assert (body["run_id"], body["status"], body["ok"], body["error"]) == (
        started["run_id"],
        "ok",
        True,
        None,
    )
    assert (result["source"], result["status"]) == ("un_sc", "accepted") and result["entries"] > 0
    assert body["started_at"] <= body["finished_at"]
    sources = {row["source"]: row for row in client.get("/sources").json()}
    assert sources["un_sc"]["entries"] == result["entries"]
    assert client.get("/sync/999999", headers=AUTH).status_code == 404
    assert client.get(started["poll"]).status_code == 401
    # the run is in the job-run log, its results counted, not dumped
    env = {"TRACKER_DATA_DIR": str(settings.data_dir), "TRACKER_DATABASE_URL": settings.resolved_database_url}
    runs = CliRunner().invoke(build_app(), ["schedule", "runs", "--job", "api_sync"], env=env)
    assert runs.exit_code == 0 and "api_sync" in runs.stdout and "results 1" in runs.stdout, runs.output
    assert "{" not in runs.stdout


def test_sync_answers_at_once_and_runs_one_at_a_time(client, monkeypatch):
    """POST /sync does not wait for the lists: it answers while the sync runs, GET tells "running"
    until it ends, and a second POST meanwhile is refused with the running run's id."""
    import tracker.pipeline
    from tracker.results import SyncResult, SyncStatus

    release = threading.Event()

    def slow_sync(specs, **_kwargs):
        assert release.wait(60), "the test never released the sync"
        return [SyncResult(spec.name, SyncStatus.UNCHANGED) for spec in specs]

    monkeypatch.setattr(tracker.pipeline, "sync_sources", slow_sync)
    try:
        first = client.post("/sync", json={"sources": ["un_sc", "eu_fsf"]}, headers=AUTH)
        assert first.status_code == 202, first.text
        run = first.json()["run_id"]
        assert client.get(f"/sync/{run}", headers=AUTH).json()["status"] == "running"
        second = client.post("/sync", json={}, headers=AUTH)
        assert second.status_code == 409 and f"sync run {run} is still running" in second.json()["detail"]
    finally:
        release.set()
    client.app.state.tracker.syncs.join(timeout=60)
    done = client.get(f"/sync/{run}", headers=AUTH).json()
    assert (done["status"], done["ok"], done["sources"]) == ("ok", True, ["un_sc", "eu_fsf"])
    assert [r["status"] for r in done["results"]] == ["unchanged", "unchanged"]
    assert client.post("/sync", json={"sources": ["un_sc"]}, headers=AUTH).status_code == 202


def test_a_failed_list_fails_the_run(client, settings, tmp_path):
    settings.source_urls["un_sc"] = (tmp_path / "missing.xml").as_uri()
    run = client.post("/sync", json={"sources": ["un_sc"]}, headers=AUTH).json()["run_id"]
    client.app.state.tracker.syncs.join(timeout=60)
    body = client.get(f"/sync/{run}", headers=AUTH).json()
    assert (body["status"], body["ok"]) == ("failed", False)
    assert body["results"][0]["status"] == "failed" and body["results"][0]["reason"]
