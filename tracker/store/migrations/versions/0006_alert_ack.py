"""Alerts: acknowledged_at (`tracker alerts ack`), and one alert per person per event.

Dedupe keys lose their watch suffix ("change:17:w2" -> "change:17"): an event alerts once, naming
every watch it concerns. Where two watches had alerted the same event, the older alert is kept.

Revision ID: 0006_alert_ack
Revises: 0005_carry_over
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0006_alert_ack"
down_revision = "0005_carry_over"
branch_labels = None
depends_on = None

_WATCH_SUFFIX = re.compile(r":w\d+$")


def upgrade() -> None:
    with op.batch_alter_table("news_alert") as batch:
        batch.add_column(sa.Column("acknowledged_at", sa.DateTime(), nullable=True))
    alerts = sa.table("news_alert", sa.column("id", sa.Integer), sa.column("dedupe_key", sa.String))
    conn = op.get_bind()
    kept: set[str] = set()
    for alert_id, key in conn.execute(
        sa.select(alerts.c.id, alerts.c.dedupe_key).order_by(alerts.c.id)
    ).all():
        new_key = _WATCH_SUFFIX.sub("", key)
        if new_key in kept:
            conn.execute(sa.delete(alerts).where(alerts.c.id == alert_id))
            continue
        kept.add(new_key)
        if new_key != key:
            conn.execute(sa.update(alerts).where(alerts.c.id == alert_id).values(dedupe_key=new_key))


def downgrade() -> None:
    with op.batch_alter_table("news_alert") as batch:
        batch.drop_column("acknowledged_at")
