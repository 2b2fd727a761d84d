"""One canonical form for an OFAC entry, whichever file it came from (legacy XML, Enhanced XML, CSV).

The CSV cannot write everything the XML can, so every parser folds its entries to what both can say
(``fold``, applied to each entry by the three parsers, and by the store to versions written in an
older form: tracker.store.recanonical). Each rule below comes from comparing the CSV and XML of the
same publication (SDN 2024-05-03 CSV / 2024-05-07 XML, Consolidated 2018 CSV and XML):

* remark items: an item the CSV reader takes for a field (tracker.sources.ofac_remarks) is that
  field in every format. The CSV writes an idList item and the same words in the XML's free-text
  remarks alike, so it cannot tell them apart; the XML's own structure puts them in fields (932
  ``Website`` ids in idList, SDN 2024-05-07), so the XML's remarks are read as the CSV's are
  (``Website www.sgc.gov.sy; Email ...`` in the remarks of SYRIAN GAS COMPANY: a Website identifier
  in both formats, not a change between them);
* text: runs of white space are one space; double quotes are single quotes (the CSV export turns
  ``"Terek"`` into ``'Terek'``);
* remarks and identifier numbers: no final period (the CSV export ends the remarks column with one,
  the XML has it or not: ``CO. LTD`` vs ``CO. LTD.``); remark items that repeat the title are dropped
  (the CSV writes the title again among the remarks);
* an identifier number ending in ``(Place)`` with no country gives the place as its country (the CSV
  writes ``Matricula Mercantil No 01200175 (Bogota)`` where the XML has no country);
* an identifier number holds no '; ': what follows it opens the remarks (the CSV cannot tell a value
  holding '; ' from two items: ``Organization Type: Accounting ...; tax consultancy``);
* addresses: the CSV writes city, state and postal code in one column ("Kirov, Kirovskaya obl.
  610008"); both forms are brought to the split of that joined line (``split_place``), which gives
  back the XML's own three parts for 96 % of the 18,857 addresses of the 2018 and 2024 XML files
  (the rest: a state given without a city, a city with a comma or a number in its name).
"""

from __future__ import annotations

import re

from tracker.records import Address, Identifier, ListEntry, Name
from tracker.sources.ofac_common import strip_final_period
from tracker.sources.ofac_remarks import parse_remarks

_NEEDS_FOLD = re.compile(r'["\t\r\n]|\s\s|^\s|\s$')
_DIGIT = re.compile(r"\d")
_POSTAL_PREFIX = re.compile(r"^(?:[A-Z]{1,3}|C\.P\.)$")  # "CP 22710", "PQ H303 IGI", "C.P. 06600"


def fold_text(text: str) -> str:
    """White space runs to one space, double quotes to single quotes (what the CSV can write)."""
    if not _NEEDS_FOLD.search(text):
        return text
    return " ".join(text.replace('"', "'").split())


def _fold(text: str | None) -> str | None:
    if text is None:
        return None
    return fold_text(text) or None


def join_place(city: str | None, region: str | None, postal_code: str | None) -> str | None:
    """The CSV's "City/State/Province/Postal" column from the XML's parts: 'Kirov, Kirovskaya obl.
    610008' (checked on every address of the 2018 Consolidated CSV and XML: 638 of 639 entries agree,
    the last differs by a quote)."""
    head = ", ".join(part for part in (city, region) if part)
    line = f"{head} {postal_code}" if postal_code else head
    return line.strip() or None


