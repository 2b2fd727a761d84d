"""The Alembic migrations build exactly the schema the SQLModel models declare (tables, columns,
types, nullability, indexes, unique constraints), on SQLite and on PostgreSQL, and have one head."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlmodel import SQLModel

import tracker.store.tables  # noqa: F401  (registers every model on SQLModel.metadata)
from tracker.store.db import MIGRATIONS_DIR, head_revisions, make_engine, migrate


def _script() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config)


def test_migrations_have_exactly_one_head() -> None:
    heads = _script().get_heads()
    assert len(heads) == 1, heads
    assert head_revisions() == set(heads)  # the quick check open_engine does agrees with Alembic


def test_migrated_schema_is_the_models_schema(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        migrate(engine)
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            differences = compare_metadata(context, SQLModel.metadata)
            tables = set(inspect(conn).get_table_names()) - {"alembic_version"}
            versions = [r[0] for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version")]
    finally:
        engine.dispose()
    assert differences == []
    assert tables == set(SQLModel.metadata.tables)
    assert versions == _script().get_heads()


def test_a_database_at_both_old_heads_upgrades_to_the_merge(tmp_path: Path) -> None:
    """Databases written before the merge revision hold two version rows (news and jobs branches)."""
    from alembic import command

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0002_news")
            command.upgrade(config, "0003_jobs")
        with engine.connect() as conn:
            before = {r[0] for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version")}
        migrate(engine)
        with engine.connect() as conn:
            after = [r[0] for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version")]
            differences = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    finally:
        engine.dispose()
    assert before == {"0002_news", "0003_jobs"}
    assert after == _script().get_heads() and differences == []
