"""Settings from the environment (TRACKER_*) or a tracker.toml-free .env. Built once, passed in."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TRACKER_", env_file=None, extra="ignore")

    data_dir: Path = Field(default=Path("data"), description="Runtime state: database, archive.")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; default: SQLite file tracker.db in data_dir."
    )
    # Per-source URL overrides, e.g. TRACKER_SOURCE_URLS='{"ofac_sdn": "file:///srv/sdn.xml"}'.
    source_urls: dict[str, str] = Field(default_factory=dict)
    # Guard: reject a download whose entry count falls by more than this share below the last one.
    max_shrink: float = Field(default=0.10, ge=0.0, le=1.0)
    # A sync or import of a source that another one is running waits this long (seconds) for it, then
    # fails (exit 1). A 308-file history import takes ~2 min and releases the lock between files.
    lock_wait_seconds: float = Field(default=600.0, ge=0)
    # Sources a sync downloads and parses at once (threads); their store writes still go one at a time.
    # 4: the live lists are ~8 hosts, each download mostly waiting on the network.
    sync_workers: int = Field(default=4, ge=1, le=32)
    # Downloaded bytes, and for a gzip download the bytes once decompressed (tracker.sources.fetch).
    max_download_bytes: int = Field(default=512 * 1024 * 1024, gt=0)
    # Hostile files (tracker.sources.common.Budget): what one parse may read once decompressed, the
    # markup tags + lines in it, how much the process may grow, and how long it may take. The largest
    # real lists (OFAC SDN XML: 21 MB, 1.9 million tags + lines, ~60 MB of growth) are far below each.
    max_list_bytes: int = Field(default=512 * 1024 * 1024, gt=0)
    max_list_elements: int = Field(default=20_000_000, gt=0)
    max_parse_memory_mb: int = Field(default=640, ge=0, description="0: no memory check.")
    # CPU seconds one parse may take (0: none); the slowest real list, OFSI's workbook, takes ~7 s.
    max_parse_seconds: float = Field(default=25.0, ge=0)
    # Overall time for one download, every retry and wait included (a server dripping bytes).
    download_deadline: float = Field(default=900.0, gt=0, description="Seconds per list download.")
    # HTTP for list files (tracker.http.new_client): per-request timeout, retries on 429 / 5xx / timeouts
    # / broken connections, first retry wait in seconds (doubles, plus jitter), redirects followed.
    http_timeout: float = Field(default=60.0, gt=0)
    http_retries: int = Field(default=3, ge=0)
    http_backoff: float = Field(default=1.0, ge=0, description="First retry wait in seconds (doubles).")
    http_max_redirects: int = Field(default=20, ge=0)
    # The same for news pages and feeds: shorter, as one slow site must not hold up a scan.
    news_timeout: float = Field(default=30.0, gt=0)
    news_retries: int = Field(default=2, ge=0)
    news_backoff: float = Field(default=0.5, ge=0)
    # Screening: a search whose lists were last confirmed current more than this many days ago exits
    # 4 ("no current data"); 0 turns the check off. A week: the daily sync confirms every list daily.
    max_list_age_days: int = Field(default=7, ge=0)
    alert_webhook: str | None = Field(default=None, description="POST watchlist alerts as JSON here.")
    user_agent: str = "tracker/0.1 (+https://github.com/; sanctions-list tracker)"
    # Schedule (`tracker schedule run`, see jobs/README.md): daily sync time in schedule_timezone.
    schedule_sync_time: str = Field(default="06:00", pattern=r"^\d{1,2}:\d{2}(:\d{2})?$")
    schedule_timezone: str = "UTC"
    schedule_news_minutes: int = Field(default=30, ge=0)  # 0: no news polling
    schedule_misfire_grace_minutes: int = Field(default=360, ge=1)  # a late daily sync still runs
    schedule_retry_minutes: list[int] = Field(default_factory=lambda: [5, 15, 45])  # backoff per retry
    schedule_prune_days: int = Field(default=0, ge=0)  # 0: keep archive and job log forever

    @property
    def archive_dir(self) -> Path:
        return self.data_dir / "archive"

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'tracker.db').resolve()}"


def load_settings(**overrides: object) -> Settings:
    """Read the environment now (not at import time)."""
    return Settings(**overrides)  # type: ignore[arg-type]
