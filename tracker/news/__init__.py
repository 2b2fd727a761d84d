"""News: articles in, mentions of listed persons and alerts out. tracker.pipeline.scan_news wires it.

Producers first, each module importing only those above it:

- extract: bytes of a page or file -> article text, title, date, language
- feeds: RSS / Atom and single pages over HTTP
- inputs: files, stdin, URLs and registered feeds -> ArticleDoc (unreadable inputs -> Failures)
- sentences, evidence, scan_names, scan_words, scan: the scanner (text -> Found mentions)
- listings: who is scanned for, and whether they were listed on an article's date
- mentions: store each article and its mentions (deduplicated, rescanned after a list change)
- alerts: the watchlist, alerts on new mentions and list changes, webhook delivery

Their SQL is in tracker.store.news.
"""
