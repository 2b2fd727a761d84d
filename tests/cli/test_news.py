"""`tracker news scan`, `mentions`, `news feeds`, `watch` through the CLI, and alert delivery."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from tests.toysource import apply_list, write_list
from tracker.cli import build_app
from tracker.news.alerts import add_watch, check_alerts
from tracker.settings import Settings
from tracker.store.tables import ALERT

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "news"
ROWS = {
    "29366": ("DERKACH, Andrii Leonidovych", "ELECTION-EO13848"),
    "29702": ("LIFSHITS, Artem Mikhaylovich", "CYBER2"),
}


def load_toy(
    engine: Engine,
    settings: Settings,
    folder: Path,
    date: str,
    rows: dict[str, tuple[str, str]],
    force: bool = False,
) -> None:
    path = write_list(folder, f"toy-{date}.txt", date, rows)
    apply_list(engine, settings, path, date, force=force)


@pytest.fixture
def runner(settings: Settings, engine: Engine, tmp_path: Path) -> CliRunner:
    load_toy(engine, settings, tmp_path, "2020-09-10", ROWS)
    return CliRunner(
        env={
            "TRACKER_DATA_DIR": str(settings.data_dir),
            "TRACKER_DATABASE_URL": settings.resolved_database_url,
        }
    )


def invoke(runner: CliRunner, *args: str, input: str | None = None) -> tuple[int, str]:
    result = runner.invoke(build_app(), list(args), input=input)
    return result.exit_code, result.stdout


def test_scan_file_json(runner: CliRunner) -> None:
    code, out = invoke(
        runner, "news", "scan", "--file", str(FIXTURES / "ru-derkach-2020-09-11.txt"), "--json"
    )
    assert code == 0, out
    mentions = json.loads(out)
    first = mentions[0]
    assert {
        k: first[k] for k in ("source", "source_id", "name", "matched_text", "listed_at_article_date")
    } == {
        "source": "toy",
        "source_id": "29366",
        "name": "DERKACH, Andrii Leonidovych",
        "matched_text": "Андрея Деркача",
        "listed_at_article_date": True,
    }
    assert first["article"].endswith("ru-derkach-2020-09-11.txt")
    assert {"start", "end", "sentence", "score", "explanation"} <= set(first)
    assert {m["source_id"] for m in mentions} == {"29366", "29702"}


def test_scan_stdin_with_date_and_mentions_listing(runner: CliRunner) -> None:
    text = "Kyiv, 2018. Andrii Derkach's new party held a congress."
    code, out = invoke(runner, "news", "scan", "-", "--date", "2018-05-01", "--json", input=text)
    assert code == 0, out
    (mention,) = json.loads(out)
    assert mention["article"] == "-"
    assert mention["matched_text"] == "Andrii Derkach"
    assert mention["listed_at_article_date"] is None  # the toy list starts in 2020
    code, out = invoke(runner, "mentions", "Derkach", "--json")
    assert code == 0 and [m["source_id"] for m in json.loads(out)] == ["29366"]
    code, out = invoke(runner, "mentions", "toy:29702", "--json")
    assert code == 0 and json.loads(out) == []
    code, out = invoke(runner, "mentions", "--since", "2019-01-01", "--json")
    assert code == 0 and json.loads(out) == []
    code, out = invoke(runner, "mentions")
    assert code == 0 and "Andrii Derkach" in out


def test_scan_bad_inputs_exit_nonzero_with_one_line(runner: CliRunner, tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = runner.invoke(build_app(), ["news", "scan", "--file", str(binary)])
    assert result.exit_code == 1
    assert "photo.txt is a PNG image, not an article" in result.stderr
    result = runner.invoke(build_app(), ["news", "scan"])
    assert result.exit_code != 0
    # trial 2: "connection failed: Request URL is missing an 'http://' or 'https://' protocol"
    result = runner.invoke(build_app(), ["news", "scan", "--url", "file:///etc/passwd"])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: 'file:///etc/passwd' is not an http(s) URL (a file on this machine: --file PATH)\n"
    )
    # trial 4: a feed is no article: --file scanned its markup, so it is not what --feed points to
    result = runner.invoke(build_app(), ["news", "scan", "--feed", "file:///tmp/feed.xml"])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: 'file:///tmp/feed.xml' is not an http(s) URL (a feed file on this machine: serve its "
        "folder, e.g. `python3 -m http.server --bind 127.0.0.1`, and give its http:// URL)\n"
    )


def test_feeds_add_list_and_no_persons(runner: CliRunner) -> None:
    code, out = invoke(runner, "news", "feeds", "add", "https://news.example.org/rss")
    assert code == 0 and "added" in out
    code, out = invoke(runner, "news", "feeds", "add", "https://news.example.org/rss")
    assert "already registered" in out
    code, out = invoke(runner, "news", "feeds", "list", "--json")
    assert [f["url"] for f in json.loads(out)] == ["https://news.example.org/rss"]
    code, out = invoke(runner, "news", "scan", "--file", str(FIXTURES / "no-persons.txt"), "--json")
    assert code == 0 and json.loads(out) == []


def test_watch_commands(runner: CliRunner) -> None:
    assert invoke(runner, "watch", "add", "Derkach")[0] == 0
    assert invoke(runner, "watch", "add", "toy:29702")[0] == 0
    code, out = invoke(runner, "watch", "list", "--json")
    assert [(w["watch"], w["source"]) for w in json.loads(out)] == [("Derkach", None), ("toy:29702", "toy")]
    assert invoke(runner, "watch", "remove", "Derkach")[0] == 0
    result = runner.invoke(build_app(), ["watch", "remove", "Nobody"])
    assert result.exit_code != 0


def test_alerts_once_for_mentions_and_list_changes(
    engine: Engine, settings: Settings, tmp_path: Path, runner: CliRunner
) -> None:
    add_watch(engine, "Lifshits", ["toy"])
    add_watch(engine, "toy:29366", ["toy"])
    posted: list[dict[str, object]] = []
    failing = {"on": True}

    def webhook(request: httpx.Request) -> httpx.Response:
        if failing["on"]:
            return httpx.Response(500)
        posted.append(json.loads(request.content))
        return httpx.Response(204)

    client = httpx.Client(transport=httpx.MockTransport(webhook))
    code, _ = invoke(runner, "news", "scan", "--file", str(FIXTURES / "article.html"))
    assert code == 0
    code, _ = invoke(runner, "news", "scan", "--file", str(FIXTURES / "ru-derkach-2020-09-11.txt"))
    alerts = check_alerts(engine, webhook_url="https://hooks.example/x", client=client)
    # the scans above already created (and logged) the alerts; nothing new now
    assert alerts == []
    with engine.connect() as conn:
        stored = [r._asdict() for r in conn.execute(select(ALERT))]
    assert {a["kind"] for a in stored} == {"mention"}
    assert all(a["delivered_at"] is None and "HTTP 500" in a["last_error"] for a in stored)
    failing["on"] = False
    check_alerts(engine, webhook_url="https://hooks.example/x", client=client)
    assert len(posted) == len(stored)
    assert sorted((str(p["article"]).rsplit("/", 1)[1], p["source_id"]) for p in posted) == [
        ("article.html", "29366"),
        ("ru-derkach-2020-09-11.txt", "29366"),
        ("ru-derkach-2020-09-11.txt", "29702"),
    ]
    check_alerts(engine, webhook_url="https://hooks.example/x", client=client)
    assert len(posted) == len(stored)  # delivered once, never again
    # a list change of a watched entry
    load_toy(engine, settings, tmp_path, "2021-01-01", {"29702": ROWS["29702"]}, force=True)
    changes = check_alerts(engine, webhook_url="https://hooks.example/x", client=client)
    assert [(c["alert"], c["source_id"], c["change"]) for c in changes] == [("change", "29366", "REMOVED")]
    assert posted[-1]["change"] == "REMOVED"


def test_a_scan_counts_its_own_alerts_and_says_each_failure_once(
    engine: Engine, settings: Settings, tmp_path: Path, runner: CliRunner
) -> None:
    """The trial: an empty file's scan said "1 new alerts" (a list change, no article read) and
    printed "empty.txt is empty" twice (the log's last resort, then the command)."""
    add_watch(engine, "toy:29366", ["toy"])
    load_toy(engine, settings, tmp_path, "2021-01-01", {"29702": ROWS["29702"]}, force=True)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(build_app(), ["news", "scan", "--file", str(empty)])
    assert result.exit_code == 1  # an input that could not be read: a part failed
    assert result.stdout == "0 articles, 0 mentions, 0 new alerts\n"
    assert result.stderr.count("empty.txt is empty") == 1
    assert "1 new alert(s) on list changes" in result.stderr


def test_a_long_mention_line_goes_on_indented_within_80_columns(capsys):
    """The trial: "listed then" wrapped past column 80 and went on at column 0."""
    from tracker.cli.news import _print_mentions

    listing = {"source": "ofac_sdn", "source_id": "29366", "listed_at_article_date": True}
    other = {"source": "eu_fsf", "source_id": "EU.7.12", "listed_at_article_date": False}
    row = {
        "score": 0.97,
        "name": "DERKACH, Andrii Leonidovych",
        "matched_text": "Andrii Leonidovych Derkach",
        "start": 1234,
        "end": 1260,
        "listings": [listing, other],
        "article_date": "2020-09-11",
        "article": "seed-article.txt",
        "sentence": "Andrii Leonidovych Derkach said so.",
    }
    _print_mentions([row], with_article=True)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("  0.97  DERKACH, Andrii Leonidovych  as ")
    assert max(len(line) for line in lines) <= 80, lines
    assert "ofac_sdn listed then; eu_fsf not listed then" in " ".join(" ".join(lines).split())
    assert all(line.startswith("        ") for line in lines[1:]), lines


def test_a_scan_s_lines_go_on_indented_within_80_columns(runner: CliRunner, tmp_path: Path) -> None:
    """The trial: the article's title and "listed then" went past column 80 and on at column 0."""
    article = tmp_path / "long.txt"
    title = "Andrii Derkach announced his readiness for a dialogue with the United States on the elections"
    article.write_text(f"{title}\n\nKyiv, 11 September 2020. Andrii Leonidovych Derkach said so.\n")
    code, out = invoke(runner, "news", "scan", "--file", str(article))
    assert code == 0, out
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80, out
    body = lines[: lines.index(next(line for line in lines if " new alert" in line))]
    assert body[0].startswith("Andrii Derkach announced") and all(
        line.startswith("  ") for line in body[1:]
    ), out


def test_a_footer_of_a_list_cut_by_limit_groups_thousands() -> None:
    from tracker.cli.news import _counted, _shown

    assert _shown(1000, 12345, 1000) == "1,000 of 12,345 mentions (--limit 1,000; 0 shows all)"
    assert (_counted(1, "mention"), _counted(2345, "article")) == ("1 mention", "2,345 articles")


def test_a_feed_item_whose_article_answers_404_exits_1_and_the_others_are_scanned(
    runner: CliRunner,
) -> None:
    """trial: `news scan --feed` printed "error: ...: HTTP 404" and exited 0; the README says an
    article that cannot be read is exit 1, as `--url` on the same page is."""
    from tests.localserver import ServedFile, ServerState, serve

    article = (
        "<html><head><title>Treasury sanctions</title></head><body><article><h1>Treasury sanctions "
        "Ukrainian lawmaker</h1><p>On Thursday the US Treasury sanctioned Andrii Derkach, a member of "
        "the Ukrainian parliament, for interfering in the election.</p></article></body></html>"
    )
    state = ServerState()
    with serve(state) as base:
        items = "".join(
            f"<item><title>{title}</title><link>{base}/{page}</link>"
            "<pubDate>Fri, 11 Sep 2020 10:00:00 GMT</pubDate></item>"
            for title, page in (("Gone", "gone.html"), ("Treasury sanctions", "a1.html"))
        )
        feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
        state.files["/feed.xml"] = ServedFile(feed.encode(), "application/rss+xml")
        state.files["/a1.html"] = ServedFile(article.encode(), "text/html")
        result = runner.invoke(build_app(), ["news", "scan", "--feed", f"{base}/feed.xml"])
        by_url = runner.invoke(build_app(), ["news", "scan", "--url", f"{base}/gone.html"])
    assert result.exit_code == 1, result.stderr
    assert "gone.html" in result.stderr and "404" in result.stderr
    assert "Andrii Derkach" in result.stdout  # the readable item is still scanned and reported
    assert "1 article" in result.stdout
    assert by_url.exit_code == 1


def test_a_name_too_short_is_refused_in_the_words_of_its_command(runner: CliRunner) -> None:
    """Trial 4: `tracker mentions x` said "'x' is not a name to watch"; `watch add` still does."""
    result = runner.invoke(build_app(), ["mentions", "x"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "error: 'x' is not a name to find the mentions of: give at least two letters\n"
    result = runner.invoke(build_app(), ["mentions", " "])
    assert result.exit_code == 2
    assert result.stderr == "error: give a name or SOURCE:ID to find the mentions of\n"
    result = runner.invoke(build_app(), ["watch", "add", "x"])
    assert result.exit_code == 2
    assert result.stderr == "error: 'x' is not a name to watch: give at least two letters\n"
    assert runner.invoke(build_app(), ["mentions", "Andrii Derkach"]).exit_code == 0
