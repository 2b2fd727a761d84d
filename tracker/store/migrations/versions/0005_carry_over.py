"""Components a snapshot did not provide, and the canonical form each source's versions are in.

Revision ID: 0005_carry_over
Revises: 0004_merge_news_jobs
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_carry_over"
down_revision = "0004_merge_news_jobs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("snapshot") as batch:
        batch.add_column(sa.Column("not_provided", sa.Text(), nullable=True))
    with op.batch_alter_table("source") as batch:
        # Every store written so far holds canonical form 1 (tracker.records.CANONICAL_FORM).
        batch.add_column(sa.Column("canonical_form", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("source") as batch:
        batch.drop_column("canonical_form")
    with op.batch_alter_table("snapshot") as batch:
        batch.drop_column("not_provided")
