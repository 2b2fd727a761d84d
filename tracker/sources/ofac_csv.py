"""OFAC legacy CSV set: ``sdn.csv`` (or ``cons_prim.csv``) plus optional ``add.csv``, ``alt.csv`` and
``sdn_comments.csv`` (``cons_add.csv`` ...), each possibly gzipped.

No header row; ``-0- `` means empty; entities have a blank SDN_Type; several programs share one field
joined by ``] [``; remarks too long for the row continue in the comments file. DOB, POB, nationality,
ID documents, gender and weak a.k.a.s exist only as free text in the remarks: they are pulled out into
the same fields the XML parser fills (tracker.sources.ofac_remarks), and every entry is folded to the
form both formats can write (tracker.sources.ofac_canonical), so one entry gives the same canonical
form from both.

A set without alt.csv or add.csv (the daily sdn.csv alone) does not provide the strong aliases or the
addresses: its entries say so (``not_provided``), and the store carries them over from each entry's
previous version instead of recording them as removed. Without the comments file, a remark cut at
1,000 characters leaves that entry's remark facts not provided either.
"""

from __future__ import annotations

import csv
import io
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import FormatChanged, ParseError
from tracker.records import Address, Component, EntityType, ListEntry, NameKind, ParsedList
from tracker.sources.common import (
    Budget,
    Warnings,
    csv_field_limit,
    csv_field_too_long,
    find_member,
    read_bytes,
)
from tracker.sources.ofac_canonical import fold
from tracker.sources.ofac_common import ENTITY_TYPES, split_name
from tracker.sources.ofac_remarks import REMARKS_LIMIT, cut_remarks, parse_remarks

NULL = "-0-"
MAIN_COLUMNS = 12  # ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT,
# Vess_flag, Vess_owner, Remarks
ADD_COLUMNS = 6  # ent_num, Add_num, Address, City/State/Province/Postal, Country, Add_remarks
ALT_COLUMNS = 5  # ent_num, alt_num, alt_type, alt_name, alt_remarks
COMMENT_COLUMNS = 2  # ent_num, remarks continuation

_MAIN_NAMES = {"sdn.csv": "", "cons_prim.csv": "cons_"}
_SIBLINGS = {
    "": ("add.csv", "alt.csv", "sdn_comments.csv"),
    "cons_": ("cons_add.csv", "cons_alt.csv", "cons_comments.csv"),
}
_ALT_KINDS = {"aka": NameKind.AKA, "fka": NameKind.FKA, "nka": NameKind.NKA}


@dataclass
class CsvSet:
    """The raw bytes of one CSV set; only the main file is required."""

    main: bytes
    main_name: str
    add: bytes | None = None
    alt: bytes | None = None
    comments: bytes | None = None


def parse_csv(path: Path) -> ParsedList:
    """Parse a CSV set from its folder, or from the sdn.csv / cons_prim.csv file (siblings beside it)."""
    budget = Budget(path.name)
    return parse_csv_set(load_csv_set(path, budget), budget)


def load_csv_set(path: Path, budget: Budget | None = None) -> CsvSet:
    """The files of a set, read whole, every byte counted into one ``budget``."""
    budget = budget or Budget(path.name)
    if path.is_dir():
        main = find_member(path, "sdn.csv") or find_member(path, "cons_prim.csv")
        if main is None:
            raise ParseError(f"{path}: folder holds neither sdn.csv nor cons_prim.csv")
    else:
        main = path
    base = main.name.lower().removesuffix(".gz")
    prefix = _MAIN_NAMES.get(base)
    files = CsvSet(main=read_bytes(main, budget), main_name=main.name)
    if prefix is not None:  # an archived copy under another name has no trustworthy siblings
        add, alt, comments = (find_member(main.parent, stem) for stem in _SIBLINGS[prefix])
        files.add = read_bytes(add, budget) if add else None
        files.alt = read_bytes(alt, budget) if alt else None
        files.comments = read_bytes(comments, budget) if comments else None
    return files


