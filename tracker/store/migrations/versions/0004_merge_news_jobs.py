"""Merge the news and jobs branches of the schema into one head.

Revision ID: 0004_merge_news_jobs
Revises: 0002_news, 0003_jobs
"""

from __future__ import annotations

revision = "0004_merge_news_jobs"
down_revision = ("0002_news", "0003_jobs")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # both parents are applied; nothing else changes


def downgrade() -> None:
    pass
