"""The columns of a batch screening file: which field a CSV header cell or JSON key is read as
(query_field: name, dob, country, id, type, or a name part), and what a cell that is no known
field holds (classify_header: a party's name, no name, or unknown free text)."""

from __future__ import annotations

import re


def column_key(cell: str) -> str:
    """A header cell compared by its letters and digits: "Date of Birth", "date_of_birth" and
    "DateOfBirth" are all "dateofbirth"."""
    return "".join(char for char in cell.casefold() if char.isalnum())


# The header spellings of each field, compared by letters and digits only (column_key): what
# spreadsheets and screening exports call them.
SPELLINGS = {
    "name": (
        "name", "names", "full name", "customer name", "client name", "entity name", "party name",
        "person name", "subject name", "legal name", "counterparty name",
    ),
    "dob": (
        "dob", "date of birth", "birth date", "birthdate", "born", "birthday", "birth dt", "dob dt",
        "date de naissance",
        "date naissance", "geburtsdatum", "fecha de nacimiento", "fecha nacimiento",
        "data di nascita", "data de nascimento", "дата рождения", "дата народження",
        "出生日期", "生年月日", "생년월일", "تاريخ الميلاد", "ημερομηνία γέννησης",
    ),
    "country": (
        "country", "nationality", "citizenship", "country code", "ctry", "cntry", "ctry code", "pays",
        "país", "pais", "land",
        "nationalité", "nacionalidad", "staatsangehörigkeit", "страна", "гражданство",
        "країна", "громадянство", "国籍", "国家", "국적", "국가", "الجنسية", "البلد", "الدولة",
    ),
    "id": (
        "id", "ref", "reference", "customer id", "client id", "record id", "cust id", "cust no",
        "customer no", "customer number", "client no", "client number",
    ),
    "type": ("type", "entity type", "party type"),
    # The parts of a name in their own columns, put together as given, middle, family (PARTS)
    "given": (
        "first name", "given name", "given names", "given", "forename", "forenames", "first",
        "prénom", "prenom", "prénoms", "prenoms", "vorname", "vornamen", "voornaam", "voornamen",
    ),
    "middle": ("middle name", "middle names", "middle", "second name", "patronymic"),
    "surname": (
        "surname", "surnames", "last name", "family name", "family", "last", "nom de famille",
        "nachname", "familienname", "apellido", "apellidos", "cognome", "achternaam", "nazwisko",
        "фамилия",
    ),
}  # fmt: skip


# A bare "name" header beside a given-name column and no surname column is the surname: French
# Nom/Prénom, German Name/Vorname, Dutch Naam/Voornaam (trial 1). "Full Name" beside "First Name"
# is no surname: which column holds the whole name cannot be told (refused).
NAME_AS_SURNAME = frozenset(("name", "nom", "nombre", "nome", "naam"))
# "name" in other languages (a second name column of its own, as Director is, when alone): beside
# a given-name column alone the surname (Nom;Prénom), beside a surname column alone the given name
# (Apellido,Nombre; Cognome,Nome; Фамилия,Имя).
OTHER_NAMES = frozenset(("nom", "nombre", "nome", "naam", "имя", "imię"))


def name_is_surname(fields: dict[str, str]) -> bool:
    """Whether the name column or key of ``fields`` (field -> header cell or key as written) is
    the surname: a bare name (NAME_AS_SURNAME) beside a given name, with no surname."""
    name = fields.get("name")
    return (
        name is not None
        and "given" in fields
        and "surname" not in fields
        and column_key(name) in NAME_AS_SURNAME
    )


def query_field(key: str) -> str | None:
    """The field a JSON key or header cell is read as (name, dob, country, id, type, or a name
    part: given, middle, surname), any case and spacing ("Full Name", "full_name", "fullName",
    "birthDate"); None for a key read as no field."""
    return COLUMNS.get(column_key(key))


# The name parts in the order a full name is written from them; a name column beside a surname
# column (Name,Surname) holds the given name.
PARTS = ("given", "middle", "surname")
NAME_FIELDS = ("name", *PARTS)
COLUMNS = {column_key(name): field for field, names in SPELLINGS.items() for name in names}
ACCEPTED = (
    "a name column is one of: " + ", ".join(SPELLINGS["name"]) + ", in any case; or a surname column "
    "(surname, last name, family name) with a given name column (first name, given name, name)"
)


