"""Search by identifier (tracker.matching.identifiers): exact on letters and digits, explained."""

from __future__ import annotations

import pickle

import pytest

from tracker.matching import Candidate, NameIndex
from tracker.matching.identifiers import entry_identifiers, identifier_keys, query_key
from tracker.records import EntityType, Name

# Values as OFAC, the EU and the UK write them (real numbers of the 2024-05 files).
VESSEL = Candidate(
    ("ofac_sdn", "25352"),
    EntityType.VESSEL,
    [Name("SAVIZ")],
    "SAVIZ",
    identifiers=[("Vessel Registration Identification", "IMO 9405978"), ("Call sign", "UBRR")],
)
PERSON = Candidate(
    ("ofac_sdn", "10477"),
    EntityType.INDIVIDUAL,
    [Name("MUSTERMANN, Karl")],
    "MUSTERMANN, Karl",
    identifiers=[
        ("Passport", "F275043"),
        ("Tax ID No.", "7735528382"),
        ("National Identification Number", "Yemeni national identification number 973406"),
    ],
)
WALLET = Candidate(
    ("ofac_sdn", "25308"),
    EntityType.INDIVIDUAL,
    [Name("DOE, Jane")],
    "DOE, Jane",
    identifiers=[
        ("Digital Currency Address - XBT", "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h"),
        ("Digital Currency Address - ETH", "0x4f47bc496083c727c5fbe3ce9cdf2b0f6496270c"),
        ("D-U-N-S Number", "52-024-2258"),
    ],
)
SAME_PASSPORT = Candidate(
    ("eu_fsf", "7"),
    EntityType.INDIVIDUAL,
    [Name("Karl MUSTERMANN")],
    "Karl MUSTERMANN",
    identifiers=[("Passport", "F 275043")],
)


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex.build([VESSEL, PERSON, WALLET, SAME_PASSPORT])


@pytest.mark.parametrize(
    ("query", "key", "kind"),
    [
        ("IMO 9405978", ("ofac_sdn", "25352"), "Vessel Registration Identification IMO 9405978"),
        ("9405978", ("ofac_sdn", "25352"), "Vessel Registration Identification IMO 9405978"),
        ("imo9405978", ("ofac_sdn", "25352"), "Vessel Registration Identification IMO 9405978"),
        ("UBRR", ("ofac_sdn", "25352"), "Call sign UBRR"),
        ("7735528382", ("ofac_sdn", "10477"), "Tax ID No. 7735528382"),
        (
            "973406",
            ("ofac_sdn", "10477"),
            "National Identification Number Yemeni national identification number 973406",
        ),
        (
            "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h",
            ("ofac_sdn", "25308"),
            "Digital Currency Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h",
        ),
        (
            "0x4F47BC496083C727C5FBE3CE9CDF2B0F6496270C",
            ("ofac_sdn", "25308"),
            "Digital Currency Address - ETH 0x4f47bc496083c727c5fbe3ce9cdf2b0f6496270c",
        ),
        ("520242258", ("ofac_sdn", "25308"), "D-U-N-S Number 52-024-2258"),
    ],
)
def test_an_identifier_finds_its_entry_exactly_and_says_so(
    index: NameIndex, query: str, key: tuple[str, str], kind: str
) -> None:
    (match,) = index.search(query)
    assert (match.key, match.score, match.kind, match.matched_name) == (key, 1.0, "identifier", kind)
    assert match.explanation.startswith(f"identifier {kind} = {query}")


def test_one_passport_on_two_lists_finds_both_and_filters_apply(index: NameIndex) -> None:
    assert {m.key for m in index.search("F275043")} == {("ofac_sdn", "10477"), ("eu_fsf", "7")}
    assert [m.key for m in index.search("F275043", sources=["eu_fsf"])] == [("eu_fsf", "7")]
    assert index.search("IMO 9405978", entity_type="person") == []


def test_an_identifier_match_comes_before_name_matches_and_is_not_adjusted(index: NameIndex) -> None:
    (match,) = index.search("F275043", sources=["ofac_sdn"], dob="1950", country="fr")
    assert (match.score, match.kind) == (1.0, "identifier")


def test_part_of_a_number_or_a_near_number_is_no_match(index: NameIndex) -> None:
    assert index.search("940597") == []  # one digit short
    assert index.search("F275044") == []
    assert index.search("Karl Mustermann")[0].kind == "name"


def test_identifiers_survive_pickling_and_updates(index: NameIndex) -> None:
    copy = pickle.loads(pickle.dumps(index))
    assert copy.search("UBRR")[0].key == ("ofac_sdn", "25352")
    copy.update([("ofac_sdn", "25352")], [])
    assert copy.search("UBRR") == []
    copy.update([], [VESSEL])
    assert copy.search("9405978")[0].key == ("ofac_sdn", "25352")