def parse_csv_set(files: CsvSet, budget: Budget | None = None) -> ParsedList:
    """Parse a set read whole; ``budget`` (the one its bytes were read with) keeps checking memory."""
    warn = Warnings()
    label = files.main_name
    budget = budget or Budget(label)
    continuations = _continuations(files.comments, warn, budget)
    missing = frozenset(
        component
        for component, data in ((Component.ALIASES, files.alt), (Component.ADDRESSES, files.add))
        if data is None
    )
    shape = _Shape(label, missing, cut=files.comments is None)
    entries: dict[str, ListEntry] = {}
    rows = _rows(files.main, label, MAIN_COLUMNS, budget, required=True)
    # Without alt/add files the entries are final after _entry, so unchanged rows (most of them, from one
    # daily file to the next) are reused from the previous parse instead of being parsed again.
    reuse = files.alt is None and files.add is None
    for row in rows:
        continuation = continuations.pop(row[0], "")
        entry = (
            _cached_entry(row, continuation, shape, warn) if reuse else _entry(row, continuation, shape, warn)
        )
        if entry.source_id in entries:
            # Seen in a hand-edited copy: keeping one row is better than rejecting the whole list.
            warn.add(
                f"{label}: ent_num {entry.source_id} appears twice; kept the first row, ignored "
                f"{entry.primary_name!r}"
            )
            continue
        entries[entry.source_id] = entry
    if not entries:
        raise ParseError(f"{label}: no entries in the file")
    for ent_num in continuations:
        warn.add(f"comments: continuation for unknown ent_num {ent_num} ignored")
    if files.alt:
        _add_alt_names(entries, files.alt, warn, budget)
    if files.add:
        _add_addresses(entries, files.add, warn, budget)
    if not reuse:
        for entry in entries.values():
            fold(entry)
    _warn_not_provided(files, entries.values(), missing, warn)
    return ParsedList(entries=list(entries.values()), warnings=warn.as_list(), format="ofac-csv")


@dataclass(frozen=True, slots=True)
class _Shape:
    """What the set as a whole lacks, for each of its rows."""

    label: str
    missing: frozenset[Component]  # components no entry of the set has
    cut: bool  # no comments file: a remark of REMARKS_LIMIT characters was cut


def _warn_not_provided(
    files: CsvSet, entries: Iterable[ListEntry], missing: frozenset[Component], warn: Warnings
) -> None:
    """One warning per missing component: the import says what it carries over."""
    prefix = "cons_" if files.main_name.lower().startswith("cons_") else ""
    for component, stem in ((Component.ALIASES, "alt.csv"), (Component.ADDRESSES, "add.csv")):
        if component in missing:
            warn.add(
                f"{files.main_name}: no {prefix}{stem} beside it: {component} not provided, "
                "carried over from each entry's previous version"
            )
    cut = sum(Component.REMARKS in e.not_provided for e in entries)
    if cut:
        stem = f"{prefix}comments.csv" if prefix else "sdn_comments.csv"
        warn.add(
            f"{files.main_name}: no {stem} beside it: {cut} entries' remarks are cut at "
            f"{REMARKS_LIMIT:,} characters; their remark facts are carried over"
        )


# ---------------------------------------------------------------------------------------------------
# reading rows


