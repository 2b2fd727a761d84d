"""A store brought to a newer canonical form (tracker.store.recanonical) is searched in that form:
the cached search index, built before, is stale (store_stamp counts the sources' forms)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import cli_runner
from tracker import landing
from tracker.pipeline import import_path
from tracker.sources import ca_sema
from tracker.store import recanonical

_RECORD = """<record><Country>Syria / Syrie</Country><Entity>{entity}</Entity><Schedule>1, Part 2</Schedule>
<Item>{item}</Item></record>"""


def _write(tmp_path: Path) -> Path:
    entities = ["Central Bank of Syria/Banque centrale de Syrie", "Commercial Bank of Syria"]
    records = "".join(_RECORD.format(entity=e, item=i) for i, e in enumerate(entities))
    path = tmp_path / "sema-lmes.xml"
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?><data-set>{records}</data-set>')
    return path


def test_a_search_after_the_store_is_brought_to_form_5_reads_the_new_names(
    settings, engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path)
    when = datetime(2020, 4, 15)

    def unsplit(entry: Any) -> Any:  # form 4: "English/French" was one name
        return entry

    with monkeypatch.context() as patch:
        patch.setattr(ca_sema, "fold", unsplit)
        patch.setattr(landing, "CANONICAL_FORM", 4)
        patch.setattr(recanonical, "CANONICAL_FORM", 4)
        assert (
            import_path(ca_sema.SEMA, path, engine=engine, settings=settings, published=when).status
            == "accepted"
        )
    cli = cli_runner(settings, TRACKER_MAX_LIST_AGE_DAYS="0")

    def best(query: str) -> list[str]:
        result = cli("search", query, "--json")
        return [r["name"] for r in json.loads(result.stdout)["results"]]

    assert best("Central Bank of Syria") == []  # the index of form 4 is cached now
    again = import_path(ca_sema.SEMA, path, engine=engine, settings=settings, published=when, force=True)
    assert again.status == "unchanged"  # brought to form 5 first: no MODIFIED wave
    assert best("Central Bank of Syria") == ["Central Bank of Syria"]
    assert best("Banque centrale de Syrie") == ["Central Bank of Syria"]  # its French name, an alias
