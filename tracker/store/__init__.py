"""Persistence: every SQL statement of the tracker lives in this package (nothing happens at import).

- models.py, news_models.py, jobs_models.py: the SQLModel tables and their StrEnums
- tables.py: typed table handles and the shared clauses (as_of, current, accepted)
- db.py: engine factory, write transactions, Alembic migrations (migrations/)
- snapshots.py: source rows and snapshot rows (accepted, rejected, timeline positions)
- apply.py: bringing the entry/version/change history to a new snapshot
- queries.py, timeline.py: read side (sources, change log, entry history, states and steps for diffs)
- screening.py: what a search was checked against (each list's snapshot and currency), result facts
- news.py: articles, mentions, feeds; alerts.py: the watchlist and its alerts
- runlog.py: the job-run log; locks.py: one sync of a source at a time (advisory locks / flock)
"""
