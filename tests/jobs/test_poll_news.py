"""The scheduler's news job: every registered feed is polled, new articles scanned, alerts sent once."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

from jobs import JobContext, poll_news
from tests.localserver import ServedFile, ServerState, serve
from tests.toysource import TOY, write_list
from tracker.news.alerts import add_watch
from tracker.news.inputs import add_feed
from tracker.pipeline import import_path, scan_news
from tracker.settings import Settings
from tracker.store.runlog import recent_runs

ARTICLE = """<html><head><title>Treasury sanctions</title></head><body><article>
<h1>Treasury sanctions Ukrainian lawmaker</h1>
<p>On Thursday the US Treasury sanctioned Andriy Derkach, a member of the Ukrainian parliament, for
interfering in the election. Derkach denied the accusations in a statement on Friday.</p>
<p>Officials said further measures were being prepared against other people in his network.</p>
</article></body></html>"""


def rss(base: str) -> bytes:
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Test news</title>
<link>{base}/</link><description>t</description>
<item><title>Treasury sanctions Ukrainian lawmaker</title><link>{base}/a1.html</link>
<pubDate>Fri, 11 Sep 2020 10:00:00 GMT</pubDate><description>Sanctions.</description></item>
</channel></rss>""".encode()


def test_the_news_job_polls_every_feed_once_and_alerts_on_watched_names(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    rows = {"29366": ("DERKACH, Andrii Leonidovych", "ELECTION-EO13848")}
    import_path(TOY, write_list(tmp_path, "toy", "2020-09-10", rows), engine=engine, settings=settings)
    add_watch(engine, "Derkach", ["toy"])
    state = ServerState()
    with serve(state) as base:
        state.files["/feed.xml"] = ServedFile(rss(base), "application/rss+xml")
        state.files["/a1.html"] = ServedFile(ARTICLE.encode(), "text/html")
        add_feed(engine, f"{base}/feed.xml")
        assert poll_news.news_function() is scan_news  # the scheduler runs the pipeline's news scan
        first = scan_news(engine=engine, settings=settings)
        second = scan_news(engine=engine, settings=settings)  # 304 on the feed, nothing new
        assert poll_news.run(JobContext(settings, engine)).status == "ok"  # the job: the same scan
    assert (first.feeds, len(first.articles), first.failures) == (1, 1, [])
    assert len(first.mentions) >= 1 and len(first.alerts) == 1
    assert (len(second.articles), len(second.alerts)) == (0, 0)
    (run,) = recent_runs(engine, job="poll_news")
    assert run["counts"] == {"feeds": 1, "articles": 0, "mentions": 0, "alerts": 0}


def test_nothing_to_scan_does_no_work(engine: Engine, settings: Settings) -> None:
    done = scan_news(engine=engine, settings=settings)  # no input, no registered feed
    assert done.nothing_to_scan and done.counts() == {"feeds": 0, "articles": 0, "mentions": 0, "alerts": 0}
