"""The issue-16 sources on the real files in ../shared/data: exact counts (counted independently of the
parsers where the file allows it) and one golden entry per source with every field checked."""

from __future__ import annotations

import csv
import gzip
import zipfile
from collections import Counter
from datetime import datetime

import pytest
from lxml import etree

from tests.conftest import real_file
from tracker.records import EntityType
from tracker.sources import au_dfat, ca_sema, ofac, os_ftm, os_simple, us_bis_dpl, us_csl

pytestmark = pytest.mark.realdata


def _by_id(parsed, source_id):  # type: ignore[no-untyped-def]
    return next(e for e in parsed.entries if e.source_id == source_id)


def _xml_entities(data: bytes) -> int:
    root = etree.fromstring(data)
    return len(root.findall("{*}entities/{*}entity"))


@pytest.mark.parametrize(
    ("relative", "count", "published", "program"),
    [
        ("ofac/2025-01-10_consolidated_enhanced/CONS_ENHANCED.ZIP", 443, datetime(2025, 1, 10), None),
        (
            "ofac/enhanced_program_exports/IRGC_sanctions_2024-08-28.xml.gz",
            293,
            datetime(2024, 8, 28),
            "IRGC",
        ),
        # 2024-05-24T15:59:26.4511801-04:00: seven fraction digits and an offset, as UTC
        (
            "ofac/enhanced_program_exports/yemen_sanctions_2024-05-24.xml.gz",
            10,
            datetime(2024, 5, 24, 19, 59, 26, 451180),
            "YEMEN",
        ),
    ],
)
def test_ofac_enhanced_counts(relative: str, count: int, published: datetime, program: str | None) -> None:
    path = real_file(relative)
    raw = (
        zipfile.ZipFile(path).read("CONS_ENHANCED.XML")
        if path.suffix == ".ZIP"
        else gzip.decompress(path.read_bytes())
    )
    assert _xml_entities(raw) == count
    parsed = ofac.parse(path)
    assert (parsed.format, len(parsed.entries), parsed.published_at) == ("ofac-enhanced", count, published)
    # a program export (publicationInfo/filters/sanctionsPrograms) says it is part of the list only
    assert parsed.warnings == (
        []
        if program is None
        else [
            f"a program export ({program}): only part of the list; stored as the whole list it would "
            "delist every other entry (the shrink guard stops that once the full list is stored)"
        ]
    )


@pytest.mark.slow  # reads the whole 2024 sdn.xml (21 MB)
def test_ofac_enhanced_gives_the_legacy_canonical_form_yemen() -> None:
    """The 10 Yemen designations: the Enhanced export of 2024-05-24 and the legacy sdn.xml of 2024-05-07
    give the identical canonical form (same uid, every field), so switching formats changes nothing."""
    enhanced = ofac.parse(real_file("ofac/enhanced_program_exports/yemen_sanctions_2024-05-24.xml.gz"))
    legacy = {e.source_id: e for e in ofac.parse(real_file("ofac/2024-05-07/sdn.xml.gz")).entries}
    for entry in enhanced.entries:
        assert entry.canonical() == legacy[entry.source_id].canonical(), entry.source_id
    golden = _by_id(enhanced, "17928")
    assert golden.canonical() == {
        "source_id": "17928",
        "entity_type": "individual",
        "names": [
            {
                "full": "SALIH AL-AHMAR, Ahmad Ali Abdallah",
                "kind": "aka",
                "first": "Ahmad Ali Abdallah",
                "last": "SALIH AL-AHMAR",
                "script": "Latn",
            },
            {
                "full": "SALEH, Ahmad Ali Abdullah",
                "kind": "aka",
                "first": "Ahmad Ali Abdullah",
                "last": "SALEH",
                "script": "Latn",
            },
            {
                "full": "SALEH, Ahmed Ali",
                "kind": "primary",
                "first": "Ahmed Ali",
                "last": "SALEH",
                "script": "Latn",
            },
            {
                "full": "SALEH, Ahmed Ali Abdullah",
                "kind": "aka",
                "first": "Ahmed Ali Abdullah",
                "last": "SALEH",
                "script": "Latn",
            },
        ],
        "programs": ["YEMEN"],
        "birth_dates": ["1970", "1972-07-25"],
        "birth_places": ["Sana'a, Yemen"],  # the Enhanced file writes Sana’a; the legacy files ASCII
        "nationalities": ["Yemen"],
        "identifiers": [
            {
                "type": "Diplomatic Passport",
                "number": "00000017",
                "country": "Yemen",
                "issued": "2008-10-27",
                "expires": "2014-10-26",
            },
        ],
        "gender": "male",
        "titles": [
            "Yemen's former Ambassador to the United Arab Emirates; Former Commander of Yemen's "
            "Republican Guard"
        ],
    }