# What a CSV header cell or JSON key that is no known field holds (classify_header): its words,
# casefolded, less a number ("Director 2", "aka_1").
# A party's name: a role of a person or party in a file of customers, payments or companies
# (trial 3: Director, Spouse, UBO, Beneficial Owner, Signatory ... under a header the code did
# not know were warned about and every row answered "no match", a false all clear), another name
# of the same party (AKA, Alias, Maiden Name), or "name" in another language or script (trial 4:
# an Arabic "الاسم" or Chinese "姓名" header was screened as a name and answered six false hits).
_ROLE_WORDS_TEXT = """
    alias aliases aka akas fka nka nee née nickname nicknames maiden director directors spouse
    husband wife partner partners owner owners ubo ubos signatory signatories shareholder
    shareholders officer officers trustee trustees beneficiary beneficiaries nominee nominees
    guarantor guarantors settlor protector representative representatives attorney agent
    agents principal principals member members employer customer customers client clients
    counterparty counterparties party parties payee payer remitter originator sender recipient
    receiver consignee consignor shipper buyer seller supplier vendor holder holders
    cardholder policyholder applicant borrower lender debtor creditor tenant landlord insured
    guardian parent father mother relative associate controller founder chairman chairwoman
    chair president ceo cfo secretary treasurer person individual company entity organisation
    organization business firm bank vessel ship aircraft broker intermediary charterer
    operator manager contact employee employees staff worker workers contractor contractors
    passenger passengers crew student students patient patients donor donors subscriber
    subscribers nom nombre nome naam navn namn nimi imię фио имя піб
    اسم الاسم الإسم نام 姓名 名字 名前 氏名 이름 성명 όνομα ονοματεπώνυμο
"""
_ROLE_WORDS = frozenset(_ROLE_WORDS_TEXT.split())
# Words of a header that holds no party's name (a country, an address, an identifier or number, a
# date, an amount, contact details ...) or of a "X Name" that is no party's (Street Name, File
# Name, User Name, Host Name, Product Name): such a column is not read and stays quiet.
_NOT_NAME_WORDS_TEXT = """
    address addresses addr street streets road avenue city cities town village zip zipcode
    postcode postal country countries nationality nationalities citizenship residence domicile
    state province region county district location lat latitude lon lng longitude phone
    telephone tel mobile fax email mail url website web domain host hostname ip date dates dob
    birth birthdate birthday born time timestamp created updated modified year month day age
    amount amounts amt value balance currency ccy price cost fee total sum qty quantity count
    number numbers num no nr id ids identifier uuid guid code iban bic swift lei imo mmsi
    passport ssn tin vat tax isin gender sex status score risk rating level flag type category
    percent percentage pct ownership rate ref reference sort index row line hash iso language
    lang file filename path user username login password product sku item project program
    programme title position occupation role relationship industry sector segment channel
    branch port adresse direccion dirección geburtsdatum datum fecha ort stadt ciudad ville
    telefon telefono teléfono nummer numero número betrag importe montant
"""
_NOT_NAME_WORDS = frozenset(_NOT_NAME_WORDS_TEXT.split())
# Words that hold no name as the last word of a header, though a party's header may hold them
# before its role ("Account Holder", "Account Name").
_LAST_NOT_NAME_WORDS = frozenset(("account", "accounts"))
# A header of an identifier the lists carry (a passport, a vessel's IMO number, a tax or
# registration number, a bank's SWIFT/BIC, a LEI): its cells are screened as identifiers, which a
# search finds exactly (trial 3: "Passport No" and "IMO" columns were not read, and a row whose
# passport is DERKACH's answered "no match"). Every word of such a header is one of these.
_IDENTIFIER_WORDS = frozenset(
    [
        "passport",
        "passports",
        "imo",
        "inn",
        "ogrn",
        "tin",
        "nif",
        "cedula",
        "curp",
        "rfc",
        "swift",
        "bic",
        "lei",
        "national",
        "tax",
        "registration",
        "company",
        "document",
        "identity",
    ]
)
_IDENTIFIER_KINDS = frozenset(("passport", "passports", "imo", "inn", "ogrn", "swift", "bic", "lei"))
_NUMBER_WORDS = frozenset(["no", "nr", "number", "num", "numbers", "id", "ids", "code"])
_NAME_ENDINGS = ("name", "names")
NAME, NOT_NAME, UNKNOWN, SURNAME_PART = "name", "not a name", "unknown", "surname part"
IDENTIFIER = "identifier"


