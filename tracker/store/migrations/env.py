"""Alembic environment: runs on the connection handed over by tracker.store.db.migrate."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only via tracker.store.db.migrate
    raise RuntimeError("run migrations through tracker.store.db.migrate(engine)")

context.configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
