"""End to end: `tracker sync` against a local HTTP server serving OFAC XML with ETag / Last-Modified,
and every kind of bad download leaving the stored data untouched."""

from __future__ import annotations

import gzip
import json
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import real_file
from tests.localserver import ServedFile, ServerState, serve
from tracker.cli import build_app

NS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML"


def sdn_xml(n: int, publish_date: str = "05/07/2024", *, rename: dict[int, str] | None = None) -> bytes:
    """A small but well-formed OFAC sdn.xml with n individuals (uids 1000..)."""
    rename = rename or {}
    entries = []
    for i in range(n):
        uid = 1000 + i
        last = rename.get(uid, f"PERSON{i}")
        entries.append(
            f"<sdnEntry><uid>{uid}</uid><firstName>Ivan</firstName><lastName>{last}</lastName>"
            f"<sdnType>Individual</sdnType><programList><program>RUSSIA-EO14024</program></programList>"
            f"</sdnEntry>"
        )
    return (
        f'<?xml version="1.0" standalone="yes"?>\n<sdnList xmlns="{NS}">'
        f"<publshInformation><Publish_Date>{publish_date}</Publish_Date><Record_Count>{n}</Record_Count>"
        f"</publshInformation>{''.join(entries)}</sdnList>\n"
    ).encode()


