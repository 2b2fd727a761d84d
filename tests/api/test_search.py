"""GET /search and POST /match: the CLI's answers over HTTP; bad input 400 / 422 with one line."""

from __future__ import annotations

from tests.api.conftest import ROWS, TOY, write_list
from tracker.pipeline import import_path


def test_search_answers_like_the_cli_with_reason_and_the_list_checked(client):
    response = client.get("/search", params={"q": "Андрій Деркач"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["query"], body["status"], body["hits"]) == ("Андрій Деркач", "match", 1)
    (best,) = body["results"]
    assert (best["source"], best["source_id"], best["name"]) == (
        "toy",
        "29366",
        "DERKACH, Andrii Leonidovych",
    )
    assert best["score"] >= 0.8 and best["explanation"]
    assert best["snapshot"]["date"] == "2020-11-02"
    (checked,) = body["checked_against"]
    assert (checked["source"], checked["date"]) == ("toy", "2020-11-02")
    # a list of 2020 is older than TRACKER_MAX_LIST_AGE_DAYS: said, as the CLI's exit code 4 says it
    assert checked["stale"] is True and "toy: list of 2020-11-02" in body["warnings"][0]


def test_search_as_of_a_past_date_sees_the_list_then(client):
    now = client.get("/search", params={"q": "Artem Lifshits", "max_age": 0}).json()
    assert now["status"] == "no_match" and "warnings" not in now
    then = client.get("/search", params={"q": "Artem Lifshits", "as_of": "2020-10-01"}).json()
    assert then["as_of"] == "2020-10-01"
    assert [r["source_id"] for r in then["results"]] == ["29702"]
    assert then["checked_against"][0]["date"] == "2020-09-10"


def test_bad_search_input_is_400_or_422_with_one_line(client):
    cases = {
        ("q", "!!"): (400, "query has no letters or digits to search for"),
        ("as_of", "31/12/2020"): (400, "bad as_of '31/12/2020': use YYYY-MM-DD"),
        ("source", "nope"): (400, "unknown source 'nope'"),
        ("type", "robot"): (400, "unknown entity type 'robot'"),
        ("dob", "13/5/68"): (400, "date of birth '13/5/68' is not a date read here (write YYYY-MM-DD;"),
        ("dob", "03/04/1967"): (400, "date of birth '03/04/1967' reads as day/month or month/day"),
        ("dob", "1952-13-45"): (400, "date of birth '1952-13-45' is not a calendar date"),
        ("limit", "0"): (422, "query.limit: Input should be greater than or equal to 1"),
    }
    for (param, value), (status, start) in cases.items():
        params = {"q": "Derkach", param: value}
        response = client.get("/search", params=params)
        assert response.status_code == status, (param, response.text)
        detail = response.json()["detail"]
        assert detail.startswith(start), detail
        assert "\n" not in detail
    missing = client.get("/search")
    assert missing.status_code == 422 and missing.json()["detail"] == "query.q: Field required"
    # A date in the name: the rule of the CLI and a batch line (tracker.dates.take_dates)
    dated = client.get("/search", params={"q": "DERKACH, Andrii (b. 19.08.1967)"}).json()
    assert (dated["query"], dated["dob"]) == ("DERKACH, Andrii", "1967-08-19") and dated["results"]
    only = client.get("/search", params={"q": "19.08.1967"})
    assert only.status_code == 400
    assert only.json()["detail"] == "no name to screen, only a date (1967-08-19)"
    queries = [
        {"name": "Andrii Derkach 1967-08-19"},
        {"name": "Andrii Derkach 03/04/1967"},
        {"name": "1967-08-19"},
        {"name": "Andrii Derkach 19670819"},  # trial 2 item 4: the compact form stayed a name word
        {"name": "Андрій Деркач 1967 р.н."},
    ]
    match = client.post("/match", json={"queries": queries}).json()["responses"]
    assert (match[0]["query"], match[0]["dob"]) == ("Andrii Derkach", "1967-08-19") and match[0]["results"]
    assert (match[3]["query"], match[3]["dob"]) == ("Andrii Derkach", "1967-08-19") and match[3]["results"]
    assert (match[4]["query"], match[4]["dob"]) == ("Андрій Деркач", "1967") and match[4]["results"]
    assert match[1]["warnings"][0] == (
        "the name holds 1 date (03/04/1967 day/month unclear): screened as 'Andrii Derkach' with no date of birth"
    )
    assert (
        match[2]["status"] == "error"
        and match[2]["error"] == "query 3: no name to screen, only a date (1967-08-19)"
    )
    # The trial: an 8 KB q was FastAPI's 422 where the README says a bad query is 400.
    for path, param in (("/search", "q"), ("/mentions", "name")):
        long = client.get(path, params={param: "Andrii Derkach " * 550})
        assert long.status_code == 400, (path, long.text)
        what = "query" if param == "q" else "name"
        assert long.json() == {"detail": f"{what} is too long (8250 characters; at most 500)"}


def test_a_date_of_birth_written_another_common_way_is_read_and_echoed_as_read(client):
    for written in ("1967/08/19", "19.08.1967", "19 Aug 1967", "08/19/1967"):
        body = client.get("/search", params={"q": "Andrii Derkach", "dob": written, "max_age": 0}).json()
        assert body["dob"] == "1967-08-19", written
    match = client.post("/match", json={"queries": [{"name": "Andrii Derkach", "dob": "19-AUG-1967"}]})
    assert match.json()["responses"][0]["dob"] == "1967-08-19"


def test_before_the_first_snapshot_is_404_and_an_empty_store_503(client, make_client, engine):
    before = client.get("/search", params={"q": "Derkach", "as_of": "2019-01-01"})
    assert before.status_code == 404
    assert before.json()["detail"] == "no list stored as of 2019-01-01: nothing to screen against"


def test_empty_store_answers_503_until_a_list_lands(settings, engine, make_client, tmp_path):
    client = make_client()
    for response in (client.get("/search", params={"q": "Derkach"}), client.get("/readyz")):
        assert response.status_code == 503
        assert "no list is loaded yet" in response.json()["detail"]
    assert client.get("/search", params={"q": "Derkach"}).headers["retry-after"] == "30"
    client.app.state.tracker.holder.join(timeout=60)  # /readyz's background check has ended
    assert client.get("/readyz").headers["retry-after"] == "30"  # the same answer as /search
    bad = client.get("/search", params={"q": "Derkach", "dob": "1967-02-30"})
    assert bad.status_code == 400 and "not a calendar date" in bad.json()["detail"]
    assert client.get("/healthz").json() == {"status": "ok"}
    client.app.state.tracker.holder.join(timeout=60)  # /readyz's background check has ended
    import_path(TOY, write_list(tmp_path, "a", "2020-09-10", ROWS), engine=engine, settings=settings)
    assert client.get("/search", params={"q": "Derkach"}).json()["status"] == "match"
    assert client.get("/readyz").status_code == 200


def test_the_index_is_reloaded_when_the_store_changes(client, stored, settings, tmp_path):
    assert client.get("/search", params={"q": "Ivan Petrenko"}).json()["status"] == "no_match"
    rows = {**ROWS, "50000": ("PETRENKO, Ivan", "NEW")}
    import_path(TOY, write_list(tmp_path, "c", "2020-12-01", rows), engine=stored, settings=settings)
    body = client.get("/search", params={"q": "Ivan Petrenko"}).json()
    assert [r["source_id"] for r in body["results"]] == ["50000"]


def test_match_answers_each_query_in_order_and_names_bad_ones(client):
    response = client.post(
        "/match",
        json={
            "queries": [
                {"name": "Andrei Derkach", "id": "c-1", "dob": "1967"},
                {"name": "?", "id": "c-2"},
                {"name": "Mary Poppins", "id": "c-3"},
            ]
        },
    )
    assert response.status_code == 200, response.text
    first, bad, none = response.json()["responses"]
    assert (first["id"], first["status"], first["results"][0]["source_id"]) == ("c-1", "match", "29366")
    assert (bad["id"], bad["status"]) == ("c-2", "error") and bad["error"].startswith("query 2: ")
    assert (none["id"], none["status"], none["results"]) == ("c-3", "no_match", [])


def test_match_accepts_yentes_shape_and_answers_in_it(client):
    query = {"schema": "Person", "properties": {"name": ["Андрій Деркач"], "birthDate": ["1967"]}}
    for path in ("/match", "/match/default"):
        response = client.post(path, json={"queries": {"q1": query, "q2": {"schema": "Person"}}})
        assert response.status_code == 200, response.text
        body = response.json()
        first = body["responses"]["q1"]
        assert first["status"] == 200 and first["total"]["value"] == 1
        (entity,) = first["results"]
        assert (entity["id"], entity["caption"], entity["schema"]) == (
            "toy-29366",
            "DERKACH, Andrii Leonidovych",
            "Person",
        )
        assert entity["match"] is True and entity["datasets"] == ["toy"] and entity["explanation"]
        assert body["responses"]["q2"]["status"] == 400
    only_toy = client.post("/match/toy", json={"queries": {"q": query}})
    assert only_toy.json()["responses"]["q"]["results"][0]["id"] == "toy-29366"
    unknown = client.post("/match/nope", json={"queries": {"q": query}})
    assert unknown.status_code == 400 and unknown.json()["detail"].startswith("unknown source 'nope'")


def test_yentes_shape_tries_each_birth_date_not_only_the_first(client, monkeypatch):
    """A query with two birthDate values was screened with the first alone: the right person, listed
    with the second, was scored down as born on a different date."""
    from tracker.screening.screen import Screening

    tried: list[str | None] = []
    run = Screening.run

    def spy(self, query, **options):
        tried.append(options.get("dob"))
        return run(self, query, **options)

    monkeypatch.setattr(Screening, "run", spy)
    dates = ["1966-01-01", "1967-08-19", "1966-01-01"]
    query = {"schema": "Person", "properties": {"name": ["Andrii Derkach"], "birthDate": dates}}
    body = client.post("/match", json={"queries": {"q": query}}).json()
    assert body["responses"]["q"]["results"][0]["id"] == "toy-29366"
    assert tried == ["1966-01-01", "1967-08-19"]


def test_match_refuses_bad_bodies_with_one_line(client):
    assert client.post("/match", json={"queries": []}).json()["detail"] == "no queries: give at least one"
    unreadable = client.post("/match", content=b"{not json", headers={"content-type": "application/json"})
    assert unreadable.status_code == 422 and "\n" not in unreadable.json()["detail"]
    # trial 2: "0: JSON decode error"
    assert unreadable.json()["detail"].startswith("the request body is not valid JSON")
    too_many = client.post("/match", json={"queries": [{"name": "A B"}] * 1001})
    assert too_many.status_code == 400 and "at most 1000" in too_many.json()["detail"]
    # Trial 1: a body that is no object was "MatchRequest: Input should be a valid dictionary ...
    # (and 1 more)", naming the API's internal classes.
    for bad in ({"json": []}, {"content": b"Putin", "headers": {"content-type": "text/plain"}}, {}):
        answer = client.post("/match", **bad)  # type: ignore[arg-type]
        assert answer.status_code == 422
        assert answer.json()["detail"] == (
            "the request body must be a JSON object (Content-Type: application/json)"
        )
        assert all(e["loc"] == ["body"] for e in answer.json()["errors"])
    wrong = client.post("/match", json={"queries": "Putin"}).json()
    assert wrong["detail"] == "queries: Input should be a valid list"
    assert "Request" not in str(wrong)


def test_match_refuses_a_json_key_given_twice(client):
    """Trial 2 item 6: the last of two "name" keys was screened (John Smith: no_match), and a
    second "queries" replaced the first."""
    for body, key in (
        (b'{"queries": [{"name": "Sergei Lavrov", "name": "John Smith"}]}', "name"),
        (b'{"queries": [{"name": "Andrii Derkach"}], "queries": [{"name": "John Smith"}]}', "queries"),
    ):
        answer = client.post("/match", content=body, headers={"content-type": "application/json"})
        assert answer.status_code == 422, answer.text
        assert answer.json()["detail"] == (
            f"request: the key {key!r} is given twice in one object: give it once"
        )
    once = b'{"queries": [{"name": "Andrii Derkach"}]}'
    assert client.post("/match", content=once, headers={"content-type": "application/json"}).json()[
        "responses"
    ][0]["results"]


def test_a_query_has_one_length_limit_in_the_api_and_the_cli(client):
    """The trial: the CLI refused 501 characters, the API took up to 1,000."""
    import pytest

    from tracker.errors import UsageError
    from tracker.matching.query import MAX_QUERY_CHARS, check_query

    assert MAX_QUERY_CHARS == 500
    longest, too_long = "a" * MAX_QUERY_CHARS, "a" * (MAX_QUERY_CHARS + 1)
    with pytest.raises(UsageError, match="at most 500"):
        check_query(too_long)  # the CLI's check (`tracker search`: exit 2)
    assert client.get("/search", params={"q": longest, "max_age": 0}).status_code == 200
    refused = [
        client.get("/search", params={"q": too_long}),
        client.get("/mentions", params={"name": too_long}),
    ]
    for response in refused:  # a bad value is 400 (README)
        assert response.status_code == 400, response.text
        assert "at most 500" in response.json()["detail"], response.text
    # In a batch, that query's error only: one long name cost every other query its answer.
    body = client.post("/match", json={"queries": [{"name": "Andrii Derkach"}, {"name": too_long}]}).json()
    first, second = body["responses"]
    assert first["status"] != "error" and first["results"]
    assert second["status"] == "error"
    assert second["error"] == "query 2: name is too long (501 characters; at most 500)"


def test_an_empty_q_a_nan_threshold_and_a_future_date_are_400_or_422_with_one_line(client):
    """The trial: q= was FastAPI's 422, threshold=nan said "should be <= 1", and as_of=2099-01-01
    and dob=2099-01-01 were answered (no_match: a false all clear)."""
    empty = client.get("/search", params={"q": ""})
    assert empty.status_code == 400 and empty.json() == {
        "detail": "query has no letters or digits to search for"
    }
    for path, params in (
        ("/search", {"q": "Derkach", "threshold": "nan"}),
        ("/match/default", {"threshold": "nan"}),
    ):
        nan = client.request(
            "GET" if path == "/search" else "POST", path, params=params, json={"queries": {}}
        )
        assert nan.status_code == 422 and nan.json()["detail"] == "query.threshold: 'nan' is not a number"
    nan_body = client.post(
        "/match",
        content=b'{"queries": [{"name": "A B"}], "threshold": NaN}',
        headers={"content-type": "application/json"},
    )
    assert nan_body.status_code == 422 and "not a number" in nan_body.json()["detail"]
    future = client.get("/search", params={"q": "Derkach", "as_of": "2099-01-01"})
    assert future.status_code == 400 and future.json()["detail"].startswith(
        "as_of 2099-01-01 is in the future"
    )
    born = client.get("/search", params={"q": "Andrii Derkach", "dob": "2099-01-01"})
    assert born.status_code == 400 and born.json()["detail"].startswith(
        "date of birth 2099-01-01 is in the future"
    )
    match = client.post(
        "/match", json={"queries": [{"name": "Andrii Derkach", "dob": "2099-01-01", "id": "c1"}]}
    )
    (answer,) = match.json()["responses"]
    assert (answer["status"], answer["id"]) == ("error", "c1") and "in the future" in answer["error"]


def test_yentes_birth_date_is_read_as_everywhere_and_an_unknown_schema_is_400(client):
    """The trial: birthDate 1967/08/19 was refused though GET /search reads it; 03/04/1967 got a
    generic message; schema "Alien" was screened as any type."""

    def ask(schema: str, dob: str) -> dict:
        query = {"schema": schema, "properties": {"name": ["Andrii Derkach"], "birthDate": [dob]}}
        return client.post("/match", json={"queries": {"q1": query}}).json()

    answered = ask("Person", "1967/08/19")["responses"]["q1"]
    assert answered["status"] == 200 and answered["results"][0]["id"] == "toy-29366"
    assert "warnings" not in answered
    # A birthDate that cannot be read is left out with a warning (it cost the query its answer)
    both = ask("Person", "03/04/1967")["responses"]["q1"]
    assert both["status"] == 200 and both["results"][0]["id"] == "toy-29366"
    assert both["warnings"] == [
        "date of birth '03/04/1967' reads as day/month or month/day: write it YYYY-MM-DD "
        "(1967-04-03 or 1967-03-04): that date left out"
    ]
    future = ask("Person", "2099-01-01")["responses"]["q1"]
    assert future["status"] == 200 and future["results"][0]["id"] == "toy-29366"
    assert "in the future" in future["warnings"][0]
    query = {
        "schema": "Person",
        "properties": {"name": ["Andrii Derkach"], "birthDate": ["1967-08-19", "13/5/68"]},
    }
    mixed = client.post("/match", json={"queries": {"q1": query}}).json()["responses"]["q1"]
    assert mixed["status"] == 200 and mixed["results"][0]["id"] == "toy-29366"
    assert len(mixed["warnings"]) == 1 and mixed["warnings"][0].startswith("date of birth '13/5/68'")
    alien = client.post(
        "/match", json={"queries": {"q1": {"schema": "Alien", "properties": {"name": ["A B"]}}}}
    )
    assert alien.status_code == 400 and alien.json()["detail"].startswith(
        "query 'q1': unknown schema 'Alien'"
    )
    # yente would search Address entities, which no list here holds; its name was screened
    # against persons and organisations instead
    address = client.post(
        "/match", json={"queries": {"q1": {"schema": "Address", "properties": {"full": ["1 Main St"]}}}}
    )
    assert address.status_code == 400 and address.json()["detail"].startswith(
        "query 'q1': schema 'Address' is not screened: the lists' entries are persons, organisations, "
        "vessels and aircraft"
    )
    thing = client.post(
        "/match", json={"queries": {"q1": {"schema": "Thing", "properties": {"name": ["Andrii Derkach"]}}}}
    )
    assert thing.json()["responses"]["q1"]["results"][0]["id"] == "toy-29366"  # every kind, as yente


def test_yentes_shape_reads_a_number_as_its_text(client):
    """A client's "birthDate": [1967] (FtM values are strings) was a 422 for the whole request."""

    def ask(dob: object) -> dict:
        query = {"schema": "Person", "properties": {"name": ["Andrii Derkach"], "birthDate": dob}}
        response = client.post("/match", json={"queries": {"q1": query}})
        assert response.status_code == 200, response.text
        answer = response.json()["responses"]["q1"]
        assert answer["status"] == 200 and answer["results"][0]["id"] == "toy-29366"
        return answer

    for dob, text in (([1967], ["1967"]), (1967, "1967"), ([19670819], ["19670819"])):
        answer = ask(dob)
        assert "warnings" not in answer and answer["query"]["properties"]["birthDate"] == text
    # read as a date of birth, as its text would be
    assert "in the future" in ask([2099])["warnings"][0]


def test_the_schemata_yentes_shape_takes_are_followthemoney_schemata():
    import pytest

    model = pytest.importorskip("followthemoney").model
    from tracker.api.routes.search import _NOT_SCREENED, _SCHEMATA

    assert sorted(s for s in _SCHEMATA | _NOT_SCREENED if model.get(s) is None) == []


def test_yentes_shape_takes_a_date_out_of_a_name_by_the_rule_of_the_cli(client, monkeypatch):
    """A name "Andrii Derkach 1967-08-19" was searched whole in yente's shape (a false all clear)."""
    from tracker.screening.screen import Screening

    tried: list[tuple[str, str | None]] = []
    run = Screening.run

    def spy(self, query, **options):
        tried.append((query, options.get("dob")))
        return run(self, query, **options)

    monkeypatch.setattr(Screening, "run", spy)

    def ask(properties: dict) -> dict:
        query = {"schema": "Person", "properties": properties}
        return client.post("/match", json={"queries": {"q": query}}).json()["responses"]["q"]

    dated = ask({"name": ["Andrii Derkach 1967-08-19"]})
    assert dated["status"] == 200 and dated["results"][0]["id"] == "toy-29366" and "warnings" not in dated
    assert tried == [("Andrii Derkach", "1967-08-19")]
    beside = ask({"name": ["Andrii Derkach 1967-08-19"], "birthDate": ["1967-08-20"]})
    assert beside["warnings"] == ["the names hold 1967-08-19: not used beside birthDate"]
    only = ask({"name": ["19.08.1967"]})
    assert only["status"] == 400
    assert only["error"] == "no name to screen, only a date (1967-08-19): that name left out"


def test_match_reads_the_keys_and_numbers_a_user_sends(client):
    """Trial 3 item 3: {"full_name": ..., "dob": 1967} was a 422 (extra key; not a string). Keys
    are read as a batch JSON line's are; a number is the text of a dob or an id."""
    queries = [
        {"full_name": "Andrii Derkach", "dob": 1967, "id": 7},
        {"fullName": "Andrii Derkach", "dateOfBirth": "1967-08-19", "nationality": "UA"},
        {"first_name": "Andrii", "last_name": "Derkach"},
        {"Name": "Mary Poppins"},
    ]
    response = client.post("/match", json={"queries": queries})
    assert response.status_code == 200, response.text
    answers = response.json()["responses"]
    assert [(a["query"], a["dob"], a["id"], a["status"]) for a in answers] == [
        ("Andrii Derkach", "1967", "7", "match"),
        ("Andrii Derkach", "1967-08-19", None, "match"),
        ("Andrii Derkach", None, None, "match"),
        ("Mary Poppins", None, None, "no_match"),
    ]
    assert answers[1]["country"] == "UA"
    # the other direction: a key read as nothing, two keys for the name, or half a name is a
    # 422 with one line naming it, never a query screened without it
    for query, said in (
        ({"name": "John Smith", "director": "Andrii Derkach"}, "queries.0.director: Extra inputs"),
        ({"name": "A B", "full_name": "Andrii Derkach"}, "two keys for one field (name, full_name)"),
        ({"first_name": "Andrii"}, "only part of a name (first_name)"),
        ({"name": "A B", "dob": True}, "queries.0.dob: Input should be a valid string"),
    ):
        refused = client.post("/match", json={"queries": [query]})
        assert refused.status_code == 422, refused.text
        detail = refused.json()["detail"]
        assert said in detail and "\n" not in detail, detail
