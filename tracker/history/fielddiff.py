"""Field-level differences between two canonical entry forms."""

from __future__ import annotations

import json
from typing import Any, NotRequired, TypedDict

from tracker.history.carry import NOT_PROVIDED, comparable, not_provided

# Fields that are identity/bookkeeping, not content a reader would call a change.
IGNORED_FIELDS = frozenset({"source_id", NOT_PROVIDED})


class FieldChange(TypedDict):
    """One amended field of an entry, as stored in ``Change.fields`` (JSON) and shown by reports."""

    field: str
    before: Any  # the canonical value before (None: absent)
    after: Any
    added: NotRequired[list[Any]]  # list fields only: items put in ...
    removed: NotRequired[list[Any]]  # ... and taken out (set difference)


def field_changes(before: dict[str, Any], after: dict[str, Any]) -> list[FieldChange]:
    """One FieldChange per top-level field whose value differs.

    List values are compared as sets (canonical forms are sorted, so reordering never shows up here);
    for lists, "added" and "removed" hold the set difference so a report can say "alias added".
    A component that either side does not know (tracker.history.carry) is left out of the comparison.
    """
    unknown = not_provided(before) | not_provided(after)
    if unknown:
        before, after = comparable(before, unknown), comparable(after, unknown)
    changes: list[FieldChange] = []
    for name in sorted(set(before) | set(after)):
        if name in IGNORED_FIELDS:
            continue
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        change = FieldChange(field=name, before=old, after=new)
        if isinstance(old, list) or isinstance(new, list):
            old_items = {_key(i): i for i in (old or [])}
            new_items = {_key(i): i for i in (new or [])}
            change["added"] = [new_items[k] for k in sorted(new_items.keys() - old_items.keys())]
            change["removed"] = [old_items[k] for k in sorted(old_items.keys() - new_items.keys())]
            if not change["added"] and not change["removed"]:
                continue  # same set, different order or duplicates
        changes.append(change)
    return changes


def _key(item: Any) -> str:
    return json.dumps(item, sort_keys=True, ensure_ascii=False)