def test_ca_sema_count_and_golden() -> None:
    path = real_file("canada/2020-04-15/sema-lmes.xml.gz")
    assert len(etree.fromstring(gzip.decompress(path.read_bytes())).findall("record")) == 1369
    parsed = ca_sema.parse(path)
    assert (len(parsed.entries), parsed.warnings) == (1369, [])
    assert Counter(e.entity_type for e in parsed.entries) == {
        EntityType.INDIVIDUAL: 985,
        EntityType.ENTITY: 384,
    }
    assert _by_id(parsed, "Burma/2/4").canonical() == {
        "source_id": "Burma/2/4",
        "entity_type": "individual",
        "names": [
            {
                "full": "Aung Thet Mann",
                "kind": "primary",
                "first": "Aung Thet",
                "last": "Mann",
                "script": "Latn",
            },
            {"full": "Shwe Mann Ko Ko", "kind": "aka", "script": "Latn"},
        ],
        "programs": ["Burma"],
        "birth_dates": ["1977-06-19"],
        "details": {"item": "4", "regulation": "Burma / Birmanie", "schedule": "2"},
    }
    # bilingual labels: the English half is the programme and the title
    general = _by_id(parsed, "Syria/2/60")
    assert (general.programs, general.titles) == (["Syria"], ["Major General"])
    assert _by_id(parsed, "Venezuela/N/A/55").primary_name == "Manuel Gregorio BERNAL MARTÍNEZ"


@pytest.mark.slow  # 9,560 workbook rows through openpyxl: about 3 s
def test_au_dfat_count_and_golden() -> None:
    parsed = au_dfat.parse(real_file("australia_dfat/2024-12-17/regulation8_consolidated.xlsx"))
    assert (len(parsed.entries), parsed.warnings) == (3062, [])
    # 9,560 rows, 7 of them empty; 20 rows repeat a name (and name type) of their own listing
    assert sum(len(e.names) for e in parsed.entries) == 9553 - 20
    golden = _by_id(parsed, "3")  # rows 3 (int), 3a, 3b (str)
    assert golden.canonical() == {
        "source_id": "3",
        "entity_type": "individual",
        "names": [
            {"full": "A. Kabir", "kind": "aka", "script": "Latn"},
            {"full": "Abdul Kabir Mohammad Jan", "kind": "primary", "script": "Latn"},
            {"full": "عبد الکبیر محمد جان", "kind": "aka", "script": "Arab"},
        ],
        "programs": ["1988 (Taliban)"],
        "birth_dates": ["Approximately 1963"],
        "birth_places": ["Pul-e-Khumri or Baghlan Jadid District, Baghlan Province, Afghanistan"],
        "citizenships": ["Afghanistan"],
        "remarks": "Title: Maulavi. Designation: a) Second Deputy, Economic affairs, Council of Ministers under "
        "the Taliban regime b) Governor of Nangarhar Province under the Taliban regime c) Head of Eastern Zone "
        "under the Taliban regime. Active in terrorist operations in Eastern Afghanistan. Collects money from "
        "drug traffickers. Believed to be in Afghanistan/Pakistan border area. Member of the Taliban Supreme "
        "Council as at 2009. Belongs to Zadran tribe. Review pursuant to Security Council resolution 1822 (2008) "
        "was concluded on 23 Jul. 2010. Family is originally from Neka District, Paktia Province, Afghanistan. "
        "Responsible for attack on Afghan parliamentarians in November 2007 in Baghlan; owns land in central "
        "Baghlan Province.",
        "details": {
            "control_date": "2014-01-06",
            "listing_information": "Listed by UN 1267 Committee on 25 January 2001 (amended on3 Sep 2003, "
            "20 December 2005, 18 Jul 2007, 21 Sep 2007, 13 Feb 2012, 13 Aug 2012 and 31 Dec. 2013)",
        },
    }
    # lettered multi-values
    assert _by_id(parsed, "2").birth_dates == ["Approximately 1955- 1958", "Approximately 1945-1950"]


