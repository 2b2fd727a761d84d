"""Memory bombs against every kind of reader (issue 12 item 1): time and peak memory of each refusal.

Each bomb is generated here, a few MB on disk at most: gzip files are many identical gzip members (one
MB of filler each, ~1 KB packed), workbooks one deflate stream. Each is then parsed (or, for the served
.gz, downloaded from a local server) in a fresh process with the default settings, and the process's
peak resident memory is read from the kernel (ru_maxrss). The figures are printed beside the caps
(TRACKER_MAX_LIST_BYTES, _MAX_LIST_ELEMENTS, _MAX_PARSE_MEMORY_MB, _MAX_DOWNLOAD_BYTES) and beside a
baseline: the real OFAC SDN XML (21 MB, ../shared/data) parsed the same way.

Target: every bomb refused in under 30 s with peak memory under 1 GB. On a busy machine the wall time
is mostly waiting for a core: the CPU column (the whole process, imports included) is the figure.

    python bench/bomb_bench.py            # all kinds
    python bench/bomb_bench.py --only uk  # the kinds whose name contains "uk"
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
MB = 1 << 20

OFAC_HEAD = b'<?xml version="1.0" standalone="yes"?>\n<sdnList xmlns="http://tempuri.org/sdnList.xsd">\n'
EU_HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n<export xmlns="http://eu.europa.ec/fpi/fsd/export">\n'
UN_HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n<CONSOLIDATED_LIST dateGenerated="2024-05-15T00:00:00">\n'
OFAC_ENTRY = (
    b"<sdnEntry><uid>1</uid><lastName>PETROV</lastName><firstName>Ivan</firstName><sdnType>Individual"
    b"</sdnType><programList><program>RUSSIA-EO14024</program></programList></sdnEntry>\n"
)
FCDO_HEAD = b"Report Date: 01-May-2024\nName 6,Name 1,Unique ID,Group Type,Regime\n"
FCDO_ROW = b"PETROV,Ivan,RUS0001,Individual,Russia\n"
FTM_LINE = b'{"id":"p1","schema":"Person","properties":{"name":["Ivan Petrov"],"country":["ru"]}}\n'


def gzip_members(path: Path, head: bytes, filler: bytes, megabytes: int, tail: bytes = b"") -> None:
    """``head``, then ``megabytes`` MB of ``filler``, then ``tail``, as concatenated gzip members (one
    packed MB written ``megabytes`` times: fast to make, and a valid gzip file)."""
    block = filler * (MB // len(filler))  # whole fillers: lines stay lines
    packed = gzip.compress(block, compresslevel=9, mtime=0)
    with path.open("wb") as out:
        out.write(gzip.compress(head, mtime=0))
        for _ in range(megabytes):
            out.write(packed)
        out.write(gzip.compress(tail, mtime=0))


def workbook(path: Path, filler: bytes, megabytes: int) -> None:
    """An .xlsx whose one sheet holds ``megabytes`` MB of ``filler`` rows (a deflate stream)."""
    block = (filler * (MB // len(filler) + 1))[: MB - MB % len(filler)]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0"?><worksheet><sheetData>')
            for _ in range(megabytes):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")


# kind -> (source, file name, what it is, generator)
KINDS: dict[str, tuple[str, str, str, Callable[[Path], None]]] = {
    "ofac-xml-2gb": (
        "ofac_sdn",
        "sdn.xml.gz",
        "OFAC XML, 2 GB of padding in 2 MB of gzip",
        lambda p: gzip_members(p, OFAC_HEAD, b" ", 2048, b"</sdnList>"),
    ),
    "ofac-xml-empty-elements": (
        "ofac_sdn",
        "sdn.xml.gz",
        "OFAC XML, 130 M empty elements (512 MB) in gzip",
        lambda p: gzip_members(p, OFAC_HEAD, b"<x/>", 512, b"</sdnList>"),
    ),
    "ofac-xml-entries": (
        "ofac_sdn",
        "sdn.xml.gz",
        "OFAC XML, 2.5 M copies of one entry (400 MB) in gzip",
        lambda p: gzip_members(p, OFAC_HEAD, OFAC_ENTRY, 400, b"</sdnList>"),
    ),
    "eu-xml-empty-elements": (
        "eu_fsf",
        "eu.xml.gz",
        "EU XML, 130 M empty elements in gzip",
        lambda p: gzip_members(p, EU_HEAD, b"<x/>", 512, b"</export>"),
    ),
    "un-xml-empty-elements": (
        "un_sc",
        "un.xml.gz",
        "UN XML, 130 M empty elements in gzip",
        lambda p: gzip_members(p, UN_HEAD, b"<x/>", 512, b"</CONSOLIDATED_LIST>"),
    ),
    "uk-csv-rows": (
        "uk_fcdo",
        "UK-Sanctions-List.csv.gz",
        "UK CSV, 14 M rows (500 MB) in gzip",
        lambda p: gzip_members(p, FCDO_HEAD, FCDO_ROW, 500),
    ),
    "uk-xlsx-rows": (
        "uk_ofsi",
        "ConList.xlsx",
        "OFSI .xlsx, a sheet of 400 MB of rows (zip bomb)",
        lambda p: workbook(p, b'<row r="3"><c r="A3" t="inlineStr"><is><t>x</t></is></c></row>', 400),
    ),
    "au-xlsx-huge": (
        "au_dfat",
        "consolidated.xlsx",
        "DFAT .xlsx, a sheet of 1 GB (zip bomb)",
        lambda p: workbook(p, b" ", 1024),
    ),
    "ftm-json-lines": (
        "os_ftm",
        "entities.ftm.json.gz",
        "FtM JSON lines, 5.9 M entities (500 MB) in gzip",
        lambda p: gzip_members(p, b"", FTM_LINE, 500),
    ),
    "download-gz": (
        "download",
        "sdn.xml.gz",
        "a served .gz of 2 GB (download from a local server)",
        lambda p: gzip_members(p, OFAC_HEAD, b" ", 2048, b"</sdnList>"),
    ),
}


def child(kind: str, path: Path) -> None:
    """Run one case in this (fresh) process; print one JSON line."""
    sys.path.insert(0, str(ROOT))
    from tracker.errors import TrackerError
    from tracker.settings import load_settings
    from tracker.sources.registry import get_source

    source = KINDS[kind][0] if kind in KINDS else "ofac_sdn"
    started = time.monotonic()
    try:
        if source == "download":
            result = download(path, load_settings().max_download_bytes)
        else:
            parsed = get_source(source).parse(path)
            result = f"parsed: {len(parsed.entries)} entries"
    except TrackerError as exc:
        result = f"refused: {exc}"
    seconds = time.monotonic() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak = usage.ru_maxrss / 1024  # KiB on Linux
    cpu = usage.ru_utime + usage.ru_stime  # with the imports: ~1 s
    row = {
        "kind": kind,
        "seconds": round(seconds, 2),
        "cpu": round(cpu, 1),
        "peak_mb": round(peak),
        "result": result,
    }
    print(json.dumps(row))


def download(path: Path, max_bytes: int) -> str:
    from tests.localserver import ServedFile, ServerState, serve
    from tracker.sources.fetch import fetch

    state = ServerState(files={"/sdn.xml.gz": ServedFile(path.read_bytes(), "application/gzip")})
    with serve(state) as base, tempfile.TemporaryDirectory() as archive:
        got = fetch(
            base + "/sdn.xml.gz",
            source="ofac_sdn",
            archive_dir=Path(archive),
            previous=None,
            retries=0,
            max_bytes=max_bytes,
            user_agent="bomb-bench",
        )
        return f"downloaded: {got.size} bytes"


def run_child(kind: str, path: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    lines = out.stdout.strip().splitlines()
    if out.returncode != 0 or not lines:
        tail = out.stderr.strip().splitlines()[-1:] or ["no output"]
        return {"kind": kind, "seconds": None, "cpu": None, "peak_mb": None, "result": f"CRASHED: {tail[0]}"}
    data: dict[str, object] = json.loads(lines[-1])
    return data


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", default="", help="run the kinds whose name contains this")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    sys.path.insert(0, str(ROOT))
    from tracker.settings import load_settings

    settings = load_settings()
    print(
        f"caps: {settings.max_list_bytes // MB} MB decompressed, {settings.max_list_elements:,} tags + lines, "
        f"{settings.max_parse_memory_mb} MB of memory growth per parse; downloads "
        f"{settings.max_download_bytes // MB} MB (decompressed too)"
    )
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    real = SHARED / "ofac/2024-05-07/sdn.xml.gz"
    rows = []
    if real.exists():
        rows.append(
            (
                "baseline: the real OFAC SDN XML (21 MB, 14,966 entries)",
                real.stat().st_size,
                run_child("baseline", real),
            )
        )
    with tempfile.TemporaryDirectory() as folder:
        for kind, (_source, name, what, make) in KINDS.items():
            if args.only not in kind:
                continue
            path = Path(folder) / name
            make(path)
            rows.append((what, path.stat().st_size, run_child(kind, path)))
            path.unlink()
    print(f"{'input':56} {'on disk':>9} {'wall':>7} {'CPU':>7} {'peak':>8}  outcome")
    for what, size, row in rows:
        seconds = f"{row['seconds']:.1f} s" if row["seconds"] is not None else "-"
        cpu = f"{row['cpu']:.1f} s" if row["cpu"] is not None else "-"
        peak = f"{row['peak_mb']} MB" if row["peak_mb"] is not None else "-"
        result = str(row["result"])
        print(f"{what:56} {size / MB:>7.1f}MB {seconds:>7} {cpu:>7} {peak:>8}  {result[:150]}")
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
