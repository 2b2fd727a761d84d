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


class GuardRejected(TrackerError):
    """A parsed list failed a sanity check (e.g. far fewer entries than before) and was not applied."""


class NotFound(TrackerError):
    """An entry, snapshot or source the user asked for does not exist."""
