"""Writers for a diff report: CSV, JSON, XLSX (openpyxl) and Markdown.

Spreadsheet safety (CSV formula injection): a text cell that starts with = + - @ or a tab / carriage
return would be run as a formula by Excel or LibreOffice. In CSV such a cell gets a leading
apostrophe (the OWASP advice; the value stays readable). In XLSX the cell is written as an explicit
text cell with Excel's "quote prefix" style, so the value is kept exactly and never evaluated.

Encoding: UTF-8 always. A CSV *file* starts with a byte-order mark because Excel opens a BOM-less
UTF-8 CSV as Windows-1252 and garbles every non-Latin name (Cyrillic, Arabic aliases on the EU and
UN lists); CSV on stdout has no BOM, since it goes to pipes and tools where a BOM would corrupt the
first column name. Files use CRLF line ends (RFC 4180); stdout uses plain newlines.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from tracker.errors import UsageError
from tracker.report.diff import Report

if TYPE_CHECKING:  # pandas loads only when a report is built: other commands start quickly
    import pandas as pd

FORMATS = ("csv", "json", "xlsx", "md", "ftm-delta")  # ftm-delta: written by tracker.export.delta
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def is_dangerous(value: object) -> bool:
    return isinstance(value, str) and value.startswith(_DANGEROUS)


def neutralise(value: object) -> object:
    """A cell a spreadsheet would treat as a formula, made inert with a leading apostrophe."""
    return "'" + value if is_dangerous(value) and isinstance(value, str) else value


def neutralised(table: pd.DataFrame) -> pd.DataFrame:
    return table.map(neutralise) if len(table) else table


def format_for(path: Path | None, fmt: str | None) -> str:
    """The explicit --format, else the output file's suffix, else CSV."""
    if fmt:
        fmt = fmt.lower()
        if fmt not in FORMATS:
            raise UsageError(f"unknown --format {fmt!r} (use one of: {', '.join(FORMATS)})")
        return fmt
    suffix = path.suffix.lower().lstrip(".") if path else ""
    return suffix if suffix in FORMATS else "csv"


def write_report(report: Report, fmt: str, path: Path | None, stdout: TextIO | None = None) -> None:
    """Write to ``path`` (or stdout when None; XLSX needs a file)."""
    out = stdout or sys.stdout
    if fmt == "xlsx":
        if path is None:
            raise UsageError("--format xlsx needs --output FILE.xlsx")
        write_xlsx(report, path)
        return
    if path is not None and path.parent and not path.parent.exists():
        raise UsageError(f"folder does not exist: {path.parent}")
    if fmt == "csv":
        if path is None:
            neutralised(report.table).to_csv(out, index=False, lineterminator="\n")
        else:
            neutralised(report.table).to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n")
        return
    text = json_text(report) if fmt == "json" else markdown_text(report)
    if path is None:
        out.write(text)
    else:
        path.write_text(text, encoding="utf-8")


def json_text(report: Report) -> str:
    """The rows as data (not neutralised: JSON is read by programs, not spreadsheets)."""
    body: dict[str, Any] = {
        "mode": "each" if report.each else "net",
        "sources": [s.as_json() for s in report.summaries],
        "notes": report.notes,
        "rows": report.table.to_dict(orient="records"),
    }
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def markdown_text(report: Report) -> str:
    lines = ["| source | from | to | added | removed | modified |", "|---|---|---|---:|---:|---:|"]
    for s in report.summaries:
        lines.append(
            f"| {s.source} | {s.from_snapshot or '(empty)'} | {s.to_snapshot} | {s.added} | {s.removed} | {s.modified} |"
        )
    lines += [f"\nNote: {_md_cell(line)}" for line in report.notes]
    lines += ["", "| " + " | ".join(report.table.columns) + " |", "|" + "---|" * len(report.table.columns)]
    for row in report.table.itertuples(index=False):
        lines.append("| " + " | ".join(_md_cell(v) for v in row) + " |")
    return "\n".join(lines) + "\n"


def _md_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", "<br>")


def write_xlsx(report: Report, path: Path) -> None:
    """The report as a workbook: a "changes" sheet (frozen header, auto-filter) and a "summary" sheet.

    Written in openpyxl's write-only mode, row by row: the normal mode's per-row lookup of the sheet's
    last row made 8,949 rows take 29 s (bench/diff_bench.py, load 2.7); write-only takes about a second.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet("changes")
    columns = list(report.table.columns)
    # Sheet settings go before the first row in write-only mode.
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(columns), 1))}{len(report.table) + 1}"
    widths = {"before": 60, "after": 60, "primary_name": 40, "programs": 24}
    for i, name in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = widths.get(name, 14)
    sheet.append(columns)

    def inert(value: object) -> object:
        if not is_dangerous(value):
            return value
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # text, never a formula
        cell.quotePrefix = True
        return cell

    for row in report.table.itertuples(index=False):
        sheet.append([inert(_xlsx_value(v)) for v in row])
    summary = book.create_sheet("summary")
    summary.append(["source", "from_snapshot", "to_snapshot", "added", "removed", "modified"])
    for s in report.summaries:
        summary.append([s.source, s.from_snapshot, s.to_snapshot, s.added, s.removed, s.modified])
    for line in report.notes:
        summary.append([inert(f"note: {line}")])
    try:
        book.save(path)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def _xlsx_value(value: object) -> object:
    if value is None or (isinstance(value, float) and value != value):  # None or NaN
        return None
    # openpyxl refuses control characters other than tab / newline / CR in cells
    return "".join(ch for ch in value if ch >= " " or ch in "\t\n\r") if isinstance(value, str) else value
