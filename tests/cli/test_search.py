"""`tracker search` and `tracker show` end to end: explained matches with the facts that tell namesakes
apart, the lists checked against, exit codes for "no data", bad queries, mentions."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import cli_runner, real_file, stderr_messages
from tests.toysource import CANON, TOY, write_entries, write_list
from tracker.cli import build_app
from tracker.pipeline import import_path
from tracker.screening.screen import lists_checked
from tracker.sources.registry import get_source

ROWS = {
    "29366": ("DERKACH, Andrii Leonidovych", "ELECTION-EO13848"),
    "29702": ("LIFSHITS, Artem Mikhaylovich", "CYBER2"),
    "40001": ("SHEVCHENKO, Oleksandr", "UKRAINE-EO13660"),
}
TODAY = datetime.utcnow().date()


@pytest.fixture
def cli(settings, engine, tmp_path):
    """A toy list of 2020 in the store; the age check is off (TRACKER_MAX_LIST_AGE_DAYS=0)."""
    import_path(TOY, write_list(tmp_path, "toy", "2020-09-10", ROWS), engine=engine, settings=settings)
    return cli_runner(settings, TRACKER_MAX_LIST_AGE_DAYS="0")


def test_transliterated_query_finds_the_entry_with_reason_and_the_list_checked(cli):
    result = cli("search", "Andrei Derkach", "--json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert (answer["query"], answer["status"], answer["hits"]) == ("Andrei Derkach", "match", 1)
    (checked,) = answer["checked_against"]
    assert (checked["source"], checked["date"], checked["stale"]) == ("toy", "2020-09-10", False)
    (best,) = answer["results"]
    assert (best["source"], best["source_id"], best["name"]) == (
        "toy",
        "29366",
        "DERKACH, Andrii Leonidovych",
    )
    assert best["score"] >= 0.8 and best["listed"] is True and best["first_seen"] == "2020-09-10"
    # the toy list gives no designation date: the date is the earliest stored snapshot, and says so
    assert best["designated"] is None
    assert best["since"] == "first seen 2020-09-10 (first stored snapshot with it)"
    assert best["snapshot"] == {"source": "toy", "snapshot_id": checked["snapshot_id"], "date": "2020-09-10"}
    assert best["weak_alias"] is False
    assert "DERKACH" in best["explanation"] or "Derkach" in best["explanation"]
    human = cli("search", "Андрій Деркач")
    assert human.exit_code == 0 and "toy:29366" in human.stdout
    assert "first seen 2020-09-10 (first stored snapshot with it)" in human.stdout
    assert "checked against: toy 2020-09-10" in human.stdout


def test_a_query_with_terminal_colours_is_searched_without_them(cli):
    """The trial: `tracker search $'Andrei\\x1b[31mDerkach'` found nothing."""
    result = cli("search", "Andrei\x1b[31mDerkach\x1b[0m", "--json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert (answer["status"], [r["source_id"] for r in answer["results"]]) == ("match", ["29366"])
    shown = cli("show", "Andrii\x1b[1mDerkach")
    assert shown.exit_code == 0 and "toy:29366" in shown.stdout, shown.output


@pytest.mark.parametrize("command", ["history", "show"])
def test_an_unknown_source_in_source_id_is_named_not_searched_as_a_name(cli, command):
    result = cli(command, "nosuch:1")
    assert result.exit_code == 2, result.output
    assert (
        result.stderr.startswith("error: unknown source 'nosuch' (known: ") and result.stderr.count("\n") == 1
    )
    named = cli(command, "Derkach: Andrii")  # a name with a colon is still a name
    assert named.exit_code == 0 and "toy:29366" in named.stdout, named.output


def test_no_match_still_names_the_lists_checked(cli):
    result = cli("search", "Nobody Inparticular")
    assert result.exit_code == 0
    assert "no match at or above 0.80" in result.stdout and "checked against: toy 2020-09-10" in result.stdout
    answer = json.loads(cli("search", "Nobody Inparticular", "--json").stdout)
    assert answer["status"] == "no_match" and answer["results"] == [] and answer["checked_against"]


def test_a_shared_given_name_alone_is_not_a_match(cli):
    result = cli("search", "Andrii Shevchenko", "--json")
    assert json.loads(result.stdout)["results"] == []
    everything = json.loads(cli("search", "Andrii Shevchenko", "--threshold", "0", "--json").stdout)
    assert any(r["source_id"] == "29366" for r in everything["results"])  # a candidate, below the threshold


@pytest.mark.parametrize("query", ["", "x", "!!! ???", "a" * 10_000])
def test_malformed_queries_are_one_line_errors(cli, query):
    result = cli("search", query)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("error: ") and len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--limit", "-1"], "--limit"),
        (["--limit", "0"], "--limit"),
        (["--threshold", "2"], "--threshold"),
        (["--dob", "last year"], "date of birth"),
        (["--dob", "1952-13-45"], "date of birth '1952-13-45' is not a calendar date"),
        (["--dob", "03/04/1967"], "date of birth '03/04/1967' reads as day/month or month/day"),
        (["--type", "ship"], "unknown entity type"),
        (["--source", "nope"], "unknown source 'nope'"),
        (["--output-format", "xml", "--batch", "-"], "--output-format"),
    ],
)
def test_bad_options_are_one_line_errors(cli, args, message):
    result = cli("search", "Andrii Derkach", *args) if "--batch" not in args else cli("search", *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_date_in_a_single_query_follows_the_batch_rule(cli):
    """Read whole, "Andrii Derkach 1967-08-19" matched nothing (exit 0, no match); it was then
    refused while a batch line took the date out: one rule now (tracker.dates.take_dates)."""
    result = cli("search", "Andrii Derkach 1967-08-19", "--json")
    assert result.exit_code in (0, 4), result.stderr
    body = json.loads(result.stdout)
    assert (body["query"], body["dob"]) == ("Andrii Derkach", "1967-08-19")
    assert body["results"] and "warning: the name holds" not in result.stderr
    unclear = cli("search", "Andrii Derkach 03/04/1967", "--dob", "1967-08-19")
    assert unclear.exit_code in (0, 4)
    assert (
        "warning: the name holds 1 date (03/04/1967 day/month unclear): screened as 'Andrii Derkach' "
        "with its dob 1967-08-19"
    ) in " ".join(unclear.stderr.split())
    only = cli("search", "b. 19.08.1967")
    assert only.exit_code == 2 and only.stdout == ""
    assert only.stderr == "error: no name to screen, only a date (1967-08-19)\n"
    assert cli("search", "Club 1860").exit_code in (0, 4)  # a year alone is part of a name


def test_a_date_of_birth_written_another_common_way_is_read(cli):
    """The trial: --dob 1967/08/19 was refused as not YYYY-MM-DD; the answer echoes it as read."""
    for written in ("1967/08/19", "19.08.1967", "19 Aug 1967"):
        result = cli("search", "Andrii Derkach", "--dob", written, "--json")
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["dob"] == "1967-08-19"


def test_as_of_searches_the_list_as_it_stood(cli, settings, engine, tmp_path):
    later = dict(ROWS)
    del later["29702"]
    import_path(
        TOY, write_list(tmp_path, "toy2", "2021-01-01", later), engine=engine, settings=settings, force=True
    )
    now = json.loads(cli("search", "Artem Lifshits", "--json").stdout)
    then = json.loads(cli("search", "Artem Lifshits", "--as-of", "2020-12-31", "--json").stdout)
    assert now["results"] == [] and now["checked_against"][0]["date"] == "2021-01-01"
    assert then["results"][0]["source_id"] == "29702" and then["results"][0]["listed"] is True
    assert then["checked_against"][0]["date"] == "2020-09-10" and then["as_of"] == "2020-12-31"
    bad = cli("search", "Artem Lifshits", "--as-of", "31/12/2020")
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.stderr
    before = cli("search", "Artem Lifshits", "--as-of", "2019-01-01")
    assert before.exit_code == 4 and "no list stored as of 2019-01-01" in before.stderr


# --- exit codes: no data, stale lists, --fail-on-hit ---------------------------------------------------


def test_an_empty_store_is_no_data_not_an_all_clear(settings, engine):
    cli = cli_runner(settings)
    result = cli("search", "Andrii Derkach")
    assert result.exit_code == 4 and result.stdout == ""
    assert "no list stored: nothing to screen against" in result.stderr
    batch = cli("search", "--batch", "-", input="Andrii Derkach\n")
    assert batch.exit_code == 4 and batch.stdout == ""
    bad_dob = cli("search", "Andrii Derkach", "--dob", "1967-02-30")
    assert bad_dob.exit_code == 2 and bad_dob.stderr == (
        "error: date of birth '1967-02-30' is not a calendar date\n"
    )


def test_stale_lists_exit_4_and_say_which(settings, engine, tmp_path):
    import_path(TOY, write_list(tmp_path, "toy", "2020-09-10", ROWS), engine=engine, settings=settings)
    cli = cli_runner(settings)  # the default limit: 7 days
    result = cli("search", "Andrii Derkach")
    assert result.exit_code == 4
    assert "toy:29366" in result.stdout  # the answer is still given
    assert "(stale:" in result.stdout
    (line,) = stderr_messages(result.stderr, "warning")  # wrapped to 80 columns: warnings are no errors
    assert "toy: list of 2020-09-10, last confirmed current" in line and "run `tracker sync toy`" in line
    answer = json.loads(cli("search", "Andrii Derkach", "--json").stdout)
    assert answer["checked_against"][0]["stale"] is True and answer["checked_against"][0]["age_days"] > 7
    # the same warnings as the API's /search answer
    assert len(answer["warnings"]) == 1 and "last confirmed current" in answer["warnings"][0]
    fresh = json.loads(cli("search", "Andrii Derkach", "--json", "--max-age", "0").stdout)
    assert "warnings" not in fresh
    assert cli("search", "Andrii Derkach", "--max-age", "0").exit_code == 0
    assert cli("search", "Andrii Derkach", "--max-age", "100000").exit_code == 0
    # a past state is asked for on purpose: never stale
    assert cli("search", "Andrii Derkach", "--as-of", "2020-12-31").exit_code == 0


def test_a_current_list_runs_clean_and_fail_on_hit_flags_a_match(settings, engine, tmp_path):
    path = write_list(tmp_path, "toy", TODAY.isoformat(), ROWS)
    import_path(TOY, path, engine=engine, settings=settings)
    cli = cli_runner(settings)
    assert cli("search", "Andrii Derkach").exit_code == 0
    assert cli("search", "Andrii Derkach", "--fail-on-hit").exit_code == 1
    assert cli("search", "Nobody Inparticular", "--fail-on-hit").exit_code == 0
    batch = cli("search", "--batch", "-", "--fail-on-hit", input="Nobody Inparticular\nArtem Lifshits\n")
    assert batch.exit_code == 1 and len(batch.stdout.splitlines()) == 2


def test_as_of_before_a_list_s_first_snapshot_names_it_not_checked_and_exits_4(settings, engine, tmp_path):
    """trial: --as-of 2020-01-01 answered "no match ... checked against: us_bis_dpl" and exit 0,
    silently leaving out the lists first stored later: a false all clear for them."""
    import_path(TOY, write_list(tmp_path, "toy", "2019-06-29", ROWS), engine=engine, settings=settings)
    path = write_entries(tmp_path, "canon", "2022-03-01", [PESKOV_EU])
    import_path(CANON, path, engine=engine, settings=settings)
    cli = cli_runner(settings, TRACKER_MAX_LIST_AGE_DAYS="0")
    result = cli("search", "Dmitry Peskov", "--as-of", "2020-01-01")
    assert result.exit_code == 4
    assert "no match" in result.stdout and "not checked: canon" in result.stdout
    (line,) = stderr_messages(result.stderr, "warning")
    assert line == "warning: not checked (no list by 2020-01-01): canon"
    assert all(len(text) <= 80 for text in result.stderr.splitlines())
    answer = json.loads(cli("search", "Dmitry Peskov", "--as-of", "2020-01-01", "--json").stdout)
    assert [c["source"] for c in answer["checked_against"]] == ["toy"]
    assert answer["not_checked"] == ["canon"] and answer["status"] == "no_match"
    assert answer["warnings"] == ["not checked (no list by 2020-01-01): canon"]
    batch = cli("search", "--batch", "-", "--as-of", "2020-01-01", input="Dmitry Peskov\n")
    assert batch.exit_code == 4 and json.loads(batch.stdout)["not_checked"] == ["canon"]
    as_csv = cli("search", "--batch", "-", "--as-of", "2020-01-01", "--output-format", "csv", input="X Y\n")
    assert "toy 2019-06-29; canon (not checked)" in as_csv.stdout
    # every list held a snapshot then, or only the lists asked for: a clean answer, exit 0
    later = json.loads(cli("search", "Dmitry Peskov", "--as-of", "2022-03-02", "--json").stdout)
    assert "not_checked" not in later and "warnings" not in later and later["status"] == "match"
    assert cli("search", "Dmitry Peskov", "--as-of", "2022-03-02").exit_code == 0
    only_toy = lists_checked(
        engine, sources=["toy"], as_of=datetime(2020, 1, 1), max_age_days=0, now=datetime(2026, 1, 1)
    )
    assert only_toy.not_checked == () and not only_toy.incomplete
    names = ("eu_fsf", "ofac_cons", "ofac_sdn", "uk_fcdo", "uk_ofsi", "un_sc")
    many = replace(only_toy, not_checked=names)
    assert many.not_checked_warning(71) == (
        "not checked (no list by 2020-01-01): eu_fsf, ofac_cons and 4 more"
    )
    assert many.warnings == ["not checked (no list by 2020-01-01): " + ", ".join(names)]
    assert cli("search", "Dmitry Peskov").exit_code == 0  # no --as-of: every list's newest


def test_only_the_sources_asked_for_count(settings, engine, tmp_path):
    import_path(TOY, write_list(tmp_path, "toy", TODAY.isoformat(), ROWS), engine=engine, settings=settings)
    cli = cli_runner(settings)
    result = cli("search", "Andrii Derkach", "--source", "ofac_sdn")
    assert result.exit_code == 4 and "no list from ofac_sdn stored" in result.stderr


# --- what tells namesakes apart -------------------------------------------------------------------------

PESKOV_EU = {
    "source_id": "136072",
    "entity_type": "individual",
    "names": [
        {"full": "Дмитрий Сергеевич ПЕСКОВ", "kind": "primary", "script": "Cyrl"},
        {"full": "Dmitrij Sergejevitj PESKOV", "kind": "aka", "lang": "sv", "script": "Latn"},
        {"full": "Dmitry Sergeyevich PESKOV", "kind": "aka", "script": "Latn"},
    ],
    "birth_dates": ["1967-10-17"],
    "nationalities": ["Russia"],
    "programs": ["UKR"],
    "listed_on": "2022-02-28",
}
PESKOV_NAMESAKE = {
    "source_id": "900",
    "entity_type": "individual",
    "names": [
        {"full": "PESKOV, Dmitry Nikolayevich", "kind": "primary"},
        {"full": "Dima PESKOV", "kind": "weak_aka"},
    ],
    "birth_dates": ["1980-01-02"],
    "nationalities": ["Belarus"],
    "programs": ["BELARUS"],
}


@pytest.fixture
def namesakes(settings, engine, tmp_path):
    path = write_entries(tmp_path, "canon", TODAY.isoformat(), [PESKOV_EU, PESKOV_NAMESAKE])
    import_path(CANON, path, engine=engine, settings=settings)
    return cli_runner(settings)


def test_each_result_shows_what_tells_namesakes_apart(namesakes):
    answer = json.loads(namesakes("search", "Dmitry Peskov", "--json").stdout)
    rows = {r["source_id"]: r for r in answer["results"]}
    assert set(rows) == {"136072", "900"}
    eu, other = rows["136072"], rows["900"]
    # the display name is the list's Latin name, unmarked (English) before the Swedish one
    assert eu["name"] == "Dmitry Sergeyevich PESKOV" and other["name"] == "PESKOV, Dmitry Nikolayevich"
    assert (eu["birth_dates"], eu["nationalities"], eu["programs"]) == (["1967-10-17"], ["Russia"], ["UKR"])
    assert (other["birth_dates"], other["nationalities"]) == (["1980-01-02"], ["Belarus"])
    assert eu["designated"] == "2022-02-28" and eu["since"] == "designated 2022-02-28"
    assert other["since"] == f"first seen {TODAY.isoformat()} (first stored snapshot with it)"
    assert eu["snapshot"]["source"] == "canon" and eu["snapshot"]["date"] == TODAY.isoformat()
    weak = json.loads(namesakes("search", "Dima Peskov", "--json").stdout)["results"]
    assert [(r["source_id"], r["matched_name"], r["weak_alias"]) for r in weak][:1] == [
        ("900", "Dima PESKOV", True)
    ]
    human = namesakes("search", "Dmitry Peskov")
    text = human.stdout
    assert human.exit_code == 0, human.output
    for fact in ("born 1967-10-17", "nationality Russia", "programmes UKR", "designated 2022-02-28"):
        assert fact in text
    assert "born 1980-01-02" in text and "nationality Belarus" in text
    assert f"checked: canon list of {TODAY.isoformat()}" in text
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "(weak alias)" in namesakes("search", "Dima Peskov").stdout


def test_show_says_designated_or_first_seen_never_one_word_for_both(namesakes):
    shown = namesakes("show", "canon:136072")
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.splitlines()[0].startswith("Dmitry Sergeyevich PESKOV  canon:136072")
    assert "designated 2022-02-28" in shown.stdout and "listed on" not in shown.stdout
    other = namesakes("show", "canon:900")
    assert f"first seen {TODAY.isoformat()} (first stored snapshot with it)" in other.stdout
    assert "designated" not in other.stdout
    as_json = json.loads(namesakes("show", "canon:900", "--json").stdout)
    assert as_json["designated"] is None and as_json["since"].startswith("first seen")


def test_show_prints_every_name_identifier_and_address_of_a_uk_entry(settings, engine):
    """trial: show uk_ofsi:16643 printed its name and programmes only: not its second primary name
    (its own script), its identifiers, its address."""
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "uk" / "ConList.xlsx"
    import_path(get_source("uk_ofsi"), fixture, engine=engine, settings=settings)
    cli = cli_runner(settings)
    shown = cli("show", "uk_ofsi:95001")
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    for line in (
        "  names: Anna Ivanovna TESTOVA; Анна Ивановна ТЕСТОВА (ru)",
        "  aliases: Ana TESTOVA; TESTY (weak alias)",
        "  born: 1962-10-07",
        "  id: Passport 700000001 (Russia)",
        "  id: Passport 700000002 (Russia, diplomatic)",
        "  address: Russia",
        "  uk sanctions list ref: RUS9901",
    ):
        assert line in lines
    assert all(len(line) <= 80 for line in lines)
    vessel = cli("show", "uk_ofsi:95002").stdout.splitlines()
    assert "  id: IMO 9000002" in vessel and "  vessel flag: Gabon" in vessel
    assert not any(line.startswith("  names:") for line in vessel)  # one primary: the header's


def test_show_prints_identifiers_and_addresses_whole_within_80_columns(settings, engine, tmp_path):
    entry = {
        **PESKOV_NAMESAKE,
        "names": [*PESKOV_NAMESAKE["names"], {"full": "Dmitri PESKOV", "kind": "fka"}],
        "identifiers": [
            {"type": "Passport", "number": "MP1234567", "country": "Belarus", "issued": "2015-03-01"}
        ],
        "addresses": [
            {
                "street": "Prospekt Nezavisimosti 1, Building 2, Office 345, Business Centre Test",
                "city": "Minsk",
                "country": "Belarus",
            }
        ],
    }
    import_path(
        CANON, write_entries(tmp_path, "canon", "2024-01-01", [entry]), engine=engine, settings=settings
    )
    lines = cli_runner(settings)("show", "canon:900").stdout.splitlines()
    assert "  aliases: Dima PESKOV (weak alias); Dmitri PESKOV (formerly)" in lines
    assert "  id: Passport MP1234567 (Belarus; issued 2015-03-01)" in lines
    assert "  address: Prospekt Nezavisimosti 1, Building 2, Office 345, Business Centre" in lines
    assert "    Test, Minsk, Belarus" in lines  # wrapped under its label, never cut
    assert all(len(line) <= 80 for line in lines)


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
    found = json.loads(cli("search", "Andrei Derkach", "--source", "ofac_sdn", "--json").stdout)["results"]
    assert found[0]["source_id"] == "29366" and found[0]["mentions"]
    assert "Derkach" in found[0]["mentions"][0]["sentence"]


def test_help_states_the_default_threshold():

    from tracker.matching import DEFAULT_THRESHOLD

    result = CliRunner().invoke(build_app(), ["search", "--help"], env={"COLUMNS": "200"})
    assert f"default {DEFAULT_THRESHOLD:.2f}, the evaluated threshold" in " ".join(result.output.split())


def test_a_wrapped_line_of_search_output_has_no_trailing_space(capsys) -> None:
    """The "read as a note" line wrapped with the space it broke at left on the line."""
    from tracker.cli.search import print_results
    from tracker.cli.term import console

    class Checked:
        def __getattr__(self, name: str) -> list[str]:
            return []

    width = console.width
    console.width = 80
    try:
        print_results([], "Andrii Derkach, MP for Konotop", 0.8, Checked())  # type: ignore[arg-type]
    finally:
        console.width = width
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:3] == [
        "searched for the name 'Andrii Derkach'; 'MP for Konotop' read as a note, not as",
        "name words",
    ]
