"""Scan every registered news feed once: what the scheduler's news job runs every N minutes."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy.engine import Engine

from tracker.news import articles, inputs
from tracker.news.candidates import load_scan_context
from tracker.news.watch import check_alerts
from tracker.settings import Settings


def poll_feeds(*, engine: Engine, settings: Settings, client: httpx.Client | None = None) -> dict[str, Any]:
    """Fetch each feed (conditional GET), scan new articles, send alerts; one bad feed never stops the rest."""
    feeds = [str(f["url"]) for f in inputs.list_feeds(engine)]
    counts: dict[str, Any] = {"feeds": len(feeds), "articles": 0, "mentions": 0, "alerts": 0, "failures": []}
    if not feeds:
        return counts
    with engine.connect() as conn:
        context = load_scan_context(conn)
    failures = inputs.Failures()
    own_client = client is None
    client = client or httpx.Client(headers={"User-Agent": settings.user_agent}, follow_redirects=True)
    try:
        documents = (doc for url in feeds for doc in inputs.from_feed(engine, url, client, failures))
        results = articles.scan_documents(engine, documents, context, rescan=False)
        alerts = check_alerts(engine, webhook_url=settings.alert_webhook, client=client)
    finally:
        if own_client:
            client.close()
    counts.update(
        articles=len(results),
        mentions=sum(len(r.mentions) for r in results),
        alerts=len(alerts),
        failures=failures.items,
    )
    return counts
