"""The news evaluation's data files are well-formed (bench/news_eval2, issue 14 item 5).

Spans point at the labelled text, listed labels carry their person's listings, the corpus sample is
the seeded draw that corpus_sample.txt records, and every listing names an existing individual in
the real list files. The items are built from the corpora in ../shared/data (their texts are not kept
here), so every test but the label parser skips without it (and fails under CI=true).
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import real_file

BENCH = Path(__file__).resolve().parents[2] / "bench" / "news_eval2"
sys.path.insert(0, str(BENCH))

import build  # noqa: E402
import sample  # noqa: E402


def _items() -> list[dict[str, Any]]:
    for relative, _, _ in sample.CORPORA.values():
        real_file(f"news/{relative}")
    return build.load_items()


def _persons() -> dict[str, Any]:
    persons: dict[str, Any] = json.loads((BENCH / "persons.json").read_text(encoding="utf-8"))["persons"]
    return persons


def test_spans_point_at_the_labelled_text() -> None:
    items = _items()
    assert len({item["id"] for item in items}) == len(items)
    for item in items:
        spans = []
        for label in item["labels"]:
            assert 0 <= label["start"] < label["end"] <= len(item["text"]), item["id"]
            assert item["text"][label["start"] : label["end"]] == label["text"], (item["id"], label)
            assert label["text"] == label["text"].strip(), (item["id"], label)
            spans.append((label["start"], label["end"]))
        spans.sort()
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)), (
            f"overlapping labels in {item['id']}"
        )


def test_listed_labels_carry_every_listing_of_their_person() -> None:
    persons = _persons()
    for person_id, person in persons.items():
        assert person["listings"], f"{person_id} has no listing"
        assert all(
            re.fullmatch(r"(ofac_sdn|ofac_cons|eu_fsf|un_sc|uk_ofsi):\d+", key) for key in person["listings"]
        )
    for item in _items():
        for label in item["labels"]:
            if label["listed"]:
                assert label["listings"] == persons[label["person"]]["listings"], (item["id"], label)
            else:
                assert label["person"] is None and label["listings"] == [], (item["id"], label)


def test_halves_and_groups_are_recorded_per_item() -> None:
    items = _items()
    assert {item["half"] for item in items} == {"tune", "test"}
    assert {item["group"] for item in items} <= {"latin", "cyrillic", "arabic", "cjk"}
    tune_only = _tune_only_ids()
    dealt = [item for item in items if item["id"] not in tune_only]
    for corpus, count in Counter(item["corpus"] for item in dealt).items():
        tune = sum(item["half"] == "tune" for item in dealt if item["corpus"] == corpus)
        assert abs(2 * tune - count) <= 1 or corpus == "written", corpus
    # the items added for tuning only (sample.py TUNE_EXTRA, written_tune/) are all in the tuning half
    assert tune_only and all(item["half"] == "tune" for item in items if item["id"] in tune_only)
    corpus = [item for item in items if item["corpus"] != "written"]
    written = [item for item in items if item["corpus"] == "written"]
    # issue 14 item 5: >= 400 sampled items holding >= 300 listed mentions; >= 60 articles, >= 10 languages
    assert len(corpus) >= 400
    assert sum(label["listed"] for item in corpus for label in item["labels"]) >= 300
    assert len(written) >= 60
    assert {"ar", "fa", "zh", "ko", "ru", "uk", "de", "fr", "tr", "fi"} <= {item["lang"] for item in written}


def _tune_only_ids() -> set[str]:
    ids = set(sample.recorded("tune"))
    for path in (BENCH / "written_tune").glob("*.txt"):
        ids.update(f"written:{m}" for m in re.findall(r"(?m)^=== (\S+)", path.read_text(encoding="utf-8")))
    return ids


def test_items_are_cached_and_rebuilt_when_an_input_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    monkeypatch.setattr(build, "CACHE", tmp_path)
    monkeypatch.setattr(build, "build", lambda: calls.append(1) or [{"id": "x:1", "labels": []}])
    keys = iter(["a", "a", "b"])
    monkeypatch.setattr(build, "_key", lambda: next(keys))
    assert build.load_items() == [{"id": "x:1", "labels": []}]
    assert build.load_items() == [{"id": "x:1", "labels": []}]
    assert len(calls) == 1  # the second load read the cache
    build.load_items()
    assert len(calls) == 2 and [p.name for p in tmp_path.iterdir()] == ["items-b.jsonl"]


def test_a_drawn_text_that_differs_from_the_record_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    recorded = [line for line in sample.RECORD.read_text(encoding="utf-8").splitlines() if " tune " in line]
    first_id = recorded[0].split()[0]
    fake = [{"id": line.split()[0], "corpus": "ruwa", "row": "1", "text": "changed"} for line in recorded]
    monkeypatch.setattr(sample, "drawn", lambda scope: fake)
    with pytest.raises(sample.SampleError, match=first_id):
        sample.load("tune")
    monkeypatch.setattr(sample, "drawn", lambda scope: fake[1:])
    with pytest.raises(sample.SampleError, match="other items"):
        sample.load("tune")


def test_build_rejects_a_surface_not_in_the_text() -> None:
    item = {"id": "x:1", "text": "Vladimir Putin met Olaf Scholz."}
    persons = {"putin": {"listings": ["ofac_sdn:35096"]}}
    labels = build.corpus_labels(item, "Vladimir Putin=putin; Scholz=-", persons)
    assert [(label["text"], label["listed"]) for label in labels] == [
        ("Vladimir Putin", True),
        ("Scholz", False),
    ]
    with pytest.raises(build.LabelError):
        build.corpus_labels(item, "Putin's=putin", persons)
    with pytest.raises(build.LabelError):
        build.corpus_labels(item, "Scholz=nobody", persons)


@pytest.mark.realdata
def test_corpus_sample_is_the_recorded_seeded_draw() -> None:
    for relative, _, _ in sample.CORPORA.values():
        real_file(f"news/{relative}")
    both, tune = sample.load("both"), sample.load("tune")  # each checked against corpus_sample.txt
    assert [item["id"] for item in both] == sample.recorded("both")
    assert [item["id"] for item in tune] == sample.recorded("tune")
    assert len(both) == sum(sample.COUNTS.values()) and len(tune) == sum(sample.TUNE_EXTRA.values())
    assert not {item["id"] for item in tune} & {item["id"] for item in both}


def _individual_ids(source: str, path: Path) -> set[str]:
    """Ids of the individuals in one real list file (plain text scan: no parser of tracker involved)."""
    if source == "uk_ofsi":
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True).worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(r for r in rows if r and "Group ID" in r)
        group, kind = header.index("Group ID"), header.index("Group Type")
        return {str(r[group]) for r in rows if r[group] is not None and r[kind] == "Individual"}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        text = fh.read()
    if source in ("ofac_sdn", "ofac_cons"):
        chunks = text.split("<sdnEntry>")[1:]
        return {
            m.group(1)
            for c in chunks
            if "<sdnType>Individual</sdnType>" in c and (m := re.search(r"<uid>(\d+)</uid>", c))
        }
    if source == "eu_fsf":
        chunks = text.split("<sanctionEntity ")[1:]
        return {
            m.group(1)
            for c in chunks
            if '<subjectType code="person"' in c and (m := re.search(r'logicalId="(\d+)"', c))
        }
    individuals = text.split("<INDIVIDUALS>")[1].split("</INDIVIDUALS>")[0]
    return set(re.findall(r"<DATAID>\s*(\d+)\s*</DATAID>", individuals))


@pytest.mark.realdata
def test_every_listing_is_an_individual_in_the_real_files() -> None:
    wanted: dict[str, set[str]] = {}
    for person in _persons().values():
        for key in person["listings"]:
            source, _, number = key.partition(":")
            wanted.setdefault(source, set()).add(number)
    files = {
        "ofac_sdn": "ofac/2024-05-07/sdn.xml.gz",
        "ofac_cons": "ofac/2024-05-06/consolidated.xml.gz",
        "eu_fsf": "eu/2024-05-13/20240513-FULL-1_1.xml.gz",
        "un_sc": "un/2026-02-27/consolidated.xml.gz",
        "uk_ofsi": "uk/ofsi/2025-04-14/ConList.xlsx",
    }
    for source, numbers in sorted(wanted.items()):
        missing = numbers - _individual_ids(source, real_file(files[source]))
        assert not missing, f"{source}: no individual with id {sorted(missing)}"