def test_us_csl_count_source_lists_and_golden() -> None:
    path = real_file("us_csl/2022-05-06/consolidated.csv.gz")
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 14160
    parsed = us_csl.parse(path)
    # one row (CAP 15268, BANK OF KUNLUN) is in the file twice (the copy adds a source_list_url)
    assert len(parsed.entries) == 14159
    assert parsed.warnings == ["CAP:15268 appears twice; kept the first row"]
    by_list = Counter(e.source_id.split(":")[0] for e in parsed.entries)
    assert len(by_list) == 13 and by_list["SDN"] == 10026 and by_list["EL"] == 2001 and by_list["DPL"] == 462
    # one party on two lists: two entries, each with its own list
    assert _by_id(parsed, "SDN:34616").details["source_list"].startswith("Specially Designated Nationals")
    assert _by_id(parsed, "CAP:34616").canonical() == {
        "source_id": "CAP:34616",
        "entity_type": "entity",
        "names": [{"full": "ARIMERO HOLDING LIMITED", "kind": "primary", "script": "Latn"}],
        "programs": ["CAP: RUSSIA-EO14024"],
        "identifiers": [
            {"type": "Registration Number", "number": "C146742", "country": "CY"},
            {"type": "Listing Date (EO 14024 Directive 2):", "number": "24 Feb 2022"},
            {"type": "Effective Date (EO 14024 Directive 2):", "number": "26 Mar 2022"},
            {
                "type": "Executive Order 14024 Directive Information -",
                "number": "For more information on directives, please visit the following link: https://home."
                "treasury.gov/policy-issues/financial-sanctions/sanctions-programs-and-country-information/"
                "russian-harmful-foreign-activities-sanctions#directives",
            },
        ],
        "addresses": [{"street": "Agiou Andreou, 332, Partician Chambers, Limassol, 3035", "country": "CY"}],
        "remarks": "(Linked To: PUBLIC JOINT STOCK COMPANY SBERBANK OF RUSSIA)",
        "details": {
            "entity_number": "34616",
            "source_information_url": "http://bit.ly/2PqohAD",
            "source_list": "Capta List (CAP) - Treasury Department",
        },
    }
    kebekov = next(e for e in parsed.entries if e.primary_name.startswith("KEBEKOV"))
    assert len(kebekov.names) > 3  # alt_names split on "; "


@pytest.mark.parametrize(("day", "rows", "names"), [("2019-06-29", 546, 415), ("2023-11-30", 665, 545)])
def test_us_bis_dpl_counts(day: str, rows: int, names: int) -> None:
    path = real_file(f"us_bis_dpl/{day}/dpl.txt")
    with path.open(encoding="utf-8", newline="") as fh:
        raw = list(csv.DictReader(fh, delimiter="\t"))
    assert len(raw) == rows and len({" ".join(r["Name"].split()).upper() for r in raw}) == names
    parsed = us_bis_dpl.parse(path)
    assert (len(parsed.entries), parsed.warnings) == (names, [])


