"""Read endpoints: entities with their history, sources, changes, activity, diff, mentions, alerts;
unknown ids are 404, bad parameters 400 / 422, each with one line."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook


def test_entity_has_current_data_timeline_and_mentions(client):
    response = client.get("/entities/toy/29366")
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["source"], body["source_id"], body["display_name"]) == (
        "toy",
        "29366",
        "DERKACH, Andrii Leonidovych",
    )
    assert body["listed"] is True and body["mentions"] == []
    assert [e["event"] for e in body["timeline"]] == ["first seen", "amended"]
    (change,) = body["timeline"][1]["fields"]
    assert change["field"] == "programs" and "UKRAINE-EO13660" in change["after"]
    delisted = client.get("/entities/toy/29702").json()
    assert [e["event"] for e in delisted["timeline"]] == ["first seen", "delisted"] and delisted[
        "listed"
    ] is False


def test_unknown_entity_or_source_is_404_with_one_line(client):
    missing = client.get("/entities/toy/99999")
    assert missing.status_code == 404 and missing.json() == {"detail": "toy:99999 is not in the store"}
    nosource = client.get("/entities/ofac_sdn/1")
    assert nosource.status_code == 404 and nosource.json()["detail"].startswith(
        "nothing stored for source 'ofac_sdn'"
    )
    assert client.get("/no/such/page").status_code == 404
    # a source no tracker knows: said so, not "nothing stored ... yet; run `tracker sync nope`" (trial 2)
    unknown = client.get("/entities/nope/1")
    assert unknown.status_code == 404 and unknown.json()["detail"].startswith(
        "unknown source 'nope' (known: "
    )


def test_sources_and_changes(client):
    sources = {row["source"]: row for row in client.get("/sources").json()}
    assert sources["toy"]["entries"] == 2 and sources["ofac_sdn"]["last_status"] == "never synced"
    changes = client.get("/changes", params={"source": "toy", "since": "2020-10-01"}).json()
    assert changes["total"] == 2
    assert sorted((c["source_id"], c["change"]) for c in changes["changes"]) == [
        ("29366", "MODIFIED"),
        ("29702", "REMOVED"),
    ]
    page = client.get("/changes", params={"limit": 1, "offset": 1}).json()
    assert page["total"] == 5 and len(page["changes"]) == 1
    bad = client.get("/changes", params={"since": "yesterday"})
    assert bad.status_code == 400 and bad.json()["detail"] == "bad since 'yesterday': use YYYY-MM-DD"
    assert client.get("/changes", params={"source": "nope"}).status_code == 400


def test_activity_gives_sizes_and_monthly_changes(client):
    (toy,) = client.get("/activity").json()
    assert toy["sizes"] == [{"date": "2020-09-10", "entries": 3}, {"date": "2020-11-02", "entries": 2}]
    assert toy["months"] == [{"month": "2020-11", "added": 0, "removed": 1, "modified": 1}]


def test_diff_downloads_csv_json_and_xlsx(client):
    params = {"source": "toy", "from": "2020-09-10", "to": "2020-11-02"}
    as_csv = client.get("/diff", params=params)
    assert as_csv.status_code == 200, as_csv.text
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert 'filename="tracker-diff-toy-2020-09-10-2020-11-02.csv"' in as_csv.headers["content-disposition"]
    text = as_csv.content.decode("utf-8-sig")  # a file for spreadsheets: UTF-8 with BOM, as --output
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {(r["source_id"], r["change"]) for r in rows} == {("29366", "modified"), ("29702", "removed")}
    as_json = client.get("/diff", params={**params, "format": "json"}).json()
    assert as_json["mode"] == "net" and len(as_json["rows"]) == 2
    as_xlsx = client.get("/diff", params={**params, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(as_xlsx.content), read_only=True).worksheets[0]
    assert sum(1 for _ in sheet.iter_rows()) >= 3


def test_bad_diff_windows_are_400_or_422(client):
    # named by the API's own parameters, not the CLI's --from / --to (the trial)
    backwards = client.get("/diff", params={"from": "2020-11-02", "to": "2020-09-10"})
    assert backwards.status_code == 400
    assert backwards.json()["detail"] == "from=2020-11-02 is after to=2020-09-10"
    early = client.get("/diff", params={"from": "2019-01-01", "source": "toy"})
    assert early.status_code == 400
    assert early.json()["detail"].startswith("from=2019-01-01: toy has no snapshot on or before that date")
    bad = client.get("/diff", params={"from": "last week"})
    assert bad.status_code == 400 and bad.json()["detail"].startswith("bad from 'last week'")
    fmt = client.get("/diff", params={"format": "pdf"})
    assert fmt.status_code == 422 and fmt.json()["detail"].startswith("query.format: Input should be")


def test_mentions_alerts_and_watches_start_empty(client):
    assert client.get("/mentions", params={"name": "Derkach"}).json() == {"total": 0, "mentions": []}
    assert client.get("/alerts").json() == {"total": 0, "alerts": []}
    assert client.get("/watch").json() == []
    bad = client.get("/mentions", params={"name": "x"})
    assert bad.status_code == 400 and "at least two letters" in bad.json()["detail"]


def test_entity_by_the_cli_reference(client):
    by_ref = client.get("/entities/toy:29366")
    assert by_ref.status_code == 200, by_ref.text
    assert by_ref.json() == client.get("/entities/toy/29366").json()
    bad = client.get("/entities/29366")
    assert bad.status_code == 400 and "SOURCE:ID" in bad.json()["detail"]
    assert client.get("/entities/toy:99999").status_code == 404


def test_diff_notes_come_in_headers_as_the_cli_prints_them(settings, engine, make_client, tmp_path):
    """The trial: the CLI's diff says when a compared file gave no aliases (an OFAC CSV without
    alt.csv, then the full set); the API's CSV download said nothing. Every format has the header."""
    import shutil
    from datetime import datetime
    from pathlib import Path

    from tracker.pipeline import import_path
    from tracker.sources.ofac import SDN

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "ofac" / "csv_set"
    for name, date, full in (("daily", "2020-01-01", False), ("full", "2020-02-01", True)):
        (tmp_path / name).mkdir()
        for child in fixture.iterdir():
            if full or child.name in ("sdn.csv", "sdn_comments.csv"):
                shutil.copy(child, tmp_path / name / child.name)
        when = datetime.fromisoformat(date)
        result = import_path(SDN, tmp_path / name, engine=engine, settings=settings, published=when)
        assert result.status == "accepted", result.reason
    client = make_client()
    lacked = (
        "ofac_sdn: the 2020-01-01 snapshot's file gave no addresses or aliases: a change to them may "
        "only be what that file lacked"
    )
    for fmt in ("csv", "json", "md", "xlsx"):
        response = client.get("/diff", params={"from": "2020-01-01", "format": fmt})
        assert response.status_code == 200, response.text
        assert response.headers.get_list("x-tracker-note") == [lacked], fmt
    first = client.get("/diff", params={"to": "2020-01-01"})
    assert first.headers.get_list("x-tracker-note") == [
        "ofac_sdn: nothing stored before 2020-01-01, so every entry counts as added"
    ]
