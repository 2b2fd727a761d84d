"""The rules that fold OFAC's CSV, legacy XML and Enhanced XML to one canonical form."""

from __future__ import annotations

import pytest

from tracker.records import Address, EntityType, Identifier, ListEntry, Name
from tracker.sources.ofac_canonical import fold, join_place, split_place, strip_final_period
from tracker.sources.ofac_remarks import parse_remarks, split_items


@pytest.mark.parametrize(
    ("city", "region", "postal"),
    [
        ("Kirov", "Kirovskaya obl.", "610008"),
        ("Richardson", "TX", "75081"),
        ("London", None, "SW1H 0NE"),
        ("Rosarito", "Baja California", "CP 22710"),
        ("Mexico City", "Distrito Federal", "C.P. 06600"),
        ("Montreal", None, "PQ H303 IGI"),
        ("Rotterdam", None, "3022 TH"),
        ("Krasnoe Village, Kutshevskiy District", "Krasnodar Region", None),
        ("Moscow", None, None),
    ],
)
def test_the_csv_place_column_splits_back_into_the_xml_parts(city, region, postal) -> None:  # type: ignore[no-untyped-def]
    assert split_place(join_place(city, region, postal)) == (city, region, postal)


def test_a_place_the_join_makes_ambiguous_splits_one_way_in_both_formats() -> None:
    # a state with no city reads as a city, from the CSV and from the XML alike
    assert split_place(join_place(None, "Northern Ireland", None)) == ("Northern Ireland", None, None)
    xml = fold(_entry(addresses=[Address(city="Lima 18", country="Peru")]))
    csv = fold(_entry(addresses=[Address(city="Lima 18", country="Peru")]))
    assert xml.canonical() == csv.canonical() and xml.addresses[0].postal_code == "18"


def test_final_periods() -> None:
    assert strip_final_period("SAZEH MORAKAB CO. LTD.") == "SAZEH MORAKAB CO. LTD"
    assert (
        strip_final_period("(Linked To: SAAVEDRA Y CIA. S. EN C.)") == "(Linked To: SAAVEDRA Y CIA. S. EN C)"
    )
    assert strip_final_period("C.V") == "C.V"


def _entry(**fields: object) -> ListEntry:
    base: dict[str, object] = {"source_id": "1", "entity_type": EntityType.ENTITY, "names": [Name("ACME")]}
    return ListEntry(**{**base, **fields})  # type: ignore[arg-type]


def test_fold_text_identifiers_and_remarks() -> None:
    entry = fold(
        _entry(
            titles=['Commander of the Faithful ("Amir al-Munineen")'],
            identifiers=[
                Identifier("Matricula Mercantil No", "01200175 (Bogota)"),
                Identifier(
                    "Organization Type:", "Accounting, bookkeeping and auditing activities; tax consultancy"
                ),
                Identifier("Secondary sanctions risk:", "section 11 of Executive Order 14024."),
            ],
            remarks="Commander of the Faithful ('Amir al-Munineen');  Telephone (98)(21);  (Linked To: X LTD.)",
        )
    )
    assert entry.titles == ["Commander of the Faithful ('Amir al-Munineen')"]
    assert [(i.number, i.country) for i in entry.identifiers] == [
        ("01200175", "Bogota"),
        ("Accounting, bookkeeping and auditing activities", None),
        ("section 11 of Executive Order 14024", None),
    ]
    # the title repeated in the remarks goes, a value's '; ' tail opens the remarks
    assert entry.remarks == "tax consultancy; Telephone (98)(21); (Linked To: X LTD)"
    assert fold(entry).canonical() == entry.canonical()  # idempotent: stored versions fold the same


def _remarks(text: str) -> ListEntry:
    entry = _entry(entity_type=EntityType.INDIVIDUAL)
    parse_remarks(entry, text)
    return entry


def test_remark_items_that_read_like_fields_but_are_prose() -> None:
    entry = _remarks(
        "DOB circa 1979-1982; alt. DOB 1982; Passport 3943074 (Bosnia and Herzegovina) issued 27 Sep 2002; "
        "Passport issued in Sarajevo, Bosnia-Herzegovina; Executive Order 14059 information: Prohibition "
        "on loans; a.k.a. 'MINEUR'."
    )
    assert entry.birth_dates == []  # not the XML's date grammar, and its alt. goes with it
    assert [(i.type, i.number, i.country) for i in entry.identifiers] == [
        ("Passport", "3943074", "Bosnia and Herzegovina"),
        ("Executive Order 14059 information:", "Prohibition on loans", None),
    ]
    assert (
        entry.remarks == "DOB circa 1979-1982; alt. DOB 1982; Passport issued in Sarajevo, Bosnia-Herzegovina"
    )
    assert [n.full for n in entry.names[1:]] == ["MINEUR"]


def test_a_semicolon_inside_parentheses_does_not_split_items() -> None:
    text = (
        "nationality Eritrea; (Following data: Alt. DOB: 10 October 1969; Passport No.: 0310857); a.k.a. 'X'"
    )
    assert split_items(text) == [
        "nationality Eritrea",
        "(Following data: Alt. DOB: 10 October 1969; Passport No.: 0310857)",
        "a.k.a. 'X'",
    ]


def test_a_field_written_in_the_xml_remarks_is_that_field_as_the_csv_reads_it() -> None:
    """SYRIAN GAS COMPANY (SDN 12871) has its website in the XML's free-text remarks; the CSV writes
    those words as it writes a Website idList item, so both formats give a Website identifier."""
    text = "Website www.sgc.gov.sy; Email sgcpdit@mail.sy; Email info@sgc.gov.sy"
    xml = fold(_entry(remarks=text))
    csv = _entry()
    parse_remarks(csv, text + ".")
    fold(csv)
    assert [(i.type, i.number) for i in xml.identifiers] == [("Website", "www.sgc.gov.sy")]
    assert xml.remarks == "Email sgcpdit@mail.sy; Email info@sgc.gov.sy"
    assert xml.canonical() == csv.canonical()
    # a website item of prose stays prose in both (SDN 2024-05-07, uid 10923)
    prose = "Website www.alturath.org. Revival of Islamic Heritage Society Offices Worldwide"
    assert fold(_entry(remarks=prose)).identifiers == []


def test_an_address_folds_the_same_twice() -> None:
    """A comma inside the postal code (Consolidated 2018, uid 17250: 'GSP-7, 117997') once split one
    way on the first fold and another on the next, a change of form at every re-canonicalisation."""
    address = Address(street="16 Nametkina St.", city="Moscow", region="Russia", postal_code="GSP-7, 117997")
    once = fold(_entry(addresses=[address]))
    assert fold(_entry(addresses=list(once.addresses))).canonical() == once.canonical()
