"""The BIS DPL's person-or-company guess (the list does not say): every case here was read on the real
2019 and 2023 files (bench/entity_type_guess.py measures the guess; the README gives the figures)."""

from __future__ import annotations

import pytest

from tests.conftest import real_file
from tracker.records import EntityType
from tracker.sources import us_bis_dpl

COMPANIES = [
    "SKY BLUE BIRD FZC",  # the list's own company words
    "SOCCER ZONE (MNC GROUP INTERNATIONAL, INC.)",
    "ULTRA TRADE SERVICE LLC",
    "PJSC AEROFLOT",  # legal forms from rigour's table
    "DATASAAB CONTRACTING AB",
    "COTRICOM S.A.",
    "YARRA ANSTALT A.G.",  # dotted forms
    "LLC ELECTROCOM VPK VPK/OOO/LLC/SPB",
]
PERSONS = [
    "KIM SONG II",  # a generational suffix is not a legal form
    "EDWIN NAVARRO MAKASIAR II",
    "VICTOR THOMAS DIAZ, III",
    "THOMAS HARRIS, JR.",
    "MR. JULIO CESAR VEGA-AMARAL",
    "SAMMY (IHSAN MEDHAT) ELASHI",
    "ISSAM SHAMMOUT",
]


@pytest.mark.parametrize("name", COMPANIES)
def test_company_names(name):
    assert us_bis_dpl._looks_like_company(name)


@pytest.mark.parametrize("name", PERSONS)
def test_person_names(name):
    assert not us_bis_dpl._looks_like_company(name)


@pytest.mark.realdata
def test_the_cases_are_on_the_real_lists():
    names = {}
    for relative in ("us_bis_dpl/2019-06-29/dpl.txt", "us_bis_dpl/2023-11-30/dpl.txt"):
        names |= {e.primary_name: e.entity_type for e in us_bis_dpl.parse(real_file(relative)).entries}
    assert {n: names[n] for n in COMPANIES + PERSONS} == {
        **dict.fromkeys(COMPANIES, EntityType.ENTITY),
        **dict.fromkeys(PERSONS, EntityType.INDIVIDUAL),
    }
