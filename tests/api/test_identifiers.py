"""POST /match with identifiers: an entry listing the number is a result of score 1.0 whatever the
name; numbers are compared on letters and digits; short numbers are not looked up."""

from __future__ import annotations

from tests.toysource import CANON, write_entries
from tracker.pipeline import import_path

VESSEL = {
    "source_id": "V1",
    "entity_type": "vessel",
    "names": [{"full": "OCEAN STAR", "kind": "primary"}],
    "identifiers": [{"type": "IMO", "number": "IMO 9123456"}, {"type": "Other", "number": "123"}],
}
PERSON = {
    "source_id": "P1",
    "entity_type": "individual",
    "names": [{"full": "PETRENKO, Ivan", "kind": "primary"}],
    "identifiers": [{"type": "Passport", "number": "AB 123456", "country": "Ukraine"}],
}


def test_identifiers_find_entries_whatever_the_name(settings, engine, tmp_path, make_client):
    path = write_entries(tmp_path, "canon", "2024-01-02", [VESSEL, PERSON])
    import_path(CANON, path, engine=engine, settings=settings)
    client = make_client()
    queries = [
        {"name": "Sea Breeze", "identifiers": ["imo-9123456"], "id": "ship"},
        {"name": "Ivan Petrenko", "identifiers": ["ab123456"], "id": "both"},
        {"name": "Sea Breeze", "identifiers": ["123"], "id": "short"},
        {"name": "Nobody Known", "identifiers": ["Passport AB 123456"], "id": "labelled"},
    ]
    response = client.post("/match", json={"queries": queries, "source": ["canon"]})
    assert response.status_code == 200, response.text
    ship, both, short, labelled = response.json()["responses"]
    assert [r["source_id"] for r in labelled["results"]] == ["P1"]
    digits = client.post("/match", json={"queries": [{"identifiers": ["9123456"]}]}).json()
    assert [r["source_id"] for r in digits["responses"][0]["results"]] == ["V1"]  # of "IMO 9123456"
    (hit,) = ship["results"]
    assert (hit["source_id"], hit["match_kind"], hit["score"]) == ("V1", "identifier", 1.0)
    assert hit["explanation"] == "identifier IMO IMO 9123456 = imo-9123456"
    (hit,) = both["results"]  # found by name and by number: answered once, both reasons given
    assert hit["source_id"] == "P1" and hit["match_kind"] == "identifier" and "; name: " in hit["explanation"]
    assert short["status"] == "no_match" and short["identifiers"] == ["123"]
    yente = client.post(
        "/match",
        json={"queries": {"q": {"schema": "Vessel", "properties": {"imoNumber": ["9123456", "IMO9123456"]}}}},
    )
    (entity,) = yente.json()["responses"]["q"]["results"]
    assert (entity["id"], entity["schema"], entity["match"]) == ("canon-V1", "Vessel", True)
    short = client.post(
        "/match", json={"queries": {"q": {"schema": "Vessel", "properties": {"imoNumber": ["123"]}}}}
    ).json()["responses"]["q"]
    assert (short["status"], short["results"]) == (400, [])
    assert short["error"] == "the query has no name, and no identifier of at least 5 letters and digits"


def test_a_query_without_a_name_is_answered_alone_not_a_422_for_the_batch(
    settings, engine, tmp_path, make_client
):
    path = write_entries(tmp_path, "canon", "2024-01-02", [VESSEL, PERSON])
    import_path(CANON, path, engine=engine, settings=settings)
    client = make_client()
    queries = [
        {"name": "Ivan Petrenko", "id": "named"},
        {"identifiers": ["IMO 9123456"], "id": "number only"},
        {"id": "nothing"},
        {"identifiers": ["123"], "id": "too short"},  # no_match here would be an unsearched all clear
        {"identifiers": ["AB123456"], "dob": "1970-13-01", "id": "bad dob"},
    ]
    response = client.post("/match", json={"queries": queries, "source": ["canon"]})
    assert response.status_code == 200, response.text
    named, number, nothing, short, bad_dob = response.json()["responses"]
    assert [r["source_id"] for r in named["results"]] == ["P1"]
    assert number["query"] is None and [r["source_id"] for r in number["results"]] == ["V1"]
    assert (nothing["status"], nothing["error"]) == ("error", "query 3: give a name or identifiers")
    assert (short["status"], short["error"]) == (
        "error",
        "query 4: no name, and no identifier of at least 5 letters and digits to look up",
    )
    assert (bad_dob["status"], bad_dob["error"]) == (
        "error",
        "query 5: date of birth '1970-13-01' is not a calendar date",
    )
