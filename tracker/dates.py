"""Dates given by a user (a command-line option, a query parameter): one parser, one error text."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from tracker.errors import UsageError

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value: str | None, *, end_of_day: bool = False, option: str = "date") -> datetime | None:
    """YYYY-MM-DD (or an ISO date-time) -> naive UTC datetime; ``end_of_day`` gives a day's last moment.

    None stays None. Raises UsageError ("bad --since '31/12/2020': use YYYY-MM-DD") for anything else.
    """
    if value is None:
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"bad {option} {value!r}: use YYYY-MM-DD") from None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    if end_of_day and _DAY.match(text):
        parsed += timedelta(days=1) - timedelta(microseconds=1)
    return parsed
