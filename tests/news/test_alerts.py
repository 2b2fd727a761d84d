"""Watchlist alerts: raised by every sync or import that changes a watched entry (no news feed
needed), each naming its watch, once per person per event."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

import jobs.scheduler as sched
import tracker.http
from jobs import JobContext
from tests.jobs.support import TOY_REGISTRY
from tests.toysource import CANON, TOY, write_entries, write_list
from tracker.errors import NotFound
from tracker.news.alerts import acknowledge, add_watch, check_alerts, list_alerts, remove_watch
from tracker.pipeline import import_path, scan_news
from tracker.settings import Settings
from tracker.sources import registry
from tracker.store.tables import ALERT

ROWS = {
    "29366": ("DERKACH, Andrii Leonidovych", "ELECTION-EO13848"),
    "29702": ("LIFSHITS, Artem Mikhaylovich", "CYBER2"),
}
# the same person on two more lists (same format, other names)
TOY_EU = dataclasses.replace(TOY, name="toy_eu")
TOY_UK = dataclasses.replace(TOY, name="toy_uk")


def _stored_alerts(engine: Engine) -> list[dict[str, object]]:
    with engine.connect() as conn:
        return [json.loads(r.payload) for r in conn.execute(select(ALERT).order_by(ALERT.c.id))]


def test_an_import_that_changes_a_watched_entry_alerts_by_itself(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    import_path(TOY, write_list(tmp_path, "a", "2020-09-10", ROWS), engine=engine, settings=settings)
    add_watch(engine, "Lifshits", ["toy"])
    add_watch(engine, "toy:29366", ["toy"])
    changed = {"29366": ("DERKACH, Andrii Leonidovych", "ELECTION-EO13848;UKRAINE-EO13660")}
    import_path(
        TOY, write_list(tmp_path, "b", "2021-01-01", changed), engine=engine, settings=settings, force=True
    )
    alerts = _stored_alerts(engine)  # no check_alerts call, no news scan: the import raised them
    assert sorted((a["watch"], a["source_id"], a["change"]) for a in alerts) == [
        ("Lifshits", "29702", "REMOVED"),
        ("toy:29366", "29366", "MODIFIED"),
    ]
    lifshits = next(a for a in alerts if a["source_id"] == "29702")
    assert lifshits["message"] == (
        "watch 'Lifshits': LIFSHITS, Artem Mikhaylovich (toy:29702) removed on the list of 2021-01-01"
    )
    assert check_alerts(engine) == []  # raised once, never again


def test_a_scheduled_sync_alerts_and_delivers_to_the_webhook(
    engine: Engine, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(registry, "_REGISTRY", dict(TOY_REGISTRY))
    first = write_list(tmp_path, "toy.txt", "2024-01-02", ROWS)
    settings = settings.model_copy(
        update={"source_urls": {"toy": str(first)}, "alert_webhook": "https://hook.test/a"}
    )
    assert sched.execute(JobContext(settings, engine), "sync_lists").status == "ok"
    add_watch(engine, "Derkach", ["toy"])
    posted: list[dict[str, object]] = []

    def hook(request: httpx.Request) -> httpx.Response:
        posted.append(json.loads(request.content))
        return httpx.Response(204)

    monkeypatch.setattr(
        tracker.http, "new_client", lambda *_a, **_k: httpx.Client(transport=httpx.MockTransport(hook))
    )
    changed = {**ROWS, "29366": ("DERKACH, Andrii Leonidovych", "ELECTION-EO13848;UKRAINE-EO13660")}
    second = write_list(tmp_path, "toy2.txt", "2024-01-03", changed)
    settings = settings.model_copy(update={"source_urls": {"toy": str(second)}})
    assert sched.execute(JobContext(settings, engine), "sync_lists").status == "ok"
    assert [(p["watch"], p["source_id"], p["change"]) for p in posted] == [("Derkach", "29366", "MODIFIED")]


def test_one_mention_of_a_person_on_three_lists_is_one_alert_naming_every_watch(
    engine: Engine, settings: Settings, tmp_path: Path, derkach_on_three_lists: tuple[tuple[str, str], ...]
) -> None:
    add_watch(engine, "Derkach", ["toy", "toy_eu", "toy_uk"])
    add_watch(engine, "toy_eu:EU.1", ["toy", "toy_eu", "toy_uk"])
    article = tmp_path / "a.txt"
    article.write_text("Kyiv, 11 September 2020. Andrii Derkach met the press; Derkach denied it.\n")
    done = scan_news(engine=engine, settings=settings, files=[article])
    assert [len({item["source"] for item in m["listings"]}) for m in done.mentions] == [3, 3]
    (alert,) = done.alerts
    assert alert["watches"] == ["Derkach", "toy_eu:EU.1"]
    assert {(e["source"], e["source_id"]) for e in alert["entries"]} == {
        ("toy", "29366"),
        ("toy_eu", "EU.1"),
        ("toy_uk", "UKR0001"),
    }
    assert alert["message"].startswith("watch 'Derkach', 'toy_eu:EU.1': DERKACH, Andrii Leonidovych (")
    assert len(_stored_alerts(engine)) == 1


def test_list_and_acknowledge(engine: Engine, settings: Settings, tmp_path: Path) -> None:
    import_path(TOY, write_list(tmp_path, "a", "2020-09-10", ROWS), engine=engine, settings=settings)
    add_watch(engine, "Derkach", ["toy"])
    add_watch(engine, "Lifshits", ["toy"])
    import_path(
        TOY, write_list(tmp_path, "b", "2021-01-01", {}), engine=engine, settings=settings, force=True
    )
    with engine.connect() as conn:
        rows, total = list_alerts(conn)
    assert total == 2 and sorted(r["watch"][0] for r in rows) == ["Derkach", "Lifshits"]
    assert rows[0]["id"] > rows[1]["id"]  # newest first
    assert acknowledge(engine, [rows[0]["id"]]) == [rows[0]["id"]]
    with engine.connect() as conn:
        assert [r["id"] for r in list_alerts(conn)[0]] == [rows[1]["id"]]
        everything, total = list_alerts(conn, acknowledged=True)
    assert total == 2 and everything[0]["acknowledged_at"] is not None
    with pytest.raises(NotFound, match="no unacknowledged alert 999"):
        acknowledge(engine, [rows[1]["id"], 999])
    with engine.connect() as conn:
        assert list_alerts(conn)[1] == 1  # all or nothing: the known id was not acknowledged either
    assert len(acknowledge(engine, None)) == 1


def test_watch_keys_must_exist_and_names_ignore_case(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    import_path(TOY, write_list(tmp_path, "a", "2020-09-10", ROWS), engine=engine, settings=settings)
    with pytest.raises(NotFound, match="toy:99999 is not in the store"):
        add_watch(engine, "toy:99999", ["toy"])
    first = add_watch(engine, "Derkach", ["toy"])
    assert add_watch(engine, "DERKACH", ["toy"]).id == first.id  # the same watch
    assert remove_watch(engine, "derkach").id == first.id
    with pytest.raises(NotFound):
        remove_watch(engine, "derkach")


def test_a_possible_namesake_raises_no_alert(engine: Engine, settings: Settings, tmp_path: Path) -> None:
    entry = {
        "source_id": "29366",
        "entity_type": "individual",
        "names": [{"full": "DERKACH, Andrii Leonidovych", "kind": "primary"}],
        "nationalities": ["Russia"],
        "programs": ["P"],
    }
    import_path(
        CANON, write_entries(tmp_path, "canon", "2020-09-10", [entry]), engine=engine, settings=settings
    )
    add_watch(engine, "Derkach", ["canon"])
    article = tmp_path / "a.txt"
    article.write_text("Kyiv, 11 September 2020. The Ukrainian footballer Andrii Derkach scored twice.\n")
    done = scan_news(engine=engine, settings=settings, files=[article])
    (mention,) = done.mentions
    assert mention["score"] < 0.8 and mention["explanation"].startswith("possible namesake")
    assert done.alerts == [] and _stored_alerts(engine) == []