def split_place(line: str | None) -> tuple[str | None, str | None, str | None]:
    """(city, region, postal code) from the joined column: the postal code is the run of final words
    holding a digit (with a short capitals prefix such as 'CP' or 'C.P.', or a final capitals word
    as in '3022 TH'); the region is what follows the last comma of the rest."""
    if not line:
        return None, None, None
    words = line.split(" ")
    start = len(words)
    while start > 0:
        word = words[start - 1]
        if _DIGIT.search(word) and not word.endswith(","):
            start -= 1
            continue
        after_comma = start > 1 and words[start - 2].endswith(",")
        if _POSTAL_PREFIX.match(word) and not after_comma and start > 1:
            last = start == len(words)
            neighbour = words[start - 2] if last else words[start]
            if _DIGIT.search(neighbour) and not neighbour.endswith(","):
                start -= 1
                continue
        break
    postal = " ".join(words[start:]) or None
    head = " ".join(words[:start]).rstrip(",").strip()
    region = None
    if ", " in head:
        head, region = head.rsplit(", ", 1)
    return head or None, region or None, postal


def fold(entry: ListEntry) -> ListEntry:
    """Bring one parsed (or stored) OFAC entry to the canonical form, in place; returns it."""
    if entry.remarks:  # first, so that the fields read from the remarks are folded below
        parse_remarks(entry, entry.remarks)
    entry.names = [_fold_name(n) for n in entry.names]
    entry.programs = [fold_text(p) for p in entry.programs]
    entry.titles = [fold_text(t) for t in entry.titles]
    entry.birth_places = [fold_text(p) for p in entry.birth_places]
    entry.birth_dates = [fold_text(d) for d in entry.birth_dates]
    entry.nationalities = [fold_text(c) for c in entry.nationalities]
    entry.citizenships = [fold_text(c) for c in entry.citizenships]
    spilled: list[str] = []
    entry.identifiers = [_fold_id(i, spilled) for i in entry.identifiers]
    if spilled:
        entry.remarks = "; ".join([*spilled, entry.remarks] if entry.remarks else spilled)
    entry.addresses = [_fold_address(a) for a in entry.addresses]
    if entry.details:
        entry.details = {k: fold_text(v) for k, v in entry.details.items()}
    if entry.remarks:
        entry.remarks = _fold_remarks(entry.remarks, entry.titles)
    return entry


def _fold_name(name: Name) -> Name:
    parts = (name.full, name.first or "", name.last or "")
    if not any(_NEEDS_FOLD.search(p) for p in parts):
        return name
    name.full = fold_text(name.full)
    name.first, name.last = _fold(name.first), _fold(name.last)
    return name


def _fold_id(item: Identifier, spilled: list[str]) -> Identifier:
    number = fold_text(item.number)
    if "; " in number:
        number, rest = number.split("; ", 1)
        spilled.append(rest)
    number = strip_final_period(number)
    country = _fold(item.country)
    country = strip_final_period(country) if country else None
    if country is None and number.endswith(")") and " (" in number:
        inner_start = number.rindex(" (")
        inner = number[inner_start + 2 : -1]
        if inner and "(" not in inner:
            number, country = number[:inner_start], strip_final_period(inner)
    item.type, item.number, item.country = fold_text(item.type), number, country
    item.issued, item.expires, item.note = _fold(item.issued), _fold(item.expires), _fold(item.note)
    return item


def _fold_address(address: Address) -> Address:
    street, country, note = _fold(address.street), _fold(address.country), _fold(address.note)
    city, region, postal = _fold(address.city), _fold(address.region), _fold(address.postal_code)
    # Split the joined line until it splits the same again (a comma inside a postal code, "GSP-7,
    # 117997", ends the first split early): stored versions are folded anew at each form change.
    for _ in range(3):
        place = join_place(city, region, postal)
        city, region, postal = split_place(place)
        if join_place(city, region, postal) == place:
            break
    return Address(street, city, region, postal, country, note)


def _fold_remarks(remarks: str, titles: list[str]) -> str | None:
    text = strip_final_period(fold_text(remarks))
    if titles:
        title_parts = {strip_final_period(p.strip()) for t in titles for p in t.split(";")}
        items = text.split("; ")
        kept = [i for i in items if strip_final_period(i) not in title_parts]
        if len(kept) != len(items):
            text = strip_final_period("; ".join(kept))
    return text or None
