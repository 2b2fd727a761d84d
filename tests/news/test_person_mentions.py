"""One person, one mention (issue 14 item 3): a person on three lists is shown once with each listing
by `tracker mentions` (text and JSON), `news scan --json` and the mentions view; `news scan` shows a
person named twice in one article once, with both occurrences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from tracker.cli import build_app
from tracker.news.mentions import person_mentions, person_occurrences
from tracker.pipeline import scan_news
from tracker.settings import Settings
from tracker.views import mentions_view

# History only: the post-sync index refreshers are covered by tests/test_pipeline.py.
pytestmark = pytest.mark.usefixtures("no_index_refresh")


def _row(source: str, key: str, start: int, listed: bool | None, score: float = 0.9) -> dict[str, object]:
    return {
        "mention_id": hash((source, start)) % 1000,
        "article": "a",
        "article_id": 1,
        "source": source,
        "source_id": key,
        "name": f"NAME {source}",
        "matched_text": "Andrii Derkach",
        "matched_name": "x",
        "start": start,
        "end": start + 14,
        "score": score,
        "sentence": "Andrii Derkach said so.",
        "explanation": "full name",
        "listed_at_article_date": listed,
        "listed_basis": f"basis {source}",
    }


def test_rows_of_one_span_are_one_person_with_every_listing() -> None:
    rows = [_row("eu", "1", 0, False, 0.9), _row("ofac", "2", 0, True, 0.95), _row("eu", "1", 40, False)]
    first, second = person_mentions(rows)
    assert [(item["source"], item["source_id"]) for item in first["listings"]] == [("eu", "1"), ("ofac", "2")]
    assert (first["source"], first["score"], first["listed_at_article_date"]) == ("eu", 0.95, True)
    assert first["listings"][1]["listed_basis"] == "basis ofac"
    assert second["start"] == 40 and len(second["listings"]) == 1
    assert second["listed_at_article_date"] is False


def test_spans_of_one_person_in_one_article_are_one_person_with_every_occurrence() -> None:
    rows = [_row("eu", "1", 0, False, 0.9), _row("ofac", "2", 0, True), _row("eu", "1", 40, False, 0.81)]
    rows += [_row("ofac", "2", 40, True, 0.81), _row("ofac", "3", 60, True)]
    namesake = {**_row("eu", "1", 80, None, 0.5), "explanation": "possible namesake: a baker"}
    derkach, other, baker = person_occurrences(person_mentions([*rows, namesake]))
    assert [(o["start"], o["score"]) for o in derkach["occurrences"]] == [(0, 0.9), (40, 0.81)]
    assert derkach["score"] == 0.9 and len(derkach["listings"]) == 2
    assert [o["start"] for o in other["occurrences"]] == [60]  # another person
    assert [o["start"] for o in baker["occurrences"]] == [80]  # a possible namesake: someone else
    # another article: another mention of the same person
    elsewhere = {**_row("eu", "1", 0, False), "article_id": 2}
    assert len(person_occurrences(person_mentions([*rows[:2], elsewhere]))) == 2


@pytest.mark.parametrize(
    ("states", "combined"), [((False, None), None), ((False, False), False), ((None, True), True)]
)
def test_listed_then_is_true_when_any_list_listed_the_person(
    states: tuple[bool | None, bool | None], combined: bool | None
) -> None:
    (person,) = person_mentions([_row("a", "1", 0, states[0]), _row("b", "2", 0, states[1])])
    assert person["listed_at_article_date"] is combined


@pytest.fixture
def three_lists(
    engine: Engine, settings: Settings, tmp_path: Path, derkach_on_three_lists: tuple[tuple[str, str], ...]
) -> CliRunner:
    article = tmp_path / "a.txt"
    article.write_text("Kyiv, 11 September 2020. Andrii Derkach met the press; Derkach denied it.\n")
    done = scan_news(engine=engine, settings=settings, files=[article])
    assert [m["matched_text"] for m in done.mentions] == ["Andrii Derkach", "Derkach"]
    return CliRunner(
        env={
            "TRACKER_DATA_DIR": str(settings.data_dir),
            "TRACKER_DATABASE_URL": settings.resolved_database_url,
        }
    )


def test_mentions_json_is_one_object_per_person_mention(
    three_lists: CliRunner, derkach_on_three_lists: tuple[tuple[str, str], ...]
) -> None:
    result = three_lists.invoke(build_app(), ["mentions", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [m["matched_text"] for m in rows] == ["Andrii Derkach", "Derkach"]
    for m in rows:
        assert sorted((item["source"], item["source_id"]) for item in m["listings"]) == sorted(
            derkach_on_three_lists
        )
        assert all(set(item) >= {"listed_at_article_date", "listed_basis", "name"} for item in m["listings"])


def test_mentions_by_one_listing_keep_the_persons_other_listings(three_lists: CliRunner) -> None:
    result = three_lists.invoke(build_app(), ["mentions", "toy_uk:UKR0001", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 2 and all(len(m["listings"]) == 3 for m in rows)
    result = three_lists.invoke(build_app(), ["mentions", "--limit", "1", "--json"])
    assert len(json.loads(result.stdout)) == 1 and "1 of 2 mentions" in result.stderr


def test_mentions_text_names_the_person_once_with_each_listing(three_lists: CliRunner) -> None:
    result = three_lists.invoke(build_app(), ["mentions"])
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert out.count("DERKACH, Andrii Leonidovych") == 2  # two mentions, one line each
    assert out.count("listings: toy:29366, toy_eu:EU.1, toy_uk:UKR0001") == 2
    assert out.endswith("2 mentions")


def test_news_scan_text_names_a_person_once_per_article_with_every_occurrence(
    engine: Engine, settings: Settings, tmp_path: Path, derkach_on_three_lists: tuple[tuple[str, str], ...]
) -> None:
    article = tmp_path / "b.txt"
    article.write_text("Kyiv, 12 September 2020. Andrii Derkach met the press; Derkach denied it.\n")
    runner = CliRunner(
        env={
            "TRACKER_DATA_DIR": str(settings.data_dir),
            "TRACKER_DATABASE_URL": settings.resolved_database_url,
        }
    )
    result = runner.invoke(build_app(), ["news", "scan", "--file", str(article)])
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert out.count("DERKACH, Andrii Leonidovych") == 1
    assert "as 'Andrii Derkach' at 25-39, 'Derkach' at 55-62" in out
    assert out.count("Derkach denied it.") == 2  # the title, then the one sentence once
    assert out.endswith("1 article, 2 mentions, 0 new alerts")  # the spans, as --json gives them
    result = runner.invoke(build_app(), ["news", "scan", "--file", str(article), "--rescan", "--json"])
    assert [m["matched_text"] for m in json.loads(result.stdout)] == ["Andrii Derkach", "Derkach"]


def test_mentions_view_filters_by_name(engine: Engine, three_lists: CliRunner) -> None:
    with engine.connect() as conn:
        assert len(mentions_view(conn, "Derkach")) == 2
        assert mentions_view(conn, "Lifshits") == []


def test_news_shows_the_primary_latin_name_as_search_does(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    """Trial 1 item 17: news showed an EU entry's first name, a Cyrillic one or a language variant
    ("Vladimir Vladimirovitj PUTIN"), where search shows the Latin primary name."""
    import dataclasses

    from tests.toysource import CANON, write_entries
    from tracker.pipeline import import_path

    names = [
        {"full": "Мария Владимировна ЗАХАРОВА", "kind": "aka", "script": "Cyrl", "lang": "ru"},
        {"full": "Maria Vladimirovna ZAHAROVA", "kind": "aka", "lang": "sv"},
        {"full": "Maria Vladimirovna ZAKHAROVA", "kind": "aka"},
    ]
    entry = {"source_id": "EU.9", "entity_type": "individual", "names": names, "programs": ["P"]}
    path = write_entries(tmp_path, "toy_eu", "2020-09-10", [entry])
    import_path(dataclasses.replace(CANON, name="toy_eu"), path, engine=engine, settings=settings)
    article = tmp_path / "z.txt"
    article.write_text("Moscow, 1 March 2022. Maria Zakharova said so.\n")
    done = scan_news(engine=engine, settings=settings, files=[article])
    assert [m["name"] for m in done.mentions] == ["Maria Vladimirovna ZAKHAROVA"]
    with engine.connect() as conn:
        assert [m["name"] for m in mentions_view(conn)] == ["Maria Vladimirovna ZAKHAROVA"]
