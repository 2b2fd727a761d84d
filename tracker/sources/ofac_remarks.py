"""The OFAC CSV's remarks column: '; '-joined items that the XML keeps in fields of their own (dates
and places of birth, nationality, citizenship, gender, identifiers, weak a.k.a.s, links) followed by
the XML's own free-text remarks. Each item is read into the field the XML parser fills; what no rule
claims stays in the remarks, so one entry gives the same canonical form from both formats
(tracker.sources.ofac_canonical).

The rules that tell a field from free text were checked against the XML of the same publication
(SDN 2024-05-03 CSV / 2024-05-07 XML): an item is a field only when its value is written as the XML
writes that field (a date of birth in the XML's date grammar; an identifier number of a type whose
numbers are never prose, with no prose words in it).
"""

from __future__ import annotations

import re
from collections import defaultdict

from tracker.names.scripts import detect_script
from tracker.records import EntityType, ListEntry, Name
from tracker.sources.ofac_common import AKA_KINDS, ID_TYPES, add_id, ofac_date, strip_final_period

# First word of an id type -> the types starting with it, longest first (so the longest one matches).
_ID_BY_WORD: dict[str, list[str]] = defaultdict(list)
for _type in sorted(ID_TYPES, key=len, reverse=True):
    _ID_BY_WORD[_type.split(" ", 1)[0]].append(_type)
del _type

# Identifier types whose numbers are free text in the XML (2018, 2024 legacy; 2024-2025 Enhanced):
# every type ending in ':' or '-', and these.
_TEXT_ID_TYPES = frozenset(
    {
        "Executive Order 14024 Directive Information",
        "Issuer Name",
        "Target Type",
        "Organization Established Date",
        "Other Vessel Flag",
        "Former Vessel Flag",
        "Nationality of Registration",
        "Registration Country",
    }
)
# Families of identifier types OFAC keeps adding to ("Executive Order 14059 information:" is in no
# file the ID_TYPES vocabulary was read from, but in the 2025 Consolidated CSV and Enhanced XML).
_ID_FAMILIES = re.compile(
    r"^(?:Executive Order \d+(?: Directive)? [Ii]nformation(?::| -)?"
    r"|(?:Listing|Effective) Date \((?:EO \d+ Directive \w+|CMIC)\):"
    r"|[A-Z]{3,}(?: Section \d+)? Information:)(?= )"
)
_PROSE_WORD = re.compile(r"(?:^|\s)[a-z]{2,}(?:\s|$)")  # "issued in", "and", "of": never in a number

# Dates of birth as the XML writes them: '1968', 'Aug 1968', '19 Aug 1968', 'circa ...', '... to ...'.
_DATE = r"(?:\d{1,2} )?(?:[A-Z][a-z]{2} )?\d{4}"
_DOB = re.compile(rf"^(?:circa )?{_DATE}(?: to {_DATE})?$")

_SIMPLE_ITEMS = {"DOB": "birth_dates", "POB": "birth_places", "nationality": "nationalities"}
REMARKS_LIMIT = 1000  # characters of the remarks column; the rest is in sdn_comments.csv (OFAC spec)


def text_id_type(id_type: str) -> bool:
    """True when numbers of this identifier type are free text (a statement, a flag, a date)."""
    return id_type.endswith((":", "-")) or id_type in _TEXT_ID_TYPES


def parse_remarks(entry: ListEntry, text: str) -> None:
    """Split the remark items into the entry's fields; what no rule claims stays as remarks."""
    text = strip_final_period(text)  # the CSV export ends the column with a period
    other: list[str] = []
    linked: list[str] = []
    prose_heads: set[str] = set()  # "DOB circa 1979-1982; alt. DOB 1982": an alt. of prose is prose
    for item in split_items(text):
        alternative = item.startswith("alt. ")
        body = item[5:] if alternative else item
        head, _, rest = body.partition(" ")
        rest = rest.strip()
        if not alternative:
            prose_heads.discard(head)
        if ";" in rest or (alternative and head in prose_heads):
            # "nationality possibly Palestinian;arrested 23 Apr 2002": prose, not a field
            other.append(item)
        elif head == "DOB" and not _DOB.match(rest):
            prose_heads.add(head)
            other.append(item)
        elif head in _SIMPLE_ITEMS and rest:
            value = ofac_date(rest) if head == "DOB" else rest
            getattr(entry, _SIMPLE_ITEMS[head]).append(value)
        elif head == "citizen" and rest:
            entry.citizenships.append(rest)
        elif head == "Gender" and rest:
            add_id(entry, "Gender", rest)
        elif head in ("a.k.a.", "f.k.a.", "n.k.a.") and len(rest) > 2 and rest[0] == rest[-1] == "'":
            # The XML keeps a weak alias whole in lastName ("ANIS, Abu"): do the same, no split.
            alias = rest[1:-1].strip()
            last = alias if entry.entity_type == EntityType.INDIVIDUAL else None
            entry.names.append(
                Name(full=alias, kind=AKA_KINDS[(head, "weak")], last=last, script=detect_script(alias))
            )
        elif item.startswith("Linked To: "):
            linked.append(item)
        elif not _id_item(entry, body):
            other.append(item)
    # The XML writes the same leftovers as "text; (Linked To: A; Linked To: B)".
    if linked:
        other.append("(" + "; ".join(linked) + ")")
    entry.remarks = "; ".join(other) or None


def split_items(text: str) -> list[str]:
    """The '; '-joined items, white space folded; a '; ' inside parentheses does not split
    ("(Following data derived from ...: Alt. DOB: ...; Passport No.: ...)" is one item)."""
    items: list[str] = []
    pending = ""
    for piece in text.split("; "):
        pending = f"{pending}; {piece}" if pending else piece
        if pending.count("(") <= pending.count(")"):
            item = " ".join(pending.split())
            if item:
                items.append(item)
            pending = ""
    if pending.strip():
        items.append(" ".join(pending.split()))
    return items


def cut_remarks(text: str) -> str:
    """Remarks cut at REMARKS_LIMIT with no continuation: without the last, partial item."""
    return text.rsplit("; ", 1)[0] if "; " in text else ""


def _id_types(body: str) -> list[str]:
    """The identifier types the item may start with, longest first."""
    known = _ID_BY_WORD.get(body.split(" ", 1)[0], [])
    family = _ID_FAMILIES.match(body)
    return [family.group(0), *known] if family else known


def _id_item(entry: ListEntry, body: str) -> bool:
    """'Passport FB513714 (Ukraine) issued 01 Jan 2010 expires 01 Jan 2020' -> an identifier."""
    for id_type in _id_types(body):
        if body.startswith(id_type) and body[len(id_type) : len(id_type) + 1] == " ":
            value = body[len(id_type) + 1 :].strip()
            value, expires = _cut_suffix(value, " expires ")
            value, issued = _cut_suffix(value, " issued ")
            country = None
            if value.endswith(")") and " (" in value:
                number, _, inner = value.rpartition(" (")
                if number and "(" not in inner:
                    value, country = number, inner[:-1]
            if not value:
                return False
            if not text_id_type(id_type) and " " in value and _PROSE_WORD.search(value):
                return False  # "Passport issued in Sarajevo": a sentence of the XML's remarks
            add_id(entry, id_type, value, country, issued, expires)
            return True
    return False


def _cut_suffix(value: str, marker: str) -> tuple[str, str | None]:
    before, found, after = value.rpartition(marker)
    if found and before and after and after[-4:].isdigit():  # only when a date (year) follows
        return before, after
    return value, None
