"""`tracker alerts` (list, acknowledge), `watch add/remove` checks, `news feeds remove`, and "N of M"
when `changes` / `mentions` are limited."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import cli_runner
from tests.toysource import TOY, write_list
from tracker.pipeline import import_path
from tracker.settings import Settings

ROWS = {
    "29366": ("DERKACH, Andrii Leonidovych", "ELECTION-EO13848"),
    "29702": ("LIFSHITS, Artem Mikhaylovich", "CYBER2"),
    "40001": ("SHEVCHENKO, Oleksandr", "UKRAINE-EO13660"),
}


@pytest.fixture
def cli(settings: Settings, engine, tmp_path: Path):
    import_path(TOY, write_list(tmp_path, "a", "2020-09-10", ROWS), engine=engine, settings=settings)
    return cli_runner(settings)


def test_alerts_are_listed_until_acknowledged(cli, engine, settings, tmp_path):
    assert cli("watch", "add", "Lifshits").exit_code == 0
    assert cli("watch", "add", "toy:29366").exit_code == 0
    import_path(
        TOY,
        write_list(tmp_path, "b", "2021-01-01", {"40001": ROWS["40001"]}),
        engine=engine,
        settings=settings,
        force=True,
    )
    listed = cli("alerts", "--json")
    assert listed.exit_code == 0, listed.output
    alerts = json.loads(listed.stdout)
    assert sorted((a["watch"], a["payload"]["source_id"]) for a in alerts) == [
        (["Lifshits"], "29702"),
        (["toy:29366"], "29366"),
    ]
    human = cli("alerts")
    assert (
        "watch 'Lifshits': LIFSHITS, Artem Mikhaylovich (toy:29702) removed on the list of 2021-01-01"
        in " ".join(human.stdout.split())
    )
    first = alerts[0]["id"]
    acked = cli("alerts", "ack", str(first))
    assert acked.exit_code == 0 and "acknowledged 1 alert(s)" in acked.stdout
    assert [a["id"] for a in json.loads(cli("alerts", "--json").stdout)] == [alerts[1]["id"]]
    everything = json.loads(cli("alerts", "--all", "--json").stdout)
    assert [a["acknowledged_at"] is not None for a in everything] == [True, False]
    again = cli("alerts", "ack", str(first))
    assert again.exit_code == 2 and f"no unacknowledged alert {first}" in again.stderr
    neither = cli("alerts", "ack")
    assert neither.exit_code == 2 and "give alert IDs or --all" in neither.stderr
    assert cli("alerts", "ack", "--all").exit_code == 0
    assert "no new alerts" in cli("alerts").stdout
    limited = cli("alerts", "--all", "--limit", "1")
    assert "1 of 2 alerts (--limit 1; 0 shows all)" in limited.stdout


def test_an_article_from_stdin_is_named_standard_input(cli):
    """The trial: "mentioned ... in -"."""
    assert cli("watch", "add", "toy:29366").exit_code == 0
    text = "Kyiv, 2021. Andrii Derkach's new party held a congress."
    assert cli("news", "scan", "-", "--date", "2021-05-01", input=text).exit_code == 0
    (alert,) = json.loads(cli("alerts", "--json").stdout)
    assert alert["message"].endswith("mentioned as 'Andrii Derkach' in standard input"), alert["message"]
    shown = cli("show", "toy:29366")
    assert shown.exit_code == 0 and "mentioned 2021-05-01 in standard input:" in shown.stdout, shown.output


def test_watch_add_checks_the_key_and_remove_ignores_case(cli):
    missing = cli("watch", "add", "toy:99999")
    assert missing.exit_code == 2 and "toy:99999 is not in the store" in missing.stderr
    assert cli("watch", "add", "Derkach").exit_code == 0
    removed = cli("watch", "remove", "DERKACH")
    assert removed.exit_code == 0 and "no longer watching 'Derkach'" in removed.stdout
    assert json.loads(cli("watch", "list", "--json").stdout) == []


def test_feeds_remove(cli):
    assert cli("news", "feeds", "add", "https://news.example.org/rss").exit_code == 0
    assert cli("news", "feeds", "add", "https://news.example.org/other").exit_code == 0
    removed = cli("news", "feeds", "remove", "https://news.example.org/rss")
    assert removed.exit_code == 0 and "removed feed https://news.example.org/rss" in removed.stdout
    (left,) = json.loads(cli("news", "feeds", "list", "--json").stdout)
    assert cli("news", "feeds", "remove", str(left["id"])).exit_code == 0
    unknown = cli("news", "feeds", "remove", "https://nope.example/")
    assert unknown.exit_code == 2 and "is not a registered feed" in unknown.stderr


def test_limited_listings_say_n_of_m(cli, tmp_path):
    changes = cli("changes", "--limit", "2")
    assert changes.exit_code == 0 and "2 of 3 changes (--limit 2; 0 shows all)" in changes.stdout
    assert "of 3" not in cli("changes", "--limit", "0").stdout
    today = datetime.now(UTC).date().isoformat()
    none = cli("changes", "--since", today)
    assert none.exit_code == 0 and none.stdout == "" and "no changes recorded" in none.stderr
    # a day after today: nothing can be logged yet, and an empty answer would read as "no changes"
    for command in ("changes", "mentions"):
        future = cli(command, "--since", "2099-01-01")
        assert future.exit_code == 2 and future.stdout == ""
        assert "--since 2099-01-01 is in the future" in future.stderr
    as_json = cli("changes", "--limit", "1", "--json")
    assert len(json.loads(as_json.stdout)) == 1 and "1 of 3 changes" in as_json.stderr
    article = tmp_path / "a.txt"
    article.write_text("Kyiv, 2021. Andrii Derkach and Artem Lifshits met Oleksandr Shevchenko.\n")
    assert cli("news", "scan", "--file", str(article)).exit_code == 0
    mentions = cli("mentions", "--limit", "1")
    assert mentions.exit_code == 0 and "1 of 3 mentions (--limit 1; 0 shows all)" in mentions.stdout
    bad = cli("changes", "--limit", "-1")
    assert bad.exit_code == 2 and len(bad.stderr.splitlines()) == 1
