"""Canada (ca_sema): an alias that spells only part of a person's name is read as the whole name."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import real_file
from tracker.records import NameKind, canonical_form, entry_from_canonical
from tracker.sources import ca_sema

_RECORD = """<record><Country>Russia / Russie</Country><LastName>{last}</LastName>
<GivenName>{given}</GivenName><Aliases>{aliases}</Aliases><Schedule>1</Schedule><Item>{item}</Item></record>"""


def _aliases(tmp_path: Path, *people: tuple[str, str, str]) -> list[list[str]]:
    records = "".join(
        _RECORD.format(given=given, last=last, aliases=aliases, item=i)
        for i, (given, last, aliases) in enumerate(people)
    )
    path = tmp_path / "sema-lmes.xml"
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?><data-set>{records}</data-set>')
    return [sorted(n.full for n in e.names if n.kind is NameKind.AKA) for e in ca_sema.parse(path).entries]


def test_an_alias_spelling_a_part_of_the_name_is_the_whole_name_so_spelt(tmp_path: Path) -> None:
    """ "Sergei, Serhii SHERBAKOV" gave the alias "Sergei": a first name alone, matching every Sergei."""
    assert _aliases(
        tmp_path,
        ("Sergey Alekseyevich", "SHCHERBAKOV", "Sergei, Serhii SHERBAKOV"),
        ("Aleksey Mikhailovich", "SALYAEV", "Aleksei, Oleksii SALYAYEV, SALIAIEV"),
        ("Aleksandr Aleksandrovich", "ZHAROV", "Alexander Alexandrovich"),  # the given names alone
        ("Sergey Nikolayevich", "STANKEVICH", "Sergei Nikolaevich"),  # -evich is no surname
        ("Amir Ali Haji", "Zadeh", "Amir Ali Hajizadeh"),  # whole: its last word spells the surname
        ("Pavel", "DREMOV", "Batya, Kazak"),  # nicknames: whole names
        ("Igor", "GIRKIN", "Igor STRELKOV"),
    ) == [
        ["Sergei Alekseyevich SHCHERBAKOV", "Serhii SHERBAKOV"],
        ["Aleksei Mikhailovich SALYAEV", "Aleksey Mikhailovich SALIAIEV", "Oleksii SALYAYEV"],
        ["Alexander Alexandrovich ZHAROV"],
        ["Sergei Nikolaevich STANKEVICH"],
        ["Amir Ali Hajizadeh"],
        ["Batya", "Kazak"],
        ["Igor STRELKOV"],
    ]


def test_the_fold_brings_a_version_stored_before_form_4_to_the_parsers_form(tmp_path: Path) -> None:
    """tracker.store.recanonical folds stored versions with SourceSpec.fold: an old version ("Sergei"
    as its own alias) becomes what the parser gives now, so the next snapshot is no MODIFIED wave."""
    (entry,) = ca_sema.parse(_write_one(tmp_path)).entries
    old = entry_from_canonical(canonical_form(entry)[0])
    old.names = [n for n in old.names if n.kind is not NameKind.AKA]
    old.names.append(type(entry.names[0])(full="Sergei", kind=NameKind.AKA))
    assert ca_sema.SEMA.fold is ca_sema.fold
    assert canonical_form(ca_sema.fold(old)) == canonical_form(entry)
    assert canonical_form(ca_sema.fold(ca_sema.fold(old))) == canonical_form(entry)  # idempotent


def _write_one(tmp_path: Path) -> Path:
    path = tmp_path / "one.xml"
    record = _RECORD.format(given="Sergey Alekseyevich", last="SHCHERBAKOV", aliases="Sergei", item=1)
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?><data-set>{record}</data-set>')
    return path


@pytest.mark.realdata
def test_no_person_of_the_real_list_keeps_a_name_part_as_an_alias() -> None:
    """The list of 2020-04-15: 45 one-word aliases spell a part of the name (all now whole names);
    the 7 nicknames (Batya, Kazak, Fritz, Serbian, Motorola, Givi, Arina) stay."""
    parsed = ca_sema.parse(real_file("canada/2020-04-15/sema-lmes.xml.gz"))
    one_word = sorted(
        n.full
        for e in parsed.entries
        if e.entity_type.value == "individual"
        for n in e.names
        if n.kind is NameKind.AKA and len(n.full.split()) == 1
    )
    assert one_word == ["Arina", "Batya", "Fritz", "Givi", "Kazak", "Motorola", "Serbian"]


def test_random_bytes_are_refused_as_binary_data(tmp_path: Path) -> None:
    """They were 'malformed XML at line 1: Start tag expected'."""
    from tracker.errors import ParseError

    path = tmp_path / "bin.xml"
    path.write_bytes(bytes(range(1, 9)) * 64)
    with pytest.raises(ParseError, match=r"^bin\.xml: binary data, not the Canadian SEMA list XML$"):
        ca_sema.parse(path)


_ENTITY = """<record><Country>Russia / Russie</Country><Entity>{entity}</Entity>
<Aliases>{aliases}</Aliases><Schedule>1, Part 2</Schedule><Item>{item}</Item></record>"""


def test_a_company_alias_with_a_comma_before_its_legal_form_is_one_name(tmp_path: Path) -> None:
    """The aliases were split at every comma: "Shenzhen Huawei Co., Ltd." became the names
    "Shenzhen Huawei Co." and "Ltd." (a legal form alone, matching every company). The other
    direction: aliases that are whole names still split, and a person's comma-separated aliases too."""
    companies = [
        ("Joint Stock Company Concern Almaz-Antey", "Almaz-Antey, JSC, Concern VKO Almaz-Antey"),
        ("Huawei", "Shenzhen Huawei Co., Ltd., Huawei Technologies, Inc."),
        ("Htoo Furniture", "Htoo Wood, Htoo Wood Products, Htoo Wood Products Pte. Limited"),
    ]
    records = "".join(
        _ENTITY.format(entity=entity, aliases=aliases, item=i)
        for i, (entity, aliases) in enumerate(companies)
    )
    path = tmp_path / "sema-lmes.xml"
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?><data-set>{records}</data-set>')
    got = [sorted(n.full for n in e.names if n.kind is NameKind.AKA) for e in ca_sema.parse(path).entries]
    assert got == [
        ["Almaz-Antey, JSC", "Concern VKO Almaz-Antey"],
        ["Huawei Technologies, Inc.", "Shenzhen Huawei Co., Ltd."],
        ["Htoo Wood", "Htoo Wood Products", "Htoo Wood Products Pte. Limited"],
    ]
    assert ca_sema.split_aliases("Ltd., Acme") == ["Ltd.", "Acme"]  # nothing before it: kept
    assert _aliases(tmp_path, ("Pavel", "DREMOV", "Batya, Kazak")) == [["Batya", "Kazak"]]


