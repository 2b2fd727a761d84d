"""tracker.download: every source honours the HTTP settings (issue 11 item 6): a source's own timeout
or retry count (the EU's slow server) is a default that TRACKER_HTTP_TIMEOUT / _RETRIES override."""

from __future__ import annotations

import pytest

from tracker.download import http_retries, http_timeout
from tracker.settings import Settings
from tracker.sources.registry import get_source, source_names


@pytest.mark.parametrize("name", source_names())
def test_every_source_honours_the_http_settings_when_they_are_set(name: str) -> None:
    spec = get_source(name)
    offline = Settings(http_retries=0, http_timeout=7.5)
    assert (http_retries(spec, offline), http_timeout(spec, offline)) == (0, 7.5)


def test_a_source_default_applies_only_when_the_setting_is_not_given(monkeypatch: pytest.MonkeyPatch) -> None:
    eu = get_source("eu_fsf")
    assert (eu.retries, eu.timeout) == (5, 300)
    defaults = Settings()
    assert (http_retries(eu, defaults), http_timeout(eu, defaults)) == (5, 300)
    monkeypatch.setenv("TRACKER_HTTP_RETRIES", "0")  # from the environment, as a user sets it
    assert http_retries(eu, Settings()) == 0
    ofac = get_source("ofac_sdn")
    assert (http_retries(ofac, defaults), http_timeout(ofac, defaults)) == (3, 60.0)
