"""Tables for news: feeds, articles, mentions of listed persons, the watchlist and its alerts.
Queries reach them through the handles in tracker.store.tables."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from tracker.store.models import NAIVE


class AlertKind(StrEnum):
    """``Alert.kind``: what the watched person did."""

    MENTION = "mention"  # newly mentioned in an article
    CHANGE = "change"  # their listing changed (added, removed, modified)


class Feed(SQLModel, table=True):
    __tablename__ = "news_feed"

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(sa_column=Column(Text, nullable=False, unique=True))
    title: str | None = Field(default=None, sa_column=Column(Text))
    etag: str | None = Field(default=None, sa_column=Column(Text))
    last_modified: str | None = Field(default=None, sa_column=Column(Text))
    added_at: datetime = Field(sa_type=NAIVE)
    last_checked_at: datetime | None = Field(default=None, sa_type=NAIVE)
    last_status: str | None = Field(default=None, max_length=32)  # ok / not_modified / failed
    last_error: str | None = Field(default=None, sa_column=Column(Text))


class Article(SQLModel, table=True):
    __tablename__ = "news_article"
    __table_args__ = (Index("ix_article_url", "url"), Index("ix_article_published", "published_at"))

    id: int | None = Field(default=None, primary_key=True)
    url: str | None = Field(default=None, sa_column=Column(Text))  # URL, file path, or "-" (stdin)
    content_hash: str = Field(max_length=64, unique=True)  # sha256 of the normalised text
    feed_id: int | None = Field(default=None, foreign_key="news_feed.id")
    title: str | None = Field(default=None, sa_column=Column(Text))
    published_at: datetime | None = Field(default=None, sa_type=NAIVE)
    language: str | None = Field(default=None, max_length=16)
    fetched_at: datetime = Field(sa_type=NAIVE)
    text: str = Field(sa_column=Column(Text, nullable=False))
    scanned_at: datetime | None = Field(default=None, sa_type=NAIVE)


class Mention(SQLModel, table=True):
    __tablename__ = "news_mention"
    __table_args__ = (
        UniqueConstraint("article_id", "entry_id", "start", name="uq_mention_article_entry_start"),
        Index("ix_mention_entry", "entry_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="news_article.id", index=True)
    entry_id: int = Field(foreign_key="entry.id")
    matched_text: str = Field(sa_column=Column(Text, nullable=False))
    matched_name: str = Field(sa_column=Column(Text, nullable=False))  # the listed name it aligned with
    start: int
    end: int
    sentence: str = Field(sa_column=Column(Text, nullable=False))
    score: float
    explanation: str = Field(sa_column=Column(Text, nullable=False))
    # True / False / NULL = unknown (no snapshot brackets the article date closely enough to say).
    listed_at_article_date: bool | None = None
    listed_basis: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime = Field(sa_type=NAIVE)


class WatchedName(SQLModel, table=True):
    __tablename__ = "news_watch"

    id: int | None = Field(default=None, primary_key=True)
    text: str = Field(sa_column=Column(Text, nullable=False, unique=True))  # as the user typed it
    source: str | None = Field(default=None, max_length=64)  # set for SOURCE:ID watches
    source_key: str | None = Field(default=None, max_length=128)
    added_at: datetime = Field(sa_type=NAIVE)


class Alert(SQLModel, table=True):
    __tablename__ = "news_alert"

    id: int | None = Field(default=None, primary_key=True)
    watch_id: int = Field(foreign_key="news_watch.id", index=True)
    kind: str = Field(max_length=16)  # mention / change
    # "mention:<article>:<entry>" or "change:<id>": an event alerts once, whichever watches it concerns.
    dedupe_key: str = Field(max_length=128, unique=True)
    payload: str = Field(sa_column=Column(Text, nullable=False))  # the JSON sent to the webhook
    created_at: datetime = Field(sa_type=NAIVE)
    delivered_at: datetime | None = Field(default=None, sa_type=NAIVE)  # webhook accepted it
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    acknowledged_at: datetime | None = Field(default=None, sa_type=NAIVE)  # `tracker alerts ack`