@pytest.fixture
def cli(settings, monkeypatch):
    monkeypatch.setenv("TRACKER_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("TRACKER_DATABASE_URL", settings.resolved_database_url)
    monkeypatch.setenv("TRACKER_HTTP_BACKOFF", "0")  # retries without real waiting
    runner = CliRunner()
    app = build_app()

    def invoke(*args: str):
        return runner.invoke(app, list(args), catch_exceptions=False)

    return invoke


def sync_json(cli, url: str, *extra: str):
    result = cli("sync", "ofac_sdn", "--url", url, "--json", *extra)
    return result, json.loads(result.stdout)[0]


def stored(cli) -> tuple[int, list]:
    sources = json.loads(cli("sources", "--json").stdout)
    changes = json.loads(cli("changes", "--source", "ofac_sdn", "--limit", "0", "--json").stdout)
    entries = next(s["entries"] for s in sources if s["source"] == "ofac_sdn")
    return entries, changes


def test_first_run_stores_second_does_not_parse_newer_records_changes(cli):
    state = ServerState(files={"/sdn.xml": ServedFile(sdn_xml(20, "05/01/2024"))})
    with serve(state) as base:
        url = f"{base}/redirect/sdn.xml"  # OFAC redirects to a storage link
        first, row = sync_json(cli, url)
        assert first.exit_code == 0, first.output
        assert (row["status"], row["entries"], row["added"]) == ("accepted", 20, 20)
        assert row["published_at"].startswith("2024-05-01")

        again, row = sync_json(cli, url)
        assert again.exit_code == 0 and row["status"] == "unchanged"
        assert state.requests[-1][2] == 304  # one conditional request, nothing downloaded or parsed

        state.files["/sdn.xml"] = ServedFile(
            sdn_xml(21, "05/02/2024", rename={1003: "RENAMED"}), mtime=1_800_000_000
        )
        newer, row = sync_json(cli, url)
        assert (row["status"], row["added"], row["removed"], row["modified"]) == ("accepted", 1, 0, 1)
    entries, changes = stored(cli)
    assert entries == 21
    modified = [c for c in changes if c["change"] == "MODIFIED"]
    assert modified[0]["source_id"] == "1003"
    assert "names" in {f["field"] for f in modified[0]["fields"]}
    shown = cli("show", "ofac_sdn:1003")
    assert shown.exit_code == 0 and "MODIFIED" in shown.stdout and "2024-05-01" in shown.stdout


BAD_BODIES = {
    "truncated XML": (lambda: sdn_xml(20)[:-400], "application/xml"),
    "HTML error page": (
        lambda: b"<html><head><title>Error</title></head><body>Service Unavailable</body></html>",
        "text/html",
    ),
    "empty file": (lambda: b"", "application/xml"),
    "half the list": (lambda: sdn_xml(10, "05/09/2024"), "application/xml"),
}


@pytest.mark.parametrize("case", sorted(BAD_BODIES))
def test_bad_download_is_rejected_with_one_line_and_nothing_changes(cli, case):
    state = ServerState(files={"/sdn.xml": ServedFile(sdn_xml(20, "05/01/2024"))})
    with serve(state) as base:
        assert sync_json(cli, f"{base}/sdn.xml")[1]["status"] == "accepted"
        before = stored(cli)
        body, content_type = BAD_BODIES[case]
        state.files["/sdn.xml"] = ServedFile(body(), content_type, mtime=1_800_000_000)
        result, row = sync_json(cli, f"{base}/sdn.xml")
    assert result.exit_code == 1
    assert row["status"] == "rejected" and row["reason"]
    message = [line for line in result.stderr.splitlines() if "ofac_sdn rejected" in line]
    assert len(message) == 1 and "Traceback" not in result.output
    assert stored(cli) == before
    sources = json.loads(cli("sources", "--json").stdout)
    assert next(s for s in sources if s["source"] == "ofac_sdn")["last_status"] == "rejected"


def test_shrunk_list_applies_with_force_and_says_so(cli):
    state = ServerState(files={"/sdn.xml": ServedFile(sdn_xml(20, "05/01/2024"))})
    with serve(state) as base:
        sync_json(cli, f"{base}/sdn.xml")
        state.files["/sdn.xml"] = ServedFile(sdn_xml(10, "05/02/2024"), mtime=1_800_000_000)
        assert sync_json(cli, f"{base}/sdn.xml")[1]["status"] == "rejected"
        result, row = sync_json(cli, f"{base}/sdn.xml", "--force")
    assert row["status"] == "accepted" and row["forced"] and row["removed"] == 10
    assert "forced past guard" in result.stderr


def test_http_500_then_success_is_retried(cli):
    state = ServerState(files={"/sdn.xml": ServedFile(sdn_xml(5))}, fail_next=2)
    with serve(state) as base:
        result, row = sync_json(cli, f"{base}/sdn.xml")
    assert result.exit_code == 0 and row["status"] == "accepted"
    assert [r[2] for r in state.requests] == [500, 500, 200]


def test_connection_refused_is_one_clear_line(cli):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again when the block ends: nothing listens there
    result = cli("sync", "ofac_sdn", "--url", f"http://127.0.0.1:{port}/sdn.xml")
    assert result.exit_code == 1
    assert "ofac_sdn failed" in result.stderr and "127.0.0.1" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_source_and_bad_arguments_are_one_line_errors(cli):
    from tracker.cli import main

    for argv in (["sync", "nosuchlist"], ["show", "ofac_sdn"], ["import", "ofac_sdn", "/no/such/file"]):
        with pytest.raises(SystemExit) as exit_info:
            import sys

            old = sys.argv
            sys.argv = ["tracker", *argv]
            try:
                main()
            finally:
                sys.argv = old
        assert exit_info.value.code == 2


@pytest.mark.slow
def test_real_2024_xml_end_to_end_from_a_local_server(cli, tmp_path: Path):
    body = gzip.decompress(real_file("ofac/2024-05-07/sdn.xml.gz").read_bytes())
    state = ServerState(files={"/sdn.xml": ServedFile(body)})
    with serve(state) as base:
        result, row = sync_json(cli, f"{base}/sdn.xml")
        assert result.exit_code == 0, result.output
        assert (row["entries"], row["added"], row["published_at"][:10]) == (14966, 14966, "2024-05-07")
        assert sync_json(cli, f"{base}/sdn.xml")[1]["status"] == "unchanged"
    shown = json.loads(cli("show", "ofac_sdn:29366", "--json").stdout)
    assert shown["name"] == "DERKACH, Andrii Leonidovych" and shown["listed"]


def test_one_failing_list_never_stops_the_others(cli, monkeypatch):
    state = ServerState(files={"/sdn.xml": ServedFile(sdn_xml(8))})
    with serve(state) as base:
        urls = {"ofac_sdn": f"{base}/sdn.xml", "un_sc": f"{base}/missing.xml"}  # the UN one answers 404
        monkeypatch.setenv("TRACKER_SOURCE_URLS", json.dumps(urls))
        result = cli("sync", "un_sc", "ofac_sdn", "--json")
    rows = {row["source"]: row for row in json.loads(result.stdout)}
    assert result.exit_code == 1
    assert rows["un_sc"]["status"] == "failed" and "404" in rows["un_sc"]["reason"]
    assert rows["ofac_sdn"]["status"] == "accepted" and rows["ofac_sdn"]["entries"] == 8
