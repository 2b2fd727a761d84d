"""A tiny list format for history tests: optional 'date: YYYY-MM-DD' line, then 'id|name|prog1;prog2'."""

from __future__ import annotations

import gzip
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import Engine

from tracker.errors import ParseError
from tracker.pipeline import apply_file, utcnow
from tracker.records import EntityType, ListEntry, Name, ParsedList
from tracker.settings import Settings
from tracker.sources.base import SourceSpec


def parse(path: Path) -> ParsedList:
    if path.is_dir():  # a folder snapshot (as OFAC's CSV set): its list.txt
        path = path / "list.txt"
        if not path.exists():
            raise ParseError(f"{path.parent.name}: folder holds no list.txt")
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":  # a synced copy: the archive keeps downloads gzipped
        data = gzip.decompress(data)
    lines = data.decode().splitlines()
    if not lines:
        raise ParseError(f"{path.name}: empty file")
    published = None
    if lines[0].startswith("date: "):
        published = datetime.fromisoformat(lines.pop(0)[6:])
    entries = []
    for line in lines:
        parts = line.split("|")
        if len(parts) != 3:
            raise ParseError(f"{path.name}: bad line {line!r}")
        key, name, programs = parts
        entries.append(
            ListEntry(
                key, EntityType.INDIVIDUAL, [Name(name)], programs=[p for p in programs.split(";") if p]
            )
        )
    return ParsedList(entries, published_at=published, format="toy")


TOY = SourceSpec(
    name="toy",
    title="Toy list",
    publisher="tests",
    parse=parse,
    default_url=None,
    live=False,
    reads_folders=True,
)


def write_list(folder: Path, name: str, date: str | None, rows: dict[str, tuple[str, str]]) -> Path:
    path = folder / name
    lines = [f"date: {date}"] if date else []
    lines += [f"{key}|{nm}|{progs}" for key, (nm, progs) in rows.items()]
    path.write_text("\n".join(lines) + "\n")
    return path


def parse_canonical(path: Path) -> ParsedList:
    """'date: YYYY-MM-DD', then one entry per line in its canonical JSON form (ListEntry.canonical)."""
    import json

    from tracker.records import entry_from_canonical

    lines = path.read_text(encoding="utf-8").splitlines()
    published = datetime.fromisoformat(lines.pop(0)[6:]) if lines and lines[0].startswith("date: ") else None
    entries = [entry_from_canonical(json.loads(line)) for line in lines if line.strip()]
    if not entries:
        raise ParseError(f"{path.name}: no entries")
    return ParsedList(entries, published_at=published, format="canon")


def parse_file(path: Path) -> ParsedList:
    """The toy format as a source that reads one file, not a folder (as UN, EU, UK)."""
    if path.is_dir():
        raise ParseError(f"expected a file, got a folder: {path}")
    return parse(path)


TOYFILE = SourceSpec(
    name="toyfile", title="Toy list, files only", publisher="tests", parse=parse_file, live=False
)


# A list whose entries carry every field (names with kinds, scripts and languages, dates, countries).
CANON = SourceSpec(
    name="canon",
    title="Canonical test list",
    publisher="tests",
    parse=parse_canonical,
    default_url=None,
    live=False,
)


def write_entries(folder: Path, name: str, date: str | None, entries: list[dict[str, object]]) -> Path:
    """A CANON list file: each entry a dict in canonical form (source_id, entity_type, names, ...)."""
    import json

    path = folder / name
    lines = [f"date: {date}"] if date else []
    lines += [json.dumps(entry, ensure_ascii=False) for entry in entries]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def apply_list(
    engine: Engine,
    settings: Settings,
    path: Path,
    sha256: str,
    *,
    spec: SourceSpec | None = None,
    force: bool = False,
) -> None:
    """Store one list file (the toy format unless ``spec``) as a sync would; it must be accepted."""
    result = apply_file(
        spec or TOY,
        path,
        engine=engine,
        settings=settings,
        sha256=sha256,
        url=None,
        fetched_at=utcnow(),
        force=force,
        default_time=None,
    )
    assert result.status == "accepted", result.reason
