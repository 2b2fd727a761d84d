"""tracker.matching loads each public name from its module on first use (PEP 562)."""

import subprocess
import sys

import pytest

import tracker.matching as matching


def test_every_public_name_imports_from_the_package():
    for name in matching.__all__:
        assert getattr(matching, name) is getattr(
            sys.modules[f"tracker.matching.{matching._HOME[name]}"], name
        )
    from tracker.matching import DEFAULT_THRESHOLD, NameIndex

    assert DEFAULT_THRESHOLD == 0.8 and NameIndex.__module__ == "tracker.matching.index"
    assert set(matching.__all__) <= set(dir(matching))
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = matching.nothing


def test_cli_and_news_scan_load_without_the_index_or_numpy():
    """`tracker news scan --file` needs the scorer, not the search index: numpy (~0.1 s of its start,
    issue 14 item 6) and tracker.matching.index stay unloaded until a search builds or reads one."""
    code = (
        "import sys; import tracker.cli as cli; cli.build_app()\n"
        "import tracker.pipeline, tracker.news.listings, tracker.news.mentions, tracker.news.alerts\n"
        "from tracker.matching import DEFAULT_THRESHOLD, Candidate, score_prepared\n"
        "print(sorted(m for m in ('numpy', 'tracker.matching.index') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
