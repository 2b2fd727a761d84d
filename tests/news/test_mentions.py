"""Articles and mentions in the store; "listed on the article's date" from the list history."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from tests.conftest import real_file
from tests.toysource import TOY, apply_list, write_list
from tracker.news.extract import Extracted, extract, read_file
from tracker.news.inputs import ArticleDoc
from tracker.news.listings import load_scan_context
from tracker.news.mentions import ArticleResult, scan_documents
from tracker.pipeline import import_path
from tracker.records import EntityType, ListEntry, Name, ParsedList
from tracker.settings import Settings
from tracker.sources.base import SourceSpec
from tracker.sources.registry import get_source
from tracker.store.news import list_mentions, recent_mentions

# History only: the post-sync index refreshers are covered by tests/test_pipeline.py.
pytestmark = pytest.mark.usefixtures("no_index_refresh")

SEED = "news/seed-article-2020-09-11.txt"
DERKACH_GROUP = {"29366", "29702", "29703", "29745"}


def doc(text: str, location: str, date: str | None) -> ArticleDoc:
    when = datetime.fromisoformat(date) if date else None
    return ArticleDoc(location, Extracted(text, "t", when, "en"))


def scan(engine: Engine, *docs: ArticleDoc) -> list[ArticleResult]:
    with engine.connect() as conn:
        context = load_scan_context(conn)
    return scan_documents(engine, docs, context)


def seed_doc() -> ArticleDoc:
    path = real_file(SEED)
    return ArticleDoc(str(path), extract(read_file(path), label=path.name))


def import_ofac(engine: Engine, settings: Settings, relative: str, published: str | None) -> None:
    result = import_path(
        get_source("ofac_sdn"),
        real_file(relative),
        engine=engine,
        settings=settings,
        published=datetime.fromisoformat(published) if published else None,
    )
    assert result.status == "accepted", result.reason


@pytest.mark.slow
def test_seed_against_ofac_snapshots_around_the_designation(engine: Engine, settings: Settings) -> None:
    # 2019-01-04 (before the 2020-09-10 designation) and 2021-01-14 (after): the CSVs carry no date
    # of designation, so history can only say the four were added somewhere in between.
    import_ofac(engine, settings, "ofac/2019-01-04/sdn.csv.gz", "2019-01-04")
    import_ofac(engine, settings, "ofac/2021-01-14/sdn.csv.gz", "2021-01-14")
    (result,) = scan(engine, seed_doc())
    assert result.published_at == datetime(2020, 9, 11)
    found = {m["source_id"]: m for m in result.mentions}
    assert set(found) == DERKACH_GROUP
    derkach = found["29366"]
    assert derkach["name"] == "DERKACH, Andrii Leonidovych"
    assert derkach["matched_text"] == "Andrei Derkach"
    assert derkach["listed_at_article_date"] is None
    assert "2019-01-04" in derkach["listed_basis"] and "2021-01-14" in derkach["listed_basis"]
    assert found["29703"]["matched_text"] == "Anton Andreev"


@pytest.mark.slow
def test_seed_listed_true_with_a_snapshot_of_that_time(engine: Engine, settings: Settings) -> None:
    # The list as it stood after the 2020-09-10 designation. The CSV has no internal date; the
    # 2021-01-14 file lists the four with the same records, dated here as the designation-day list.
    import_ofac(engine, settings, "ofac/2021-01-14/sdn.csv.gz", "2020-09-10")
    (result,) = scan(engine, seed_doc())
    assert {m["source_id"] for m in result.mentions} == DERKACH_GROUP
    assert all(m["listed_at_article_date"] is True for m in result.mentions)


@pytest.mark.slow
def test_seed_against_todays_list_lavrov_and_zakharova_not_listed_then(
    engine: Engine, settings: Settings
) -> None:
    import_ofac(engine, settings, "ofac/2019-01-04/sdn.csv.gz", "2019-01-04")
    import_ofac(engine, settings, "ofac/2021-01-14/sdn.csv.gz", "2021-01-14")
    import_ofac(engine, settings, "ofac/2024-05-07/sdn.xml.gz", None)
    (result,) = scan(engine, seed_doc())
    found = {m["source_id"]: m for m in result.mentions}
    assert {"35233", "37509"} | DERKACH_GROUP <= set(found)
    assert found["35233"]["matched_text"] == "Sergei Lavrov"
    assert found["35233"]["listed_at_article_date"] is False
    assert found["37509"]["listed_at_article_date"] is False
    assert "not on the ofac_sdn snapshot of 2019-01-04" in found["35233"]["listed_basis"]
    assert not any("Wang" in m["matched_text"] for m in result.mentions)
    # a namesake on the same list (ZAKHAROVA, Maria Aleksandrovna) may be named too; nothing else
    assert set(found) - DERKACH_GROUP - {"35233", "37509"} <= {"46001"}


def test_history_and_designation_date_decide_listed_at(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    spec = TOY
    rows_2019 = {"1": ("Oleg Petrov", "X")}
    rows_2021 = {"1": ("Oleg Petrov", "X"), "2": ("Ivan Sidorov", "X")}
    for name, date, rows in (("a.txt", "2019-01-01", rows_2019), ("b.txt", "2021-01-01", rows_2021)):
        apply_list(engine, settings, write_list(tmp_path, name, date, rows), name, spec=spec)
    # entry 3: the list itself says it was designated on 2020-06-01 (UN / EU / UK formats do)
    parsed = ParsedList(
        [
            ListEntry("1", EntityType.INDIVIDUAL, [Name("Oleg Petrov")]),
            ListEntry("2", EntityType.INDIVIDUAL, [Name("Ivan Sidorov")]),
            ListEntry("3", EntityType.INDIVIDUAL, [Name("Pavel Orlov")], listed_on="2020-06-01"),
        ],
        published_at=datetime(2022, 1, 1),
        format="toy",
    )
    dated = SourceSpec(
        name="toy", title="Toy", publisher="tests", parse=lambda _path: parsed, default_url=None
    )
    path = tmp_path / "c.txt"
    path.write_text("c")
    apply_list(engine, settings, path, "c", spec=dated)
    text = "Oleg Petrov met Ivan Sidorov and Pavel Orlov."
    (early,) = scan(engine, doc(text, "early", "2020-07-01"))
    listed = {m["source_id"]: m["listed_at_article_date"] for m in early.mentions}
    assert listed == {"1": True, "2": None, "3": True}
    (before,) = scan(engine, doc(text + " Again.", "before", "2018-01-01"))
    listed = {m["source_id"]: m["listed_at_article_date"] for m in before.mentions}
    assert listed == {"1": None, "2": None, "3": False}
    (undated,) = scan(engine, doc(text + " Undated.", "undated", None))
    assert {m["listed_basis"] for m in undated.mentions} == {"the article has no date"}
    # Trial 1: an undated article listed an entry removed since as a listing like the others
    rows_2023 = {"2": ("Ivan Sidorov", "X"), "3": ("Pavel Orlov", "X")}
    apply_list(engine, settings, write_list(tmp_path, "d.txt", "2023-01-01", rows_2023), "d", spec=spec)
    (later,) = scan(engine, doc(text + " Later.", "later", None))
    said = {m["source_id"]: (m["listed_at_article_date"], m["listed_basis"]) for m in later.mentions}
    assert said["1"] == (False, "removed from toy on 2023-01-01; the article has no date")
    assert said["2"] == (None, "the article has no date")


def test_articles_are_deduplicated_by_content_and_url(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    lifshits = write_list(tmp_path, "l.txt", "2020-01-01", {"7": ("Artem Lifshits", "X")})
    apply_list(engine, settings, lifshits, "l")
    text = "Yesterday Artem Lifshits spoke."
    first, again, elsewhere, changed = scan(
        engine,
        doc(text, "https://a.example/1", "2020-02-01"),
        doc(text, "https://a.example/1", "2020-02-01"),
        doc("Yesterday  Artem Lifshits\nspoke.", "https://b.example/copy", "2020-02-01"),
        doc("Today Artem Lifshits spoke again.", "https://a.example/1", "2020-02-02"),
    )
    assert (first.status, again.status, elsewhere.status, changed.status) == (
        "new",
        "unchanged",
        "duplicate",
        "updated",
    )
    assert elsewhere.duplicate_of == "https://a.example/1"
    assert first.article_id == again.article_id == elsewhere.article_id == changed.article_id
    with engine.connect() as conn:
        stored = list_mentions(conn)
        assert [m["matched_text"] for m in stored] == ["Artem Lifshits"]
        assert stored[0]["sentence"] == "Today Artem Lifshits spoke again."
        assert recent_mentions(conn, "toy", "7")[0]["article"] == "https://a.example/1"
        assert recent_mentions(conn, "toy", "8") == []


def test_stored_article_is_rescanned_after_the_lists_change(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    def load(name: str, date: str, rows: dict[str, tuple[str, str]]) -> None:
        apply_list(engine, settings, write_list(tmp_path, name, date, rows), name)

    load("a.txt", "2020-01-01", {"7": ("Artem Lifshits", "X")})
    article = doc("Artem Lifshits met Sergei Lavrov.", "https://a.example/2", "2022-03-01")
    (first,) = scan(engine, article)
    assert [m["source_id"] for m in first.mentions] == ["7"]
    (same,) = scan(engine, article)
    assert same.status == "unchanged"
    load("b.txt", "2022-02-28", {"7": ("Artem Lifshits", "X"), "8": ("Sergei Lavrov", "X")})
    (again,) = scan(engine, article)
    assert again.status == "rescanned"
    assert [(m["source_id"], m["listed_at_article_date"]) for m in again.mentions] == [
        ("7", True),
        ("8", True),
    ]


def test_a_stored_article_given_another_date_is_scanned_again_for_it(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    lifshits = write_list(tmp_path, "l.txt", "2020-01-01", {"7": ("Artem Lifshits", "X")})
    apply_list(engine, settings, lifshits, "l")
    text = "Yesterday Artem Lifshits spoke."
    first, same, redated = scan(
        engine,
        doc(text, "https://a.example/1", "2019-06-01"),
        doc(text, "https://a.example/1", "2019-06-01"),
        doc(text, "https://a.example/1", "2021-06-01"),  # `news scan --date 2021-06-01` of the same file
    )
    assert (first.status, same.status, redated.status) == ("new", "unchanged", "rescanned")
    assert [m["listed_at_article_date"] for m in first.mentions] == [None]  # before the first snapshot
    assert redated.published_at is not None and redated.published_at.date().isoformat() == "2021-06-01"
    assert [m["listed_at_article_date"] for m in redated.mentions] == [True]
