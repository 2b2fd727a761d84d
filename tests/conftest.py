"""Shared fixtures. Real official list files live in ../shared/data (never copied into the repo)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def real_file(relative: str) -> Path:
    """Path to a real list file under ../shared/data; skip when absent, fail under CI=true."""
    path = SHARED_DATA / relative
    if not path.exists():
        message = f"real data file missing: {path} (../shared/data is not on this machine)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