def test_a_name_in_english_and_french_is_two_names(tmp_path: Path) -> None:
    """ "Central Bank of Syria/Banque centrale de Syrie" was one primary name: "Central Bank of
    Syria" found nothing at the default threshold. The "/" inside brackets is part of a name."""
    companies = [
        ("Central Bank of Syria/Banque centrale de Syrie", ""),
        ("MEC Steel Mills (Hmaw Bi/Pyi/Ywama)", ""),
        (
            "Islamic Revolutionary Guard Corps/Corps des Gardiens de la Révolution islamique",
            "IRGC, IRG/GRI, CGRI",
        ),
        ("A/B/C", ""),
    ]
    records = "".join(
        _ENTITY.format(entity=entity, aliases=aliases, item=i)
        for i, (entity, aliases) in enumerate(companies)
    )
    path = tmp_path / "sema-lmes.xml"
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?><data-set>{records}</data-set>')
    got = [
        (
            [n.full for n in e.names if n.kind is NameKind.PRIMARY],
            sorted(n.full for n in e.names if n.kind is NameKind.AKA),
        )
        for e in ca_sema.parse(path).entries
    ]
    assert got == [
        (["Central Bank of Syria"], ["Banque centrale de Syrie"]),
        (["MEC Steel Mills (Hmaw Bi/Pyi/Ywama)"], []),
        (
            ["Islamic Revolutionary Guard Corps"],
            ["CGRI", "Corps des Gardiens de la Révolution islamique", "GRI", "IRG", "IRGC"],
        ),
        (["A/B/C"], []),
    ]
    # a version stored before form 5 is folded to the same entry (no MODIFIED wave)
    entry = ca_sema.parse(path).entries[0]
    old = entry_from_canonical(canonical_form(entry)[0])
    old.names = [type(entry.names[0])(full="Central Bank of Syria/Banque centrale de Syrie")]
    assert canonical_form(ca_sema.fold(old)) == canonical_form(entry)


@pytest.mark.realdata
def test_no_name_of_the_real_list_is_left_in_two_languages() -> None:
    parsed = ca_sema.parse(real_file("canada/2020-04-15/sema-lmes.xml.gz"))
    names = [n for e in parsed.entries for n in e.names]
    assert [n.full for n in names if ca_sema.bilingual(n.full)[1] is not None] == []
    assert sum(n.lang == "fr" for n in names) == 45  # 41 entities' names and 4 aliases
    assert "MEC Steel Mills (Hmaw Bi/Pyi/Ywama)" in {n.full for n in names}
