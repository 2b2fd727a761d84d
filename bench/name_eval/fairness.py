"""Which names make fair queries. Every rule here is about the data, never about a search result,
and applies to both halves alike; a query a rule removes goes to excluded.csv with its reason.

- Weak aliases are never queries (OFAC and the UN call them too broad to identify anyone).
- EU translations of a non-individual's name are never queries: the EU writes a company's or a
  group's name translated into its official languages ("Μαύρος Σεπτέμβρης" for Black September);
  a translation is another name, not another spelling.
- A query whose name is written the same way (loose_key) on an entry outside its group that the
  search may return tests nothing but a copy; that entry is a person the links missed, a namesake,
  or a list's mistake (the UK list gives LUKYANENKO, Valerii the Cyrillic name of KULIK, Vadim).
- A Latin cross-list query must share a run of three letters with one of the target entry's Latin
  names, outside particles and company words: "Danial Adam" (OFAC alias of AL GHABRA, Mohammed) is
  another name, "Sergej Vjatjeslavovitj" and "Sergei Vyacheslavovich" are two spellings of one.
- A one-word cross-list query for an individual ("Said", "Ismail") names no one.
- A person query whose name is, exactly, also the name of another individual on the target list
  (leave-one-out: on any list) cannot be judged by its name: it is kind ``namesake-ambiguous``,
  reported on its own line and never counted in recall (``namesake_ambiguous``). The UK lists two
  CHOE Chun Sik, born 1954 and 1963: "최천식" is either.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict

from bench.name_eval.common import Query, loose_key, script_family
from bench.name_eval.links import is_person
from tracker.names.normalize import consonant_key, name_tokens
from tracker.records import ListEntry, Name, NameKind

NAMESAKE_AMBIGUOUS = "namesake-ambiguous"

EU_TRANSLATIONS = frozenset(
    {
        "bg",
        "cs",
        "da",
        "de",
        "el",
        "es",
        "et",
        "fi",
        "fr",
        "ga",
        "hr",
        "hu",
        "it",
        "lt",
        "lv",
        "mt",
        "nl",
        "pl",
        "pt",
        "ro",
        "sk",
        "sl",
        "sv",
    }
)
# Words that say nothing about whose name it is: Arabic and European particles, honorifics, and
# company words (legal forms, "bank", "group") that many unrelated names share.
FILLER = frozenset(
    {
        "al",
        "el",
        "ul",
        "ad",
        "ar",
        "as",
        "at",
        "az",
        "bin",
        "ben",
        "ibn",
        "bint",
        "abu",
        "abou",
        "abd",
        "abdel",
        "abdul",
        "de",
        "del",
        "della",
        "di",
        "da",
        "dos",
        "das",
        "du",
        "van",
        "von",
        "der",
        "den",
        "la",
        "le",
        "les",
        "the",
        "and",
        "of",
        "for",
        "mr",
        "mrs",
        "dr",
        "sheikh",
        "haji",
        "mullah",
        "maulavi",
        "sayed",
        "seyed",
        "company",
        "co",
        "corp",
        "corporation",
        "inc",
        "llc",
        "ltd",
        "limited",
        "jsc",
        "ojsc",
        "pjsc",
        "cjsc",
        "oao",
        "ooo",
        "zao",
        "pao",
        "ao",
        "ojs",
        "joint",
        "stock",
        "open",
        "closed",
        "public",
        "private",
        "group",
        "holding",
        "holdings",
        "international",
        "intl",
        "trading",
        "enterprise",
        "federal",
        "state",
        "unitary",
        "plant",
        "factory",
        "bank",
        "llp",
        "gmbh",
        "sa",
        "srl",
    }
)


def query_worthy(source: str, entry: ListEntry, name: Name) -> bool:
    if name.kind == NameKind.WEAK_AKA:
        return False
    return not (source == "eu_fsf" and not is_person(entry) and name.lang in EU_TRANSLATIONS)


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c if c.isalnum() else " " for c in folded if not unicodedata.combining(c))
    return [w for w in kept.split() if w not in FILLER]


def _trigrams(word: str) -> set[str]:
    return {word[i : i + 3] for i in range(len(word) - 2)} if len(word) >= 3 else {word}


def another_name(query: str, person: bool, target_names: list[str]) -> str | None:
    """Why a cross-list query is another name rather than another spelling, or None."""
    words = _words(query)
    if person and len(words) < 2 and script_family(query) == "Latin":
        return "one word names no one"
    if script_family(query) != "Latin":
        return None  # another script: nothing to compare without a transliterator
    latin = [n for n in target_names if script_family(n) == "Latin"]
    ours = set().union(*map(_trigrams, words)) if words else set()
    theirs = set().union(*(_trigrams(w) for n in latin for w in _words(n))) if latin else set()
    if latin and not ours & theirs:
        return "no word in common with the target's names: another name"
    return None


def without_collisions(rows: list[Query], by_key: dict[str, ListEntry]) -> tuple[list[Query], list[Query]]:
    """(kept, excluded): queries whose name is on an entry outside their group that the search may
    return (leave-one-out: any entry; cross-list: an entry of the target list)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for key, entry in by_key.items():
        for name in entry.names:
            owners[loose_key(name.full)].add(key)
    kept, excluded = [], []
    for q in rows:
        source_entry = q.note.split(" ", 1)[0]  # the entry the query's name comes from
        others = owners.get(loose_key(q.query), set()) - set(q.expected) - {source_entry}
        if q.target:
            others = {k for k in others if k.startswith(q.target + ":")}
        if others:
            q.note += f"; excluded: same name on {' '.join(sorted(others)[:3])}"
            excluded.append(q)
        else:
            kept.append(q)
    return kept, excluded


def namesake_ambiguous(rows: list[Query], by_key: dict[str, ListEntry]) -> int:
    """Mark as ``namesake-ambiguous`` (in place) every person query (``loo``, ``cross-list``) whose
    exact name another individual carries on the target list; returns how many. Exact, strictly:
    - an expected entry carries a name N (two words or more, not a weak alias) that another
      individual outside the group carries too, the same up to order, case, accents and punctuation
      (loose_key), and that is not the entry the query's name comes from;
    - the query is N, written in another script or spelling: the same words with the same consonants
      (tracker's normaliser: romanised, then ``consonant_key`` of each word, as a multiset). A query
      that spells another of the person's names is still counted."""
    owners: dict[str, set[str]] = defaultdict(set)
    for key, entry in by_key.items():
        if is_person(entry):
            for name in _full_names(entry):
                owners[loose_key(name)].add(key)
    marked = 0
    for q in rows:
        if q.kind not in ("loo", "cross-list"):
            continue
        spelled = _consonants(q.query)
        source_entry = q.note.split(" ", 1)[0]
        others = {
            other
            for key in q.expected
            for name in _full_names(by_key[key])
            if _consonants(name) == spelled
            for other in owners[loose_key(name)]
            if other not in q.expected
            and other != source_entry
            and (not q.target or other.startswith(q.target + ":"))
        }
        if others:
            q.kind = NAMESAKE_AMBIGUOUS
            q.note += f"; same name on {' '.join(sorted(others)[:3])}"
            marked += 1
    return marked


def _full_names(entry: ListEntry) -> list[str]:
    return [
        n.full for n in entry.names if n.kind != NameKind.WEAK_AKA and len(loose_key(n.full).split()) >= 2
    ]


def _consonants(text: str) -> tuple[str, ...]:
    return tuple(sorted(consonant_key(token) for token in name_tokens(text)))
