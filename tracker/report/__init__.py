"""Reports from the stored history: diff tables (pandas) and their CSV / JSON / XLSX / Markdown writers."""
