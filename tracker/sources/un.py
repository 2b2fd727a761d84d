"""UN Security Council Consolidated List, XML (``consolidated.xml``, no namespace).

Root ``CONSOLIDATED_LIST dateGenerated=...`` with ``INDIVIDUALS/INDIVIDUAL`` and ``ENTITIES/ENTITY``.
Choices the format leaves open:

* Stable id: ``DATAID``; ``REFERENCE_NUMBER`` (e.g. "QDi.001") is kept in ``details``.
* ``VERSIONNUM`` is left out of the content: across the 11 snapshots 2017-2026 it never changed for
  any DATAID although 2,470 records did change, so it carries no information (and if the UN started
  bumping it alone, every bump would look like a modification). ``SORT_KEY`` / ``SORT_KEY_LAST_MOD``
  are empty in every file seen and are ignored; ``LIST_TYPE`` is always "UN List".
* Primary name parts are positional, not semantic: the UN does not say which part is the family name
  (DPRK names put it in FIRST_NAME, Arabic names are a name chain). ``first`` = FIRST_NAME, ``last`` =
  the last present of SECOND..FOURTH_NAME, ``middle`` = the parts in between; ``full`` = all parts.
* ``NAME_ORIGINAL_SCRIPT`` is a second PRIMARY name (same name, original script) after the Latin one.
* Aliases: QUALITY Good / a.k.a. -> AKA, Low -> WEAK_AKA, f.k.a. -> FKA. One ALIAS_NAME may pack
  several names: "A; B" and "<Arabic> (Latin 1; Latin 2)" are split into separate names.
* Birth dates: ISO (partial "1968"); "~" suffix for APPROXIMATELY, "1953/1958" for BETWEEN (EDTF).
  Dates with a zone suffix ("1965-01-01-05:00") keep only the date.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from tracker.errors import FormatChanged, ParseError
from tracker.records import ListEntry, ParsedList
from tracker.sources.base import SourceSpec
from tracker.sources.common import RecordStream, Warnings, check_xml_head, generation_time, read_head
from tracker.sources.un_record import RecordBuilder

FORMAT = "un-sc-xml"
_SECTIONS = {"INDIVIDUALS": "INDIVIDUAL", "ENTITIES": "ENTITY"}


def parse(path: Path) -> ParsedList:
    """Parse a UN Security Council ``consolidated.xml`` (plain or gzipped).

    Raises ParseError for an empty, truncated or non-XML file and FormatChanged for another format.
    """
    _check_head(path)
    warnings = Warnings()
    entries: list[ListEntry] = []
    records = RecordStream(path, ("INDIVIDUAL", "ENTITY"))
    for el in records:
        parent = el.getparent()
        section = parent.tag if parent is not None else None
        if section is None or _SECTIONS.get(section) != el.tag:
            warnings.add(f"<{el.tag}> outside its <{el.tag}S> section")
        try:
            entries.append(RecordBuilder(el, warnings).build())
        except FormatChanged as exc:
            raise FormatChanged(f"{path.name}: {exc}") from exc
    published_at = _check_root(path, records.root, warnings)
    return ParsedList(entries=entries, published_at=published_at, warnings=warnings.as_list(), format=FORMAT)


def _check_head(path: Path) -> None:
    """Fail early, with a clear message, on an empty file or an HTML page."""
    check_xml_head(read_head(path, 4096), path.name, "the UN consolidated list XML")


def _check_root(path: Path, root: Any, warnings: Warnings) -> datetime | None:
    if root is None:
        raise ParseError(f"{path.name}: no XML element found")
    if root.tag != "CONSOLIDATED_LIST":
        raise FormatChanged(
            f"{path.name}: unknown root element <{root.tag}>, expected <CONSOLIDATED_LIST> "
            "(UN Security Council consolidated list)"
        )
    for child in root:
        if isinstance(child.tag, str) and child.tag not in _SECTIONS:
            warnings.add(f"unknown element <{child.tag}> in <CONSOLIDATED_LIST>")
    return generation_time(root, "dateGenerated", warnings)


SECURITY_COUNCIL = SourceSpec(
    name="un_sc",
    title="UN Security Council Consolidated List",
    publisher="United Nations Security Council",
    parse=parse,
    default_url="https://scsanctions.un.org/resources/xml/en/consolidated.xml",
    file_suffix=".xml",
    format="XML consolidated.xml",
    licence="United Nations terms of use (public information, reuse with attribution)",
)
