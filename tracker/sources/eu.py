"""EU Financial Sanctions Files (FSF): the consolidated list, XML format ``xmlFullSanctionsList_1_1``.

Root ``export`` (namespace http://eu.europa.ec/fpi/fsd/export; matched on local names) with one
``sanctionEntity`` per designated person or enterprise. Choices the format leaves open:

* PRIMARY name: the EU marks no primary name, so the first ``nameAlias`` in document order that is not
  ``strong="false"`` is PRIMARY (the EU lists the name of the legal act's language first); the other
  strong aliases are AKA, ``strong="false"`` ones WEAK_AKA. If every alias is weak, the first is PRIMARY.
* ``listed_on``: the ``designationDate`` attribute (the schema defines it as the date the entity was first
  sanctioned); without it, the earliest ``publicationDate`` of the entity's regulation and of every
  ``regulationSummary`` under it (publication, not entry into force: it is the date the public learns).
* Birth dates: ISO, partial when the list is partial ("1965", "1965-04"); "~" suffix when ``circa`` is
  true and "1953/1958" for year ranges (ISO 8601-2 / EDTF); a year in a non-Gregorian calendar is kept
  as text ("1343 (ISLAMIC calendar)").
* The file repeats an entity once per regime it is listed under (same logicalId, 3 cases in
  2024-05-13): the repeats are merged into one entry (see ``_merge``).
* Remarks attached to a name, birth date or citizenship go into ``remarks`` with a prefix; those on an
  identification or address go into that record's ``note``.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

from tracker.errors import FormatChanged, ParseError
from tracker.records import ListEntry, NameKind, ParsedList
from tracker.sources.base import SourceSpec
from tracker.sources.common import (
    AttributeCheck,
    RecordStream,
    Warnings,
    check_xml_head,
    generation_time,
    join,
    local_name,
    read_head,
)
from tracker.sources.eu_entity import KNOWN_ATTRS, EntityBuilder

FORMAT = "eu-fsf-xml-1.1"


def parse(path: Path) -> ParsedList:
    """Parse an EU FSF ``xmlFullSanctionsList_1_1`` file (plain or gzipped).

    Raises ParseError for an empty, truncated or non-XML file and FormatChanged for another format.
    """
    _check_head(path)
    warnings = Warnings()
    check_attrs = AttributeCheck(KNOWN_ATTRS, warnings)
    entries: dict[str, ListEntry] = {}
    records = RecordStream(path, "{*}sanctionEntity")
    for el in records:
        try:
            entry = EntityBuilder(el, warnings, check_attrs).build()
        except FormatChanged as exc:
            raise FormatChanged(f"{path.name}: {exc}") from exc
        if (earlier := entries.get(entry.source_id)) is not None:
            _merge(earlier, entry)
        else:
            entries[entry.source_id] = entry
    published_at = _check_root(path, records.root, warnings)
    return ParsedList(
        entries=list(entries.values()), published_at=published_at, warnings=warnings.as_list(), format=FORMAT
    )


def _merge(entry: ListEntry, other: ListEntry) -> None:
    """Fold a second ``sanctionEntity`` with the same logicalId into the first.

    The file repeats an entity once per sanctions regime it is listed under (3 logicalIds in the
    2024-05-13 file: e.g. 547 under AFG and TAQA); it is one designated person, so one entry.
    """
    for name in other.names:
        if name.kind == NameKind.PRIMARY:
            name.kind = NameKind.AKA  # the first element's primary name stays the primary
    known = {(n.full, n.lang) for n in entry.names}
    entry.names.extend(n for n in other.names if (n.full, n.lang) not in known)
    for attr in ("programs", "birth_dates", "birth_places", "nationalities", "citizenships"):
        target: list[str] = getattr(entry, attr)
        target.extend(v for v in getattr(other, attr) if v not in target)
    for attr in ("titles", "positions", "identifiers", "addresses"):
        items: list[Any] = getattr(entry, attr)
        items.extend(v for v in getattr(other, attr) if v not in items)
    dates = [d for d in (entry.listed_on, other.listed_on) if d]
    entry.listed_on = min(dates) if dates else None
    entry.gender = entry.gender or other.gender
    entry.remarks = join([entry.remarks, other.remarks], "\n")
    for key, value in other.details.items():
        if key not in entry.details:
            entry.details[key] = value
        elif value not in entry.details[key].split("; "):
            entry.details[key] = f"{entry.details[key]}; {value}"


def _check_head(path: Path) -> None:
    """Fail early, with a clear message, on an empty file, an HTML page or the legacy 1.0 format."""
    text = check_xml_head(read_head(path, 4096), path.name, "the EU sanctions XML")
    if re.search(r"<whole[\s>]", text):
        raise FormatChanged(
            f"{path.name}: EU 1.0 'WHOLE' format is not supported; use xmlFullSanctionsList_1_1"
        )


def _check_root(path: Path, root: Any, warnings: Warnings) -> datetime | None:
    if root is None:
        raise ParseError(f"{path.name}: no XML element found")
    if local_name(root.tag) != "export":
        raise FormatChanged(
            f"{path.name}: unknown root element <{local_name(root.tag)}>, expected <export> "
            "(EU xmlFullSanctionsList_1_1)"
        )
    for child in root:
        if (tag := local_name(child.tag)) and tag != "sanctionEntity":
            warnings.add(f"unknown element <{tag}> in <export>")
    return generation_time(root, "generationDate", warnings)


FSF = SourceSpec(
    name="eu_fsf",
    title="EU Financial Sanctions Files (consolidated list)",
    publisher="European Commission (FISMA)",
    parse=parse,
    default_url=(
        "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content"
        "?token=dG9rZW4tMjAxNw"
    ),
    timeout=300,
    retries=5,
    file_suffix=".xml",
    format="XML xmlFullSanctionsList_1_1",
    licence="(c) European Union; reuse authorised with attribution (Commission Decision 2011/833/EU)",
)
