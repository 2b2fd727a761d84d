from tracker.records import (
    Address,
    EntityType,
    Identifier,
    ListEntry,
    Name,
    NameKind,
    canonical_json,
    content_hash,
    entry_from_canonical,
)


def _entry(**overrides) -> ListEntry:
    base = dict(
        source_id="29366",
        entity_type=EntityType.INDIVIDUAL,
        names=[
            Name("DERKACH, Andrii Leonidovych", first="Andrii Leonidovych", last="DERKACH"),
            Name("DERKACH, Andriy", kind=NameKind.AKA),
        ],
        programs=["ELECTION-EO13848", "CYBER2"],
        birth_dates=["1967-08-19"],
        identifiers=[Identifier("Passport", "EC3961822", country="Ukraine")],
        addresses=[Address(city="Kyiv", country="Ukraine")],
    )
    base.update(overrides)
    return ListEntry(**base)  # type: ignore[arg-type]


def test_reordering_list_fields_does_not_change_the_hash():
    a = _entry()
    b = _entry(names=list(reversed(a.names)), programs=list(reversed(a.programs)))
    assert content_hash(canonical_json(a.canonical())) == content_hash(canonical_json(b.canonical()))


def test_a_real_change_changes_the_hash():
    a, b = _entry(), _entry(birth_dates=["1967-08-20"])
    assert content_hash(canonical_json(a.canonical())) != content_hash(canonical_json(b.canonical()))


def test_canonical_round_trip():
    entry = _entry(details={"call_sign": "X"}, remarks="note")
    assert entry_from_canonical(entry.canonical()).canonical() == entry.canonical()
    assert entry.primary_name == "DERKACH, Andrii Leonidovych"


def test_the_same_text_in_nfd_and_nfc_is_the_same_entry():
    import unicodedata

    from tracker.records import canonical_form

    def spelled(form: str) -> ListEntry:
        text = unicodedata.normalize(form, "DERKAČ, Andrій Léonidovych")
        return _entry(names=[Name(text, last=text)], remarks=unicodedata.normalize(form, "Київ; café"))

    nfc, nfd = canonical_form(spelled("NFC")), canonical_form(spelled("NFD"))
    assert spelled("NFD").raw_canonical() != spelled("NFC").raw_canonical()
    assert nfc == nfd and unicodedata.is_normalized("NFC", nfd[1])
