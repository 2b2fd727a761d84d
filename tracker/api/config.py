"""The API's settings (TRACKER_API_*), read when the app is built, never at import."""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class ApiSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TRACKER_API_", env_file=None, extra="ignore")

    # Bearer token for the endpoints that change state (POST /sync, /news/scan, /watch, DELETE
    # /watch/{id}); None turns them off (403), so a fresh install exposes nothing that writes.
    token: SecretStr | None = Field(default=None)
    # How often a worker asks the store whether it changed (store_stamp: two indexed aggregates,
    # ~1 ms); 0 checks on every request. A sync elsewhere shows up within this many seconds.
    check_seconds: float = Field(default=2.0, ge=0)
    # Rebuild a stale index in a background thread and keep answering from the old one meanwhile
    # (an index build takes ~6 s for all lists); False rebuilds before answering (tests).
    reload_in_background: bool = True
    # Load the index when the worker starts, so /readyz turns ready without a first search.
    warm_on_start: bool = True
    # Most queries in one POST /match (each ~2-10 ms; 1,000 stays within a few seconds).
    max_match_queries: int = Field(default=1000, ge=1)
    # Indexes of past dates (search as_of=) kept per worker, newest used first (each ~100-200 MB).
    as_of_cache: int = Field(default=2, ge=0)
