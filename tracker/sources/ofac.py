"""OFAC sources: the SDN list and the Consolidated (non-SDN) list, in the legacy XML, the Enhanced XML or
the CSV set.

``parse`` sniffs the input, so ``tracker import ofac_sdn <file-or-folder>`` takes any format: a folder
is a CSV set, a file whose first non-blank byte is '<' is XML (Enhanced when its root is
``sanctionsData``), a ZIP is opened, anything else is CSV. All formats give the same uid and canonical form.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from io import BytesIO
from pathlib import Path

from tracker.errors import ParseError
from tracker.records import ParsedList
from tracker.sources.base import SourceSpec
from tracker.sources.common import CONTROL_BYTES, Budget, find_member, read_bytes, read_head
from tracker.sources.ofac_canonical import fold
from tracker.sources.ofac_csv import CsvSet, parse_csv, parse_csv_set
from tracker.sources.ofac_enhanced import is_enhanced, parse_enhanced, parse_enhanced_bytes
from tracker.sources.ofac_xml import parse_xml, parse_xml_bytes

ZIP_MAGIC = b"PK\x03\x04"


def parse(path: Path) -> ParsedList:
    """Parse any OFAC legacy file: sdn.xml / consolidated.xml, the CSV set (folder or file), or a ZIP."""
    if path.is_dir():
        xml = find_member(path, "sdn.xml") or find_member(path, "consolidated.xml")
        has_csv = find_member(path, "sdn.csv") or find_member(path, "cons_prim.csv")
        return parse_xml(xml) if xml and not has_csv else parse_csv(path)
    head = read_head(path, 1024)
    _refuse_what_is_no_list(head, path.name)
    if head.startswith(ZIP_MAGIC):
        budget = Budget(path.name)
        return _parse_zip(read_bytes(path, budget), path.name, budget)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return parse_enhanced(path) if is_enhanced(head) else parse_xml(path)
    return parse_csv(path)


_HTML = re.compile(rb"<!doctype html|<html[\s>]", re.IGNORECASE)


def _refuse_what_is_no_list(head: bytes, label: str) -> None:
    """Say what the file is when it is no OFAC list at all, whatever its name (an HTML page saved as
    sdn.csv was once refused as 'not the OFAC XML', random bytes named bin.xml as '1 columns')."""
    if head.startswith(ZIP_MAGIC):
        return
    if _HTML.search(head[:512]):
        raise ParseError(f"{label}: got an HTML page, not an OFAC list file")
    if CONTROL_BYTES.search(head):
        raise ParseError(f"{label}: binary data, not an OFAC list file (XML, CSV or ZIP)")


def _parse_zip(data: bytes, label: str, budget: Budget) -> ParsedList:
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ParseError(f"{label}: ZIP file is truncated or corrupt ({exc})") from exc
    with archive:
        budget.check_zip(archive)  # members are read whole below: measure them first
        members = {Path(n).name.lower(): n for n in archive.namelist() if not n.endswith("/")}

        def member(name: str) -> bytes | None:
            real = members.get(name)
            try:
                return archive.read(real) if real else None
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
                raise ParseError(f"{label}: cannot read {real} from the ZIP ({exc})") from exc

        for xml_name in ("sdn.xml", "consolidated.xml", "sdn_enhanced.xml", "cons_enhanced.xml"):
            xml = member(xml_name)
            if xml is not None:
                parse_member = parse_enhanced_bytes if is_enhanced(xml[:1024]) else parse_xml_bytes
                return parse_member(xml, f"{label}:{members[xml_name]}", budget)  # named as in the ZIP
        for main_name, add, alt, comments in (
            ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"),
            ("cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"),
        ):
            main = member(main_name)
            if main is not None:
                files = CsvSet(
                    main, f"{label}:{members[main_name]}", member(add), member(alt), member(comments)
                )
                return parse_csv_set(files, budget)
        held = ", ".join(sorted(members.values())[:5]) + (" ..." if len(members) > 5 else "")
    raise ParseError(
        f"{label}: ZIP holds no sdn.xml, consolidated.xml, SDN_ENHANCED.XML, CONS_ENHANCED.XML, sdn.csv "
        f"or cons_prim.csv (it holds: {held or 'nothing'})"
    )


SDN = SourceSpec(
    name="ofac_sdn",
    title="OFAC Specially Designated Nationals (SDN) List",
    publisher="US Treasury OFAC",
    parse=parse,
    reads_folders=True,
    default_url="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.XML",
    file_suffix=".xml",
    format="legacy XML; Enhanced XML (SDN_ENHANCED.XML / .ZIP); CSV set (sdn, add, alt, comments)",
    licence="US government work, public domain (17 U.S.C. 105)",
    fold=fold,
)

CONSOLIDATED = SourceSpec(
    name="ofac_cons",
    title="OFAC Consolidated (non-SDN) List",
    publisher="US Treasury OFAC",
    parse=parse,
    reads_folders=True,
    default_url="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONSOLIDATED.XML",
    file_suffix=".xml",
    format="legacy XML; Enhanced XML (CONS_ENHANCED.XML / .ZIP); CSV set (cons_prim, ...)",
    licence="US government work, public domain (17 U.S.C. 105)",
    fold=fold,
)

__all__ = ["CONSOLIDATED", "SDN", "parse", "parse_csv", "parse_xml"]
