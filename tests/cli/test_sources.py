"""`tracker sources --all`: the catalogue of every known source, and which ones a plain sync takes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tracker.cli import build_app
from tracker.pipeline import sync_source
from tracker.results import SyncStatus
from tracker.sources.registry import catalogue, get_source, live_sources, source_names

# The official current lists published at a verified address (issue 16 item 4).
LIVE = ["ofac_sdn", "ofac_cons", "eu_fsf", "un_sc", "uk_fcdo", "ca_sema", "au_dfat", "us_csl"]


@pytest.fixture
def run(settings, db_url):
    runner = CliRunner()
    env = {"TRACKER_DATA_DIR": str(settings.data_dir), "TRACKER_DATABASE_URL": db_url}
    return lambda *args: runner.invoke(build_app(), list(args), env=env)


def test_live_sources_are_the_official_current_lists():
    assert [spec.name for spec in live_sources()] == LIVE
    for spec in live_sources():
        assert spec.default_url and spec.default_url.startswith("https://"), spec.name
    # OpenSanctions datasets are synced only when named
    assert not any(spec.live for spec in map(get_source, source_names()) if spec.name.startswith("os_"))


def test_every_source_says_where_it_comes_from():
    rows = catalogue()
    assert [r["source"] for r in rows] == source_names()
    for row in rows:
        assert row["publisher"] and row["format"] and row["licence"] and row["title"], row["source"]
        assert bool(row["url"]) != bool(row["url_note"]), row["source"]  # a URL, or why there is none
    by_name = {r["source"]: r for r in rows}
    assert by_name["us_csl"]["url"] == (
        "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv"
    )
    assert by_name["us_bis_dpl"]["url"] is None and "bis.doc.gov" in str(by_name["us_bis_dpl"]["url_note"])


def test_sources_all_json_and_text(run):
    result = run("sources", "--all", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == catalogue()
    text = run("sources", "--all").stdout
    for name in source_names():
        assert f"{name}  (" in text
    long_lines = [line for line in text.splitlines() if len(line) > 80]
    assert long_lines and all(line.startswith("  url:       https://") for line in long_lines)
    assert "  url:       none: the official download address of dpl.txt" in text


def test_a_source_without_a_verified_url_asks_for_one(engine, settings):
    result = sync_source(get_source("us_bis_dpl"), engine=engine, settings=settings, refresh=False)
    assert result.status == SyncStatus.FAILED
    assert "--url" in result.reason and "bis.doc.gov" in result.reason and "\n" not in result.reason


def test_sources_keeps_each_name_whole_within_80_columns(run, tmp_path, monkeypatch):
    (tmp_path / "page.html").write_text("<html><body>Service unavailable</body></html>")
    monkeypatch.chdir(tmp_path)  # the reason names the path as given: a short one, never broken
    assert run("sync", "os_interpol_red_notices", "--url", "page.html").exit_code == 1
    result = run("sources")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines and max(len(line) for line in lines) <= 80, result.stdout
    rows: dict[str, list[str]] = {}  # the table's rows (the reasons below it start with a name too)
    for line in lines[1:]:
        if line and not line.startswith(" "):
            rows.setdefault(line.split()[0], line.split()[1:])
    assert set(source_names()) <= set(rows)  # every name whole, the longest (23 letters) too
    assert rows["os_interpol_red_notices"][-1] == "rejected"
    assert rows["uk_fcdo"][-2:] == ["never", "synced"]  # on one line (it wrapped at 80 columns)
    reason = " ".join(result.stdout[result.stdout.index("os_interpol_red_notices rejected:") :].split())
    assert reason == "os_interpol_red_notices rejected: page.html: got an HTML page, not the list", reason


@pytest.mark.parametrize("given", ["path", "file_url"])
def test_a_rejected_url_file_is_named_as_the_user_gave_it(run, tmp_path, given):
    """`sync --url FILE` with an HTML page: the line names FILE (as `tracker import` does), not the
    archived copy of it (20261130T...xml.gz), which the user never typed."""
    page = tmp_path / "page.html"
    page.write_text("<html><body>Service unavailable</body></html>")
    url = str(page) if given == "path" else page.as_uri()
    result = run("sync", "un_sc", "--url", url)
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        f"un_sc rejected: {url}: got an HTML page, not the UN consolidated list XML"
    ]