def test_us_bis_dpl_golden() -> None:
    """A temporary denial order renewed 15 times: its rows give one entry, the values of all rows kept."""
    parsed = us_bis_dpl.parse(real_file("us_bis_dpl/2023-11-30/dpl.txt"))
    assert _by_id(parsed, "SKY BLUE BIRD FZC").canonical() == {
        "source_id": "SKY BLUE BIRD FZC",
        "entity_type": "entity",
        "names": [{"full": "SKY BLUE BIRD FZC", "kind": "primary", "script": "Latn"}],
        "programs": ["DPL"],
        "addresses": [{"street": "P.O. BOX 16111", "city": "RAS AL KHAIMAH TRADE ZONE", "country": "AE"}],
        "listed_on": "2023-10-31",
        "details": {
            "action": "FR NOTICE ADDED, TDO RENEWAL, F.R. NOTICE ADDED, TDO RENEWAL ADDED, F.R. NOTICE UPDATED, "
            "TDO RENEWAL ADDED, F.R. NOTICE ADDED, TDO RENEWAL, F.R. NOTICE ADDED, TDO RENEWAL ADDED, TDO, "
            "F.R. NOTICE ADDED; TDO RENEWAL ADDED, F.R. NOTICE ADDED, TDO RENEWAL ADDED, TDO RENEWAL ADDED, "
            "F.R. NOTICE ADDED, ADDITION, F.R. NOTICE ADDED; TDO RENEWAL, F.R. NOTICE ADDED, TDO RENEWAL",
            "effective_date": "2023-10-31",
            "expiration_date": "2024-10-30",
            "fr_citation": "80 F.R. 44930 7/28/15, 81 F.R. 45277 7/13/2016, 82 F.R. 2312 1/9/2017, "
            "82 F.R. 30823 7/3/2017, 82 F.R. 61745 12/29/2017, 83 F.R. 28801 6/21/2018, 83 F.R. 64518 12/17/2018, "
            "84 F.R. 27233 6/12/2019, 84 F.R. 66873 12/6/2019, 85 F.R. 34405 6/4/2020, 85 F.R. 77147 12/1/2020, "
            "86 F.R. 28540 5/27/2021, 86 F.R. 66277 11/22/2021, 87 F.R. 30173 5/18/2022, 88 F.R. 30078 5/10/2023",
            "last_update": "2023-11-01",
            "standard_order": "Y",
        },
    }
    # a person with three addresses on three rows is one entry
    assert len(_by_id(parsed, "I. ASH").addresses) == 3


@pytest.mark.parametrize(
    ("dataset", "day", "count", "schemas"),
    [
        (
            "ua_war_sanctions",
            "2026-03-13",
            5600,
            {"Person": 1543, "Company": 1524, "Vessel": 1340, "LegalEntity": 1193},
        ),
        ("interpol_red_notices", "2025-05-23", 6561, {"Person": 6561}),
    ],
)
def test_os_targets_simple(dataset: str, day: str, count: int, schemas: dict[str, int]) -> None:
    path = real_file(f"opensanctions/{dataset}/{day}/targets.simple.csv.gz")
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        assert sum(1 for _ in csv.reader(fh)) - 1 == count  # multi-line quoted fields
    parsed = os_simple.parse(path)
    assert (len(parsed.entries), parsed.warnings) == (count, [])
    assert Counter(e.details["schema"] for e in parsed.entries) == schemas


def test_os_targets_simple_golden() -> None:
    parsed = os_simple.parse(real_file("opensanctions/interpol_red_notices/2025-05-23/targets.simple.csv.gz"))
    assert parsed.published_at == datetime(2025, 5, 23, 18, 28, 10)
    sanction = (
        "Red Notice - participation in the activity of a terrorist organization; participation in "
        "the activity of an illegal armed formation"
    )
    assert _by_id(parsed, "NK-224TRezPqwzhQZ37exWxtX").canonical() == {
        "source_id": "NK-224TRezPqwzhQZ37exWxtX",
        "entity_type": "individual",
        "names": [{"full": "SANAVBARI NIKITENKO", "kind": "primary", "script": "Latn"}],
        "programs": [sanction],
        "birth_dates": ["1992-06-28"],
        "details": {
            "countries": "ru; tj",
            "dataset": "INTERPOL Red Notices",
            "first_seen": "2024-03-04T17:09:51",
            "sanctions": sanction,
            "schema": "Person",
        },
    }
    multi_line = _by_id(parsed, "NK-2Ld7pewCoLeyspMtVCMMMo")
    assert multi_line.programs == ["Red Notice - 1) Murder\n2) Manslaughter\n3) Aggravated theft"]