def _decode(data: bytes) -> str:
    """UTF-8, else Windows-1252 (older OFAC files); no warning: both are normal for this list."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _rows(
    data: bytes, label: str, columns: int, budget: Budget, required: bool = False
) -> Iterator[list[str]]:
    """Rows of one OFAC CSV file, checked for the column count; the ^Z end marker is skipped."""
    budget.check(more=len(data))  # the text is another copy of the file
    text = _decode(data)
    head = text.lstrip("\ufeff \t\r\n\x1a")
    if not head:
        if required:
            raise ParseError(f"{label}: file is empty")
        return
    if head[0] == "<":
        kind = "an HTML page" if "<html" in head[:500].lower() else "XML or HTML"
        raise ParseError(f"{label}: got {kind}, not the OFAC CSV")
    other = _other_list(head[:4096])
    if other is not None:
        raise ParseError(f"{label}: {other}, not the OFAC CSV")
    with csv_field_limit():
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        first = True
        try:
            for row in budget.rows(reader):
                if not row or (len(row) == 1 and row[0].strip(" \x1a\r\n") == ""):
                    continue
                if len(row) != columns:
                    if first:
                        raise FormatChanged(
                            f"{label}: not the OFAC CSV layout ({len(row)} columns, expected {columns})"
                        )
                    raise ParseError(
                        f"{label}: line {reader.line_num} has {len(row)} columns, expected {columns} "
                        "(file truncated or corrupt)"
                    )
                if not row[0].strip().isdigit():
                    if first:
                        raise FormatChanged(f"{label}: first column is {row[0]!r}, not an ent_num")
                    raise ParseError(f"{label}: line {reader.line_num}: ent_num {row[0]!r} is not a number")
                first = False
                row[0] = row[0].strip()
                yield row
        except csv.Error as exc:
            too_long = csv_field_too_long(label, exc, reader.line_num)
            raise too_long or ParseError(
                f"{label}: file is truncated or corrupt at line {reader.line_num} ({exc})"
            ) from exc


def _header_key(cell: str) -> str:
    return "".join(char for char in cell.casefold() if char.isalnum())


def _other_list(head: str) -> str | None:
    """What another list's CSV given as OFAC's is ("the Consolidated Screening List CSV (import it as
    us_csl)"), told by the
    columns its header row names (each list's parser's required columns) in the first lines of
    ``head``; None when none is recognised. The OFAC CSV has no header row, so a header is never
    the OFAC CSV's; a file given to the wrong source then says which source to import it as."""
    from tracker.sources import uk_ofsi, us_bis_dpl, us_csl

    signatures = (
        ("us_csl", "the Consolidated Screening List CSV", us_csl.REQUIRED),
        ("us_bis_dpl", "the BIS Denied Persons List", us_bis_dpl.COLUMNS),
        ("uk_fcdo", "the UK Sanctions List CSV", ("Unique ID", "Name 6", "Name type")),
        ("uk_ofsi", "the OFSI consolidated list CSV", uk_ofsi.REQUIRED_COLUMNS),
    )
    lines = [line for line in head.splitlines()[:5] if line.strip()]
    for line in lines:
        cells = {_header_key(cell) for delimiter in (",", "\t", ";") for cell in line.split(delimiter)}
        for source, what, columns in signatures:
            if all(_header_key(column) in cells for column in columns):
                return f"{what} (import it as {source})"
    return None


def _value(raw: str) -> str | None:
    value = raw.strip()
    return None if not value or value == NULL else value


def _continuations(data: bytes | None, warn: Warnings, budget: Budget) -> dict[str, str]:
    out: dict[str, str] = defaultdict(str)
    if data:
        for ent_num, text in _rows(data, "comments", COMMENT_COLUMNS, budget):
            if text.strip() != NULL:
                out[ent_num] += text  # the remark was cut mid-word: join without a separator
    return out


# ---------------------------------------------------------------------------------------------------
# sdn.csv rows


_ROW_CACHE: OrderedDict[tuple[object, ...], tuple[ListEntry, list[str]]] = OrderedDict()
_ROW_CACHE_SIZE = 40_000
_LABEL = "\x00file\x00"


def _cached_entry(row: list[str], continuation: str, shape: _Shape, warn: Warnings) -> ListEntry:
    """_entry, memoised on the raw row; the warnings an entry raised are replayed on reuse."""
    key = (*row, continuation, shape.missing, shape.cut)
    hit = _ROW_CACHE.get(key)
    if hit is None:
        own = Warnings()
        entry = fold(_entry(row, continuation, shape, own))
        # the same row in a file of another name: its warnings must name that file
        hit = (entry, [m.replace(shape.label, _LABEL) for m in own.messages()])
        _ROW_CACHE[key] = hit
        if len(_ROW_CACHE) > _ROW_CACHE_SIZE:
            _ROW_CACHE.popitem(last=False)
    for message in hit[1]:
        warn.add(message.replace(_LABEL, shape.label))
    return hit[0]


