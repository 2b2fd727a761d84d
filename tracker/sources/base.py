"""What a source adapter provides. Adding a list = one module defining a SourceSpec + one registry line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from tracker.records import ListEntry, ParsedList

# A parser is a pure function from a file (or a folder of files, e.g. OFAC's CSV set) to entries.
# Files may be gzip-compressed; read them with tracker.sources.common (open_binary, read_bytes).
Parser = Callable[[Path], ParsedList]

# Optional hook that turns the configured URL into the URL of the current file (e.g. the UK page that
# links to the newest list). Raises FetchError with a clear message when it cannot.
UrlResolver = Callable[[httpx.Client, str], str]


@dataclass(frozen=True)
class SourceSpec:
    name: str  # stable short name used on the CLI and in the store: "ofac_sdn"
    title: str  # human title: "OFAC Specially Designated Nationals (SDN) List"
    publisher: str  # "US Treasury OFAC"
    parse: Parser
    default_url: str | None = None  # None: import-only source (retired list, archives)
    live: bool = True  # synced by plain `tracker sync`
    resolve_url: UrlResolver | None = None
    timeout: float | None = None  # seconds; None = settings.http_timeout
    retries: int | None = None  # None = settings.http_retries
    file_suffix: str = ".xml"  # suffix of the archived download
    format: str = ""  # what the parser reads, for the README's sources table: "legacy XML, CSV set"
    licence: str = ""  # terms the publisher states for reuse of the list
    # Why there is no default_url (shown when a sync is run without --url): the official address is
    # not known for certain, or the source is a format rather than one list.
    url_note: str | None = None
    # The source's own rules of canonical form, applied by its parser to every entry; the store applies
    # them to versions written by an older tracker too (tracker.store.recanonical).
    fold: Callable[[ListEntry], ListEntry] | None = None
    # A list its publisher no longer updates (archives only): searches report it but never count it as
    # out of date (tracker.screening.coverage).
    retired: bool = False
    # The parser reads a folder as one snapshot (OFAC's CSV set, an FtM dataset folder). Other
    # sources read one file: `tracker import` takes the one list file inside a dated folder.
    reads_folders: bool = False
