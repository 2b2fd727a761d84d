"""uk_fcdo: the FCDO UK Sanctions List CSV. No real copy exists in ../shared/data, so these tests run on
our own fixture written in the published layout (tests/fixtures/uk/UK-Sanctions-List.csv)."""

from __future__ import annotations

import gzip
from datetime import datetime
from pathlib import Path

import httpx
import pytest

from tests.conftest import FIXTURES
from tracker.errors import FetchError, FormatChanged, ParseError
from tracker.records import EntityType, NameKind
from tracker.sources import uk_fcdo
from tracker.sources.registry import get_source

FIXTURE = FIXTURES / "uk" / "UK-Sanctions-List.csv"
TEXT = FIXTURE.read_text(encoding="utf-8")


def write(tmp_path: Path, data: bytes | str, name: str = "UK-Sanctions-List.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_spec() -> None:
    spec = get_source("uk_fcdo")
    assert spec.live and spec.default_url == "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.csv"
    assert spec.resolve_url is uk_fcdo.resolve_url and spec.file_suffix == ".csv"


def test_fixture_entries() -> None:
    parsed = uk_fcdo.parse(FIXTURE)
    assert parsed.format == "uk-fcdo-csv" and parsed.warnings == []
    assert parsed.published_at == datetime(2026, 9, 21)
    entries = {e.source_id: e for e in parsed.entries}
    assert list(entries) == ["RUS9001", "AFG9002", "RUS9003", "RUS9004"]
    assert [entries[k].entity_type for k in entries] == [
        EntityType.INDIVIDUAL,
        EntityType.INDIVIDUAL,
        EntityType.ENTITY,
        EntityType.VESSEL,
    ]


def test_person_names_and_facts() -> None:
    person = {e.source_id: e for e in uk_fcdo.parse(FIXTURE).entries}["RUS9001"]
    kinds = {(n.full, n.kind) for n in person.names}
    assert kinds == {
        ("Ivan Sergeyevich PETROVSKY", NameKind.PRIMARY),
        ("Иван Сергеевич ПЕТРОВСКИЙ", NameKind.PRIMARY),
        ("Ivan Sergeevich PETROVSKII", NameKind.AKA),  # primary name variation
        ("Vanya PETROVSKY", NameKind.AKA),  # good-quality alias
        ("THE BANKER", NameKind.WEAK_AKA),  # low-quality alias
    }
    primary = next(n for n in person.names if n.full == "Ivan Sergeyevich PETROVSKY")
    assert (primary.first, primary.middle, primary.last, primary.script, primary.title) == (
        "Ivan",
        "Sergeyevich",
        "PETROVSKY",
        "Latn",
        "Mr",
    )
    cyrillic = next(n for n in person.names if n.script == "Cyrl")
    assert cyrillic.lang == "ru"
    assert sorted(person.birth_dates) == ["1970-02-01", "1971"]
    assert sorted(person.nationalities) == ["Cyprus", "Russia"]
    assert person.birth_places == ["Saratov, Russia"]
    assert {(i.type, i.number, i.note) for i in person.identifiers} == {
        ("Passport", "750000001", "Russia"),
        ("Passport", "K0000002", "Cyprus"),
        ("National ID", "770000000001", "Russian tax number (INN)"),
    }
    assert person.listed_on == "2022-03-15" and person.gender == "Male"
    assert (
        person.details["sanctions_imposed"] == "Asset freeze; Travel Ban; Director Disqualification Sanction"
    )
    assert person.details["ofsi_group_id"] == "99001"
    assert len(person.addresses) == 1 and person.addresses[0].city == "Moscow"


def test_un_designation_arabic_script_and_numbered_titles() -> None:
    entry = {e.source_id: e for e in uk_fcdo.parse(FIXTURE).entries}["AFG9002"]
    assert entry.details["un_ref"] == "TAi.999" and entry.details["designation_source"] == "UN"
    arabic = [n for n in entry.names if n.script == "Arab"]
    assert [(n.kind, n.lang) for n in arabic] == [(NameKind.PRIMARY, "fa")]
    assert sorted(entry.titles) == ["Haji", "Maulavi"]
    assert sorted(entry.birth_dates) == ["1965", "1966-05"]
    assert entry.birth_places == ["Kandahar, Afghanistan", "Spin Boldak, Afghanistan"]


def test_entity_and_ship_details() -> None:
    entries = {e.source_id: e for e in uk_fcdo.parse(FIXTURE).entries}
    entity = entries["RUS9003"]
    assert {n.full for n in entity.names if n.script == "Cyrl"} == {"АО «Фиктивный банк»"}
    assert [i.number for i in entity.identifiers if i.type == "Business Registration Number"] == [
        "1027700000001",
        "7700000001",
    ]
    assert len(entity.addresses) == 2 and entity.details["entity_kind"] == "Joint Stock Company"
    ship = entries["RUS9004"]
    assert [(i.type, i.number) for i in ship.identifiers] == [("IMO", "9000001")]
    assert ship.details["vessel_flag"] == "Gabon"
    assert ship.details["vessel_previous_flags"] == "Panama; Liberia"


def test_column_order_and_type_header_alias(tmp_path: Path) -> None:
    """Columns are mapped by name: reversed order and the "Individual, Entity, Ship" header parse alike."""
    import csv
    import io

    lines = TEXT.splitlines(keepends=True)
    rows = list(csv.reader(io.StringIO("".join(lines[1:]))))
    rows = [list(reversed(r)) for r in rows]
    rows[0] = ["Individual, Entity, Ship" if h == "Designation Type" else h for h in rows[0]]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    parsed = uk_fcdo.parse(write(tmp_path, lines[0] + out.getvalue()))
    original = uk_fcdo.parse(FIXTURE)
    assert parsed.warnings == []
    assert [e.canonical() for e in parsed.entries] == [e.canonical() for e in original.entries]


def test_gzip_and_bom_and_no_report_date(tmp_path: Path) -> None:
    body = TEXT.split("\n", 1)[1]
    parsed = uk_fcdo.parse(
        write(tmp_path, gzip.compress(b"\xef\xbb\xbf" + body.encode("utf-8")), "list.csv.gz")
    )
    assert len(parsed.entries) == 4 and parsed.published_at is None
    assert parsed.warnings == ["no 'Report Date' line before the header: publication date unknown"]


def test_windows_1252_copy_falls_back_with_warning(tmp_path: Path) -> None:
    latin = TEXT.replace("Иван Сергеевич ПЕТРОВСКИЙ", "").replace("АО «Фиктивный банк»", "AO «Banque»")
    latin = latin.replace("عبد الکریم تست الله", "")
    parsed = uk_fcdo.parse(write(tmp_path, latin.encode("cp1252")))
    assert "file is not utf-8: decoded as cp1252" in parsed.warnings
    assert "AO «Banque»" in {n.full for e in parsed.entries for n in e.names}


def test_unknown_values_warn_and_keep_the_entry(tmp_path: Path) -> None:
    text = TEXT.replace(",Alias,Low quality,", ",Nickname,Dubious,", 1).replace(",Ship,UK,", ",Submarine,UK,")
    text = text.replace("Hull identification number (HIN)", "Hull identification number (HIN),Colour")
    parsed = uk_fcdo.parse(write(tmp_path, text))
    assert "unknown name type 'Nickname': name kept as aka" in parsed.warnings
    assert "unknown alias quality 'Dubious': ignored" in parsed.warnings
    assert "unknown designation type 'Submarine': entry kept as entity (2 rows)" in parsed.warnings
    assert "unknown column 'Colour' ignored" in parsed.warnings
    entries = {e.source_id: e for e in parsed.entries}
    assert entries["RUS9004"].entity_type == EntityType.ENTITY
    assert {n.full: n.kind for n in entries["RUS9001"].names}["THE BANKER"] == NameKind.AKA


@pytest.mark.parametrize("column", ["Unique ID", "Name 6", "Name type", "Designation Type"])
def test_missing_required_column(tmp_path: Path, column: str) -> None:
    text = TEXT.replace(f",{column},", ",Something Else,", 1)
    with pytest.raises(FormatChanged, match=f"required column.*{column}"):
        uk_fcdo.parse(write(tmp_path, text))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\r\n\r\n", "empty"),
        (b"<!DOCTYPE html>\n<html><head><title>UK sanctions list</title></head></html>", "HTML page"),
        (b"PK\x03\x04\x14\x00\x00\x00", "zip"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"Report Date: 21-Sep-2026\r\n", "no header"),
        (b"Report Date: 21-Sep-2026\r\nfoo,bar\r\n1,2\r\n", "no UK Sanctions List header"),
    ],
)
def test_bad_input(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        uk_fcdo.parse(write(tmp_path, data))


def test_header_only(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="no entries"):
        uk_fcdo.parse(write(tmp_path, "".join(TEXT.splitlines(keepends=True)[:2])))


# --- resolve_url ---------------------------------------------------------------------------------------

CSV_URL = "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.csv"
PAGE = """<html><body><section id="documents">
<a href="/docs/UK-Sanctions-List.ods">UK Sanctions List (ODS)</a>
<a href="/docs/other-list.csv">Another list</a>
<a href="/docs/2026/UK_Sanctions_List-v2.csv?x=1">Download</a>
</section></body></html>"""


def client_for(routes: dict[str, httpx.Response]) -> httpx.Client:
    def handler(request: httpx.Request) -> httpx.Response:
        return routes.get(str(request.url), httpx.Response(404))

    return httpx.Client(transport=httpx.MockTransport(handler))


def test_resolve_url_keeps_a_csv_url() -> None:
    client = client_for(
        {CSV_URL: httpx.Response(200, headers={"content-type": "text/csv"}, content=TEXT.encode())}
    )
    assert uk_fcdo.resolve_url(client, CSV_URL) == CSV_URL


def test_resolve_url_finds_the_moved_csv() -> None:
    client = client_for({CSV_URL: httpx.Response(200, headers={"content-type": "text/html"}, text=PAGE)})
    assert (
        uk_fcdo.resolve_url(client, CSV_URL)
        == "https://sanctionslist.fcdo.gov.uk/docs/2026/UK_Sanctions_List-v2.csv?x=1"
    )


def test_resolve_url_link_found_by_its_text() -> None:
    page = '<a href="https://assets.example.gov.uk/media/abc123/file.csv">The UK Sanctions List (CSV)</a>'
    client = client_for({CSV_URL: httpx.Response(200, text=page)})  # no content-type: sniffed
    assert uk_fcdo.resolve_url(client, CSV_URL) == "https://assets.example.gov.uk/media/abc123/file.csv"


def test_resolve_url_no_link() -> None:
    page = '<html><a href="/docs/other-list.csv">Other</a></html>'
    client = client_for({CSV_URL: httpx.Response(200, headers={"content-type": "text/html"}, text=page)})
    with pytest.raises(FetchError, match="CSV link was not found on .*set TRACKER_SOURCE_URLS"):
        uk_fcdo.resolve_url(client, CSV_URL)


def test_resolve_url_http_error() -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        uk_fcdo.resolve_url(client_for({}), CSV_URL)


def test_resolve_url_unreachable() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with pytest.raises(FetchError, match="cannot reach"):
        uk_fcdo.resolve_url(httpx.Client(transport=httpx.MockTransport(handler)), CSV_URL)
