"""Error types. Every error a user can cause derives from TrackerError and carries a one-line message."""


class TrackerError(Exception):
    """Base class: the CLI prints str(error) on one line, never a traceback."""


class ConfigError(TrackerError):
    """Bad settings or an unknown source name."""


class UsageError(TrackerError):
    """A malformed argument: a bad date, an unknown snapshot, an empty query."""


class FetchError(TrackerError):
    """The list could not be downloaded (host unreachable, HTTP error, too large)."""


class ParseError(TrackerError):
    """The file is not a well-formed list of the expected format (truncated, HTML page, empty)."""


class FormatChanged(ParseError):
    """The file parses but its structure is not the one the parser knows: fail loudly."""


class NotFound(TrackerError):
    """An entry, snapshot or source the user asked for does not exist."""


def one_line(error: BaseException | str) -> str:
    """The first line of an error's message (its type name when it has none), at most 500 characters:
    what logs and the job-run log keep."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    if isinstance(error, BaseException) and not text:
        text = type(error).__name__
    return text[:500]