def _header_words(cell: str) -> list[str]:
    """The words of a header cell, casefolded, less a number ("Director 2", "aka_1"), "%" read as
    "percent"; a word ending in "name" glued to a word that names no party is split ("userName",
    "filename")."""
    words: list[str] = []
    # "Shareholder %" holds a share, not a shareholder's name
    for word in re.findall(r"[^\W_]+", cell.casefold().replace("%", " percent ")):
        word = word.rstrip("0123456789")
        stem = word.removesuffix("s").removesuffix("name")
        if stem != word and stem in _NOT_NAME_WORDS:
            words.extend((stem, "name"))
        elif word:
            words.append(word)
    return words


def classify_header(cell: str) -> str:
    """What a CSV header cell or JSON key that is read as no field holds: NAME (a party's name:
    screened), IDENTIFIER (a passport, IMO, tax or registration number: screened as an identifier),
    NOT_NAME (a country, address, number, date, amount ... or a "X Name" that names no
    party, as Street Name or File Name: not read, quietly) or UNKNOWN (free text that may hold a
    name, as Notes or Remarks: not screened, so a row with text there is answered "not screened",
    never "no match")."""
    words = _header_words(cell)
    if not words:
        return NOT_NAME
    if _is_identifier_header(words):
        return IDENTIFIER
    if any(word in _NOT_NAME_WORDS for word in words):
        return NOT_NAME
    last = words[-1]
    if last in ("surname", "surnames"):  # "Second Surname": a part of the name (_SURNAME_PART)
        return SURNAME_PART
    if last in _ROLE_WORDS or last.endswith(_NAME_ENDINGS):
        return NAME
    if last in _LAST_NOT_NAME_WORDS:  # "Beneficiary Account" (an IBAN), not "Account Holder"
        return NOT_NAME
    return UNKNOWN


def _is_identifier_header(words: list[str]) -> bool:
    """ "Passport", "Passport No", "IMO", "IMO Number", "Tax ID", "National ID", "Registration
    Number", "Company Number", "SWIFT", "LEI": words of _IDENTIFIER_WORDS and _NUMBER_WORDS only, one
    naming a kind of identifier (_IDENTIFIER_KINDS), or a national, tax, registration, company,
    document or identity word beside a number word ("Tax" alone, "Company" alone are no identifier)."""
    if not all(word in _IDENTIFIER_WORDS or word in _NUMBER_WORDS for word in words):
        return False
    kinds = [word for word in words if word in _IDENTIFIER_WORDS]
    return bool(kinds) and (
        any(word in _IDENTIFIER_KINDS for word in kinds) or any(word in _NUMBER_WORDS for word in words)
    )


def reads_as_name(cell: str) -> bool:
    """Whether a header cell or JSON key read as no field holds a party's name (classify_header)."""
    return classify_header(cell) == NAME


def header_like(cell: str) -> bool:
    """Whether a first-line cell that is no known field is a header of a name column all the same,
    for sniffing a file: a role or a "X Name" every word of which is header vocabulary ("Director",
    "Beneficial Owner", "Vessel Name"), or one German word glued to "name" ("Firmenname",
    "Kundenname": trial 2 saw them screened as names); "Carl Holder" is a name, not a header."""
    words = _header_words(cell)
    return (
        classify_header(cell) == NAME
        and bool(words)
        and (
            words[-1] in _NAME_ENDINGS
            or (len(words) == 1 and _GLUED_NAME.fullmatch(words[0]) is not None)
            or all(word in _ROLE_WORDS or word in _QUALIFIERS for word in words)
        )
    )


# A German compound header: a noun glued to "name" (Firmenname, Kundenname, Mitarbeitername,
# Vollname); its first part at least four letters, so that a short surname ending in "name" is
# no header.
_GLUED_NAME = re.compile(r"[a-zäöüß]{4,}name")


_QUALIFIERS_TEXT = """
    beneficial ultimate legal full other second third previous former authorised authorized
    joint primary secondary account board managing executive
"""
_QUALIFIERS = frozenset(_QUALIFIERS_TEXT.split())


# What a free-text cell holds when it holds nothing: no name.
PLACEHOLDERS = frozenset(
    (
        "n/a",
        "na",
        "n.a.",
        "none",
        "null",
        "nil",
        "nan",
        "tbd",
        "unknown",
        "yes",
        "no",
        "y",
        "n",
        "true",
        "false",
    )
)
