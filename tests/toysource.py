"""A tiny list format for history tests: optional 'date: YYYY-MM-DD' line, then 'id|name|prog1;prog2'."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from tracker.errors import ParseError
from tracker.records import EntityType, ListEntry, Name, ParsedList
from tracker.sources.base import SourceSpec


def parse(path: Path) -> ParsedList:
    lines = path.read_text().splitlines()
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
            ListEntry(key, EntityType.INDIVIDUAL, [Name(name)], programs=[p for p in programs.split(";") if p])
        )
    return ParsedList(entries, published_at=published, format="toy")


TOY = SourceSpec(name="toy", title="Toy list", publisher="tests", parse=parse, default_url=None, live=False)


def write_list(folder: Path, name: str, date: str | None, rows: dict[str, tuple[str, str]]) -> Path:
    path = folder / name
    lines = [f"date: {date}"] if date else []
    lines += [f"{key}|{nm}|{progs}" for key, (nm, progs) in rows.items()]
    path.write_text("\n".join(lines) + "\n")
    return path
