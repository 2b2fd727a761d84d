"""`tracker search` and `tracker show` end to end: explained matches, history, mentions, bad queries."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from typer.testing import CliRunner

from tests.conftest import real_file
from tests.toysource import TOY, write_list
from tracker.cli import build_app
from tracker.pipeline import import_path
from tracker.sources.registry import get_source

ROWS = {
    "29366": ("DERKACH, Andrii Leonidovych", "ELECTION-EO13848"),
    "29702": ("LIFSHITS, Artem Mikhaylovich", "CYBER2"),
    "40001": ("SHEVCHENKO, Oleksandr", "UKRAINE-EO13660"),
}


@pytest.fixture
def cli(settings, engine, tmp_path):
    import_path(TOY, write_list(tmp_path, "toy", "2020-09-10", ROWS), engine=engine, settings=settings)
    runner = CliRunner(
        env={
            "TRACKER_DATA_DIR": str(settings.data_dir),
            "TRACKER_DATABASE_URL": settings.resolved_database_url,
        }
    )
    app = build_app()
    return lambda *args, input=None: runner.invoke(app, list(args), input=input)


def test_transliterated_query_finds_the_entry_with_reason_and_history(cli):
    result = cli("search", "Andrei Derkach", "--json")
    assert result.exit_code == 0, result.output
    (best, *_rest) = json.loads(result.stdout)
    assert (best["source"], best["source_id"], best["name"]) == (
        "toy",
        "29366",
        "DERKACH, Andrii Leonidovych",
    )
    assert best["score"] >= 0.8 and best["listed"] is True and best["first_seen"] == "2020-09-10"
    assert "DERKACH" in best["explanation"] or "Derkach" in best["explanation"]
    human = cli("search", "Андрій Деркач")
    assert human.exit_code == 0 and "29366" in human.stdout and "since 2020-09-10" in human.stdout


def test_a_shared_given_name_alone_is_not_a_match(cli):
    result = cli("search", "Andrii Shevchenko", "--json")
    assert [r["source_id"] for r in json.loads(result.stdout)] == []
    everything = json.loads(cli("search", "Andrii Shevchenko", "--threshold", "0", "--json").stdout)
    assert any(r["source_id"] == "29366" for r in everything)  # a candidate, but below the threshold


@pytest.mark.parametrize("query", ["", "x", "!!! ???", "a" * 10_000])
def test_malformed_queries_are_one_line_errors(cli, query):
    result = cli("search", query)
    assert result.exit_code != 0 or "no match" in result.stdout
    assert "Traceback" not in result.output


def test_batch_screening_gives_one_json_line_per_query(cli, tmp_path):
    names = tmp_path / "names.txt"
    names.write_text("Artyom Lifshitz\n\nWang Yi\n!!!\n", encoding="utf-8")
    result = cli("search", "--batch", str(names))
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["query"] for line in lines] == ["Artyom Lifshitz", "Wang Yi", "!!!"]
    assert lines[0]["results"][0]["source_id"] == "29702"
    assert lines[1]["results"] == [] and "error" in lines[2]


def test_as_of_searches_the_list_as_it_stood(cli, settings, engine, tmp_path):
    later = dict(ROWS)
    del later["29702"]
    import_path(
        TOY, write_list(tmp_path, "toy2", "2021-01-01", later), engine=engine, settings=settings, force=True
    )
    now = json.loads(cli("search", "Artem Lifshits", "--json").stdout)
    then = json.loads(cli("search", "Artem Lifshits", "--as-of", "2020-12-31", "--json").stdout)
    assert now == [] and then[0]["source_id"] == "29702" and then[0]["listed"] is True
    bad = cli("search", "Artem Lifshits", "--as-of", "31/12/2020")
    assert bad.exit_code != 0 and "YYYY-MM-DD" in str(bad.exception)  # main() prints it on one line


@pytest.mark.slow
def test_show_and_search_list_news_mentions_of_the_seed_article(cli, settings, engine):
    spec = get_source("ofac_sdn")
    # the 2021-01-14 CSV holds the 2020-09-10 designations; dated the day of designation
    import_path(
        spec,
        real_file("ofac/2021-01-14/sdn.csv.gz"),
        engine=engine,
        settings=settings,
        published=datetime(2020, 9, 10),
    )
    scanned = cli("news", "scan", "--file", str(real_file("news/seed-article-2020-09-11.txt")), "--json")
    assert scanned.exit_code == 0, scanned.output
    shown = cli("show", "ofac_sdn:29366")
    assert shown.exit_code == 0 and "mentioned" in shown.stdout
    found = json.loads(cli("search", "Andrei Derkach", "--source", "ofac_sdn", "--json").stdout)
    assert found[0]["source_id"] == "29366" and found[0]["mentions"]
    assert "Derkach" in found[0]["mentions"][0]["sentence"]
