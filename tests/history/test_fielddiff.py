"""Field-level diffs between two canonical forms of an entry."""

from __future__ import annotations

from tracker.history.fielddiff import field_changes


def test_scalar_fields_give_before_and_after() -> None:
    assert field_changes({"remarks": "a", "gender": "Male"}, {"remarks": "b", "gender": "Male"}) == [
        {"field": "remarks", "before": "a", "after": "b"}
    ]


def test_a_field_that_appears_or_disappears_has_none_on_the_missing_side() -> None:
    changes = field_changes({"listed_on": "2022-02-24"}, {"gender": "Female"})
    assert changes == [
        {"field": "gender", "before": None, "after": "Female"},
        {"field": "listed_on", "before": "2022-02-24", "after": None},
    ]  # sorted by field name


def test_list_fields_are_compared_as_sets_with_the_items_put_in_and_taken_out() -> None:
    before = {"programs": ["A", "B"], "names": [{"full": "X", "kind": "aka"}]}
    after = {"programs": ["B", "C"], "names": [{"full": "X", "kind": "aka"}, {"full": "Y", "kind": "fka"}]}
    by_field = {c["field"]: c for c in field_changes(before, after)}
    assert by_field["programs"]["added"] == ["C"] and by_field["programs"]["removed"] == ["A"]
    assert by_field["programs"]["before"] == ["A", "B"] and by_field["programs"]["after"] == ["B", "C"]
    assert by_field["names"]["added"] == [{"full": "Y", "kind": "fka"}] and by_field["names"]["removed"] == []


def test_reordered_or_repeated_list_items_are_no_change() -> None:
    assert field_changes({"programs": ["A", "B"]}, {"programs": ["B", "A", "A"]}) == []


def test_a_list_that_appears_counts_all_its_items_as_added() -> None:
    (change,) = field_changes({}, {"titles": ["Minister"]})
    assert (change["before"], change["added"], change["removed"]) == (None, ["Minister"], [])


def test_the_entry_id_is_bookkeeping_not_a_change() -> None:
    assert field_changes({"source_id": "1", "gender": "M"}, {"source_id": "2", "gender": "M"}) == []


def test_equal_entries_have_no_changes() -> None:
    data = {"names": [{"full": "X"}], "details": {"IMO": "1"}}
    assert field_changes(data, dict(data)) == []
