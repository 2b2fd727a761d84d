"""Screening answers built on name search (tracker.search): what `tracker search`, `show NAME` and
`history NAME` say, in producer order.

- coverage: which list snapshot (source, date) a search is checked against; stale lists
- results: a match as an answer row (display name, weak alias, dates, nationalities, programmes)
- screen: a query run over the index and completed from the store
- lookup: the entry a name given to `show` / `history` means, and the other candidates
- batch: reading batch files (plain lines, JSON lines, CSV) with every unreadable line named
- answers: one answer per query (JSON object, CSV rows) with its status and lists checked
"""
