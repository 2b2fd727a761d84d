"""Persistence: SQLModel tables, engine factory, Alembic migrations (nothing happens at import)."""