def _entry(row: list[str], continuation: str, shape: _Shape, warn: Warnings) -> ListEntry:
    ent_num, label = row[0], shape.label
    sdn_type = _value(row[2])
    entity_type = ENTITY_TYPES.get(sdn_type.lower()) if sdn_type else EntityType.ENTITY
    if entity_type is None:
        raise FormatChanged(f"{label}: ent_num {ent_num}: unknown SDN_Type {sdn_type!r}")
    name = _value(row[1])
    if name is None:
        raise ParseError(f"{label}: ent_num {ent_num} has no name")
    entry = ListEntry(
        source_id=ent_num,
        entity_type=entity_type,
        names=[split_name(name, NameKind.PRIMARY, entity_type)],
        not_provided=shape.missing,
    )
    programs = _value(row[3])
    if programs:
        entry.programs = [p.strip() for p in programs.strip("[]").split("] [") if p.strip()]
    title = _value(row[4])
    if title:
        entry.titles.append(title)
    for column, key in _VESSEL_COLUMNS:
        value = _value(row[column])
        if value is not None:
            # the XML writes tonnage as a plain integer, the CSV with thousands separators
            entry.details[key] = value.replace(",", "") if key in _NUMERIC_DETAILS else value
    remarks = "" if row[11].strip() == NULL else row[11]
    if shape.cut and not continuation and len(remarks) >= REMARKS_LIMIT:
        remarks = cut_remarks(remarks)  # the rest is in the comments file we do not have
        entry.not_provided = shape.missing | {Component.REMARKS}
    remarks = (remarks + continuation).strip()
    if remarks:
        parse_remarks(entry, remarks)
    return entry


# Same details keys as the XML vesselInfo (ofac_common.VESSEL_DETAILS).
_VESSEL_COLUMNS = (
    (5, "call_sign"),
    (6, "vessel_type"),
    (7, "tonnage"),
    (8, "gross_registered_tonnage"),
    (9, "vessel_flag"),
    (10, "vessel_owner"),
)

_NUMERIC_DETAILS = frozenset({"tonnage", "gross_registered_tonnage"})

# ---------------------------------------------------------------------------------------------------
# alt.csv and add.csv


def _add_alt_names(entries: dict[str, ListEntry], data: bytes, warn: Warnings, budget: Budget) -> None:
    for ent_num, _alt_num, alt_type, alt_name, alt_remarks in _rows(data, "alt.csv", ALT_COLUMNS, budget):
        entry = entries.get(ent_num)
        if entry is None:
            warn.add("alt.csv: name for an ent_num missing from the main file ignored")
            continue
        name, kind_code = _value(alt_name), (_value(alt_type) or "").lower().replace(".", "")
        kind = _ALT_KINDS.get(kind_code)
        if kind is None:
            warn.add(f"alt.csv: unknown alt_type {alt_type!r}, kept as a.k.a.")
            kind = NameKind.AKA
        if name:
            entry.names.append(split_name(name, kind, entry.entity_type))
        if _value(alt_remarks):
            warn.add("alt.csv: alt_remarks not understood, ignored")


def _add_addresses(entries: dict[str, ListEntry], data: bytes, warn: Warnings, budget: Budget) -> None:
    for ent_num, _add_num, street, city, country, remarks in _rows(data, "add.csv", ADD_COLUMNS, budget):
        entry = entries.get(ent_num)
        if entry is None:
            warn.add("add.csv: address for an ent_num missing from the main file ignored")
            continue
        # The CSV joins city, state and postal code in one column ("Richardson, TX 75081"): kept whole
        # as the city here; fold() splits it the one way both formats agree on (ofac_canonical).
        address = Address(
            street=_value(street), city=_value(city), country=_value(country), note=_value(remarks)
        )
        if address.canonical():
            entry.addresses.append(address)