def test_free_text_dates_and_short_values_are_not_filed() -> None:
    assert identifier_keys("Organization Established Date", "18 Mar 2019") == []
    assert (
        identifier_keys(
            "Secondary sanctions risk:", "this person is designated for operating in a sector of 2014"
        )
        == []
    )
    assert identifier_keys("License", "175") == []
    assert identifier_keys("Website", "www.example.ru") == []  # no digit
    assert identifier_keys("Vessel Registration Identification", "IMO 9405978") == ["IMO9405978", "9405978"]
    assert query_key("Andrei Derkach") is None
    assert query_key("IMO 9405978") == "9405978"  # the label dropped: filed under its number word
    assert query_key("imo9405978") == "IMO9405978"
    assert query_key("Passport Karl Mustermann") is None  # a label before a name is still a name


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("Passport F275043", "Passport F275043"),
        ("passport no. F275043", "Passport F275043"),
        ("Tax ID No. 7735528382", "Tax ID No. 7735528382"),
        ("tax number: 7735528382", "Tax ID No. 7735528382"),
        ("National ID 973406", "National Identification Number Yemeni national identification number 973406"),
        ("IMO: 9405978", "Vessel Registration Identification IMO 9405978"),
        ("IMO number 9405978", "Vessel Registration Identification IMO 9405978"),
        ("Call sign UBRR", "Call sign UBRR"),
        ("callsign: UBRR", "Call sign UBRR"),
    ],
)
def test_a_label_before_the_number_is_read_as_an_identifier_search(
    index: NameIndex, query: str, kind: str
) -> None:
    # "Passport ET855378" found nothing while "ET855378" hit at 1.00.
    (match, *_) = index.search(query, sources=["ofac_sdn"])
    assert (match.score, match.kind, match.matched_name) == (1.0, "identifier", kind)


def test_the_call_sign_comes_from_the_entrys_details() -> None:
    assert entry_identifiers([("Passport", "F275043"), ("Website", "x.ru")], {"call_sign": "3E2557"}) == [
        ("Passport", "F275043"),
        ("Call sign", "3E2557"),
    ]


def test_the_ofsi_workbooks_numbers_among_its_facts_are_searched() -> None:
    """Trial 3: the UK's business registration number and list reference found nothing (the OFSI
    workbook files them in 'Other Information' tags, kept in details)."""
    details = {
        "business_registration": "(1) OGRN: 1207800103301 (2) TIN: 7806575286",
        "uk_sanctions_list_ref": "RUS2299",
        "imo": "9405978",
        "phone": "+7 495 123 45 67",  # a phone number is no identifier
    }
    found = entry_identifiers([], details)
    assert found == [
        ("Business Registration Number", "OGRN: 1207800103301"),
        ("Business Registration Number", "TIN: 7806575286"),
        ("IMO", "9405978"),
        ("UK Sanctions List Ref", "RUS2299"),
    ]
    company = Candidate(
        ("uk_ofsi", "16643"), EntityType.ENTITY, [Name("AUTEL ROBOTICS")], "AUTEL ROBOTICS", identifiers=found
    )
    index = NameIndex.build([company])
    for query in ("7806575286", "TIN 7806575286", "1207800103301", "RUS2299", "IMO 9405978"):
        (hit,) = index.search(query)
        assert hit.kind == "identifier" and hit.key == ("uk_ofsi", "16643"), query
    assert index.search("7806575287") == []


def test_leading_zeros_of_a_number_of_digits_are_no_part_of_it() -> None:
    """Trial 2: passport 085635076 exported by a spreadsheet as 85635076 found nothing."""
    person = Candidate(
        ("ofac_sdn", "1"),
        EntityType.INDIVIDUAL,
        [Name("DOE, John")],
        "DOE, John",
        identifiers=[("Passport", "085635076"), ("National ID No.", "0012")],
    )
    index = NameIndex.build([person])
    for query in ("85635076", "085635076", "Passport 0085635076"):
        (found,) = index.search(query)
        assert found.kind == "identifier" and found.key == ("ofac_sdn", "1"), query
    assert query_key("0012") == "0012" and identifier_keys("Passport", "A0012345") == ["A0012345"]
    assert index.search("8563507") == []  # another number still finds nothing


# The OpenSanctions Ukraine war list writes a vessel's IMO number glued to its type (trial 4:
# "IMO 9253325" and "9253325" found nothing, a false all clear).
GLUED = Candidate(
    ("os_ua_war_sanctions", "v1"),
    EntityType.VESSEL,
    [Name("EXAMPLE STAR")],
    "EXAMPLE STAR",
    identifiers=[("IMO", "IMO9253325"), ("Passport", "INNA12345")],
)


@pytest.mark.parametrize("query", ["IMO 9253325", "9253325", "IMO9253325", "imo: 9253325"])
def test_a_number_glued_to_its_type_is_found_by_its_digits(query: str) -> None:
    index = NameIndex.build([GLUED, VESSEL])
    results = index.search(query)
    assert [result.candidate.key for result in results] == [("os_ua_war_sanctions", "v1")]


def test_only_types_are_cut_from_a_glued_number() -> None:
    assert identifier_keys("IMO", "IMO9253325") == ["IMO9253325", "9253325"]
    assert identifier_keys("Tax ID No.", "INN 7707083893") == ["INN7707083893", "7707083893"]
    assert identifier_keys("Tax ID No.", "INN7707083893") == ["INN7707083893", "7707083893"]
    # a passport's letters are its number's, and "INNA..." is no INN: nothing is cut
    assert identifier_keys("Passport", "ET855378") == ["ET855378"]
    assert identifier_keys("Passport", "INNA12345") == ["INNA12345"]


def test_an_untyped_number_is_explained_once_as_an_identifier() -> None:
    untyped = Candidate(
        ("os_ua_war_sanctions", "v2"),
        EntityType.VESSEL,
        [Name("OTHER STAR")],
        "OTHER STAR",
        identifiers=[("identifier", "IMO9298595")],
    )
    (result,) = NameIndex.build([untyped]).search("9298595")
    assert result.matched_name == "IMO9298595"
    assert result.explanation == "identifier IMO9298595 = 9298595 (exact, letters and digits compared)"