def test_os_ftm_entities_golden() -> None:
    parsed = os_ftm.parse(real_file("opensanctions/yente_fixtures/t1/entities.ftm.json"))
    assert (len(parsed.entries), parsed.warnings) == (6, [])  # 7 lines: 6 targets and one Address
    golden = _by_id(parsed, "NK-2GdmHtZTeNXjNVrBGEXZNj").canonical()
    assert golden["entity_type"] == "entity"
    assert [n["full"] for n in golden["names"] if n["kind"] == "primary"] == ["RAB „Inter Tobacco“"]
    assert len(golden["names"]) == 12 and {n["script"] for n in golden["names"]} == {"Latn", "Grek", "Cyrl"}
    assert golden["identifiers"] == [{"type": "Registration Number", "number": "808000714"}]
    assert golden["remarks"] == "Belarus (Minsk Free Economic Zone)"
    assert golden["details"] == {"country": "by", "topics": "sanction"}
    # a person, every field
    assert _by_id(parsed, "NK-2Ka3UvopqbpZmVDFjWd4LA").canonical() == {
        "source_id": "NK-2Ka3UvopqbpZmVDFjWd4LA",
        "entity_type": "individual",
        "names": [
            {"full": "Vitalij Kuzmenko", "kind": "aka", "script": "Latn"},
            {"full": "Vitaly Yurievich KUZMENKO", "kind": "primary", "script": "Latn"},
            {"full": "Виталий Юрьевич КУЗЬМЕНКО", "kind": "aka", "script": "Cyrl"},
        ],
        "birth_dates": ["1971-01-22"],
        "nationalities": ["ru"],
        "identifiers": [{"type": "Tax Number", "number": "366510784303"}],
        "gender": "male",
        "positions": ["General Director of JSC 163 Armor Repair Plant"],
        "remarks": "The plant is part of the High Precision Systems holding company of Rostec",
        "details": {"topics": "sanction"},
    }


def test_os_targets_simple_newer_columns_golden() -> None:
    """ua_war_sanctions (the export with program_ids): a vessel, every field; `sanctions` is written
    as a quoted empty string there and reads as empty."""
    parsed = os_simple.parse(real_file("opensanctions/ua_war_sanctions/2026-03-13/targets.simple.csv.gz"))
    assert parsed.published_at == datetime(2026, 3, 13, 5, 41, 1)
    assert _by_id(parsed, "NK-VyViQ7v3kpgNHAKQf4JCjr").canonical() == {
        "source_id": "NK-VyViQ7v3kpgNHAKQf4JCjr",
        "entity_type": "vessel",
        "names": [
            {"full": "DORRY", "kind": "primary", "script": "Latn"},
            {"full": "Filicudi M", "kind": "aka", "script": "Latn"},
            {"full": "Java", "kind": "aka", "script": "Latn"},
        ],
        "programs": ["UA-WS-MARE"],
        "identifiers": [
            {"type": "identifier", "number": "613271707"},
            {"type": "identifier", "number": "IMO9298595"},
            {"type": "identifier", "number": "TJMOE5"},
        ],
        "details": {
            "countries": "cm; gm; it; pa",
            "dataset": "Ukraine War and Sanctions",
            "first_seen": "2025-10-06T14:15:21",
            "schema": "Vessel",
        },
    }


def test_os_ftm_delta_versions_applied_in_order() -> None:
    parsed = os_ftm.parse(real_file("opensanctions/yente_fixtures/t2"))
    # wnk: ADD a, ADD b; pfh: ADD c, MOD a; npf: DEL c; 3iv: ADD Q4365364
    assert sorted(e.source_id for e in parsed.entries) == [
        "NK-2T3S8Hu29ktYnKSTgQp2wL",
        "NK-2sJaJRaPJcWUfMbHjTtWcL",
        "Q4365364",
    ]
    assert _by_id(parsed, "NK-2T3S8Hu29ktYnKSTgQp2wL").primary_name == "Foobar Foobargroup"  # the MOD
    assert parsed.published_at == datetime(2024, 5, 28, 13, 47, 29)
    plotnikov = _by_id(parsed, "Q4365364")
    assert plotnikov.birth_dates == ["1961-11-30"] and plotnikov.gender == "male"
