"""Readable text for canonical entry values: what an analyst sees in a report cell.

Names read as "DERKACH, Andrii Leonidovych (primary); DERKACH, Andriy (aka)"; lists are "; "-joined;
dicts (vessel details) read "Call Sign: ABC". For a changed list field a report shows only the items
removed (before) and added (after), rendered the same way, so a 40-alias entry with one new alias
gives a one-alias cell.
"""

from __future__ import annotations

from typing import Any

from tracker.history.fielddiff import FieldChange

SEP = "; "
KIND_LABEL = {"primary": "primary", "aka": "aka", "weak_aka": "weak aka", "fka": "fka", "nka": "nka"}
# Keys of an item shown in detail only when the short form cannot tell two items apart.
_NAME_PARTS = ("first", "middle", "last", "title", "lang")


def name_text(name: dict[str, Any], *, detail: bool = False) -> str:
    labels = [KIND_LABEL.get(name.get("kind", ""), name.get("kind", "") or "name")]
    if name.get("script") and name["script"] != "Latn":
        labels.append(name["script"])
    if detail:
        labels += [f"{k}: {name[k]}" for k in _NAME_PARTS if name.get(k)]
    return f"{name.get('full', '')} ({', '.join(labels)})"


def identifier_text(item: dict[str, Any], *, detail: bool = False) -> str:
    head = " ".join(str(item[k]) for k in ("type", "number") if item.get(k))
    extra = [str(item["country"])] if item.get("country") else []
    extra += [f"{k} {item[k]}" for k in ("issued", "expires") if item.get(k)]
    if item.get("note"):
        extra.append(str(item["note"]))
    return f"{head} ({', '.join(extra)})" if extra else head


def address_text(item: dict[str, Any], *, detail: bool = False) -> str:
    parts = [str(item[k]) for k in ("street", "city", "region", "postal_code", "country") if item.get(k)]
    text = ", ".join(parts)
    if item.get("note"):
        text = f"{text} ({item['note']})" if text else str(item["note"])
    return text


def item_text(field: str, item: Any, *, detail: bool = False) -> str:
    """One element of a list field."""
    if not isinstance(item, dict):
        return str(item)
    if field == "names":
        return name_text(item, detail=detail)
    if field == "identifiers":
        return identifier_text(item, detail=detail)
    if field == "addresses":
        return address_text(item, detail=detail)
    return ", ".join(f"{k}: {v}" for k, v in item.items())


def value_text(field: str, value: Any) -> str:
    """A whole field value (scalar, list or dict) as one cell."""
    if value is None:
        return ""
    if isinstance(value, list):
        return SEP.join(item_text(field, v) for v in value)
    if isinstance(value, dict):
        return SEP.join(f"{k}: {v}" for k, v in value.items())
    return str(value)


def change_texts(change: FieldChange) -> tuple[str, str]:
    """(before, after) cells for one field_changes() item.

    List fields: the removed and the added items (sets; unchanged items left out). When the short
    forms of the two sides read the same (only a name part or a script changed), the items are shown
    with every part so the cell says what differs. Dicts: only the keys that differ.
    """
    field = change["field"]
    if "added" in change or "removed" in change:
        removed, added = change.get("removed", []), change.get("added", [])
        short_before = [item_text(field, v) for v in removed]
        short_after = [item_text(field, v) for v in added]
        if sorted(short_before) == sorted(short_after):
            short_before = [item_text(field, v, detail=True) for v in removed]
            short_after = [item_text(field, v, detail=True) for v in added]
            if sorted(short_before) == sorted(short_after):  # still alike: show the raw items
                short_before = [_raw(v) for v in removed]
                short_after = [_raw(v) for v in added]
        return SEP.join(short_before), SEP.join(short_after)
    before, after = change.get("before"), change.get("after")
    if isinstance(before, dict) or isinstance(after, dict):
        old, new = before or {}, after or {}
        keys = [k for k in dict.fromkeys([*old, *new]) if old.get(k) != new.get(k)]
        return (
            SEP.join(f"{k}: {old[k]}" for k in keys if k in old),
            SEP.join(f"{k}: {new[k]}" for k in keys if k in new),
        )
    return value_text(field, before), value_text(field, after)


def primary_name(data: dict[str, Any], fallback: str = "") -> str:
    names = data.get("names") or []
    for name in names:
        if name.get("kind") == "primary":
            return str(name.get("full", ""))
    return str(names[0].get("full", "")) if names else fallback


def summary_text(data: dict[str, Any], max_names: int = 12) -> str:
    """Key facts of an added or removed entry in one cell: names, birth data, nationality, ids."""
    parts = []
    names = data.get("names") or []
    ordered = sorted(names, key=lambda n: n.get("kind") != "primary")  # primary first, stable otherwise
    shown = [name_text(n) for n in ordered[:max_names]]
    if len(names) > max_names:
        shown.append(f"(+{len(names) - max_names} more)")
    if shown:
        parts.append("names: " + SEP.join(shown))
    for label, key in (
        ("DOB", "birth_dates"),
        ("POB", "birth_places"),
        ("nationality", "nationalities"),
        ("citizenship", "citizenships"),
        ("IDs", "identifiers"),
    ):
        if data.get(key):
            parts.append(f"{label}: " + value_text(key, data[key]))
    if data.get("listed_on"):
        parts.append(f"listed on: {data['listed_on']}")
    return " | ".join(parts)


def _raw(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)
