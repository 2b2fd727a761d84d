"""Stored lists out of the store: `tracker export` and FtM deltas.

run.py: resolve the list and the date, stream the entries, write them (the command's one entry point);
flat.py: CSV (one row per entry) and JSON (every field); ftm.py: one entry as FollowTheMoney entities;
delta.py: the FtM delta (ADD / MOD / DEL) between two dates. SQL is in tracker.store.exports.
"""
