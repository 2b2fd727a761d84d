"""Pieces shared by the OFAC XML and CSV parsers, so both formats give the same canonical entries."""

from __future__ import annotations

from tracker.names.scripts import detect_script
from tracker.records import EntityType, Identifier, ListEntry, Name, NameKind

MONTHS = {
    m: i
    for i, m in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1
    )
}

# XML sdnType -> type; the CSV writes the same in lower case and leaves entities blank.
ENTITY_TYPES = {
    "individual": EntityType.INDIVIDUAL,
    "entity": EntityType.ENTITY,
    "vessel": EntityType.VESSEL,
    "aircraft": EntityType.AIRCRAFT,
}

# XML <aka><type> (CSV alt_type without dots) -> kind, for strong and weak categories.
AKA_KINDS = {
    ("a.k.a.", "strong"): NameKind.AKA,
    ("a.k.a.", "weak"): NameKind.WEAK_AKA,
    ("f.k.a.", "strong"): NameKind.FKA,
    ("f.k.a.", "weak"): NameKind.FKA,  # the model has no weak f.k.a.; a former name is still a name
    ("n.k.a.", "strong"): NameKind.NKA,
    ("n.k.a.", "weak"): NameKind.NKA,
}

# idList types that describe the craft rather than identify it: kept in ``details`` (same keys in both
# formats). Everything else in idList, except Gender, becomes an Identifier with OFAC's own type text.
DETAIL_ID_TYPES = {
    "Aircraft Model": "aircraft_model",
    "Aircraft Manufacture Date": "aircraft_manufacture_date",
    "Aircraft Operator": "aircraft_operator",
    "Vessel Year of Build": "vessel_year_of_build",
}

# Every idType seen in the XML (SDN 2024, consolidated 2018 and 2024). The CSV writes these facts as
# free text in the remarks ("Passport FB513714 (Ukraine)"); this vocabulary is how the CSV parser
# recognises them. An unknown type stays in the remarks text, so nothing is lost.
ID_TYPES: tuple[str, ...] = (
    "Additional Sanctions Information -",
    "Afghan Money Service Provider License Number",
    "Aircraft Construction Number (also called L/N or S/N or F/N)",
    "Aircraft Manufacture Date",
    "Aircraft Manufacturer's Serial Number (MSN)",
    "Aircraft Mode S Transponder Code",
    "Aircraft Model",
    "Aircraft Operator",
    "Aircraft Serial Identification",
    "Aircraft Tail Number",
    "BIK (RU)",
    "Birth Certificate Number",
    "Bosnian Personal ID No.",
    "Branch Unit Number",
    "British National Overseas Passport",
    "Business Number",
    "Business Registration Document #",
    "Business Registration Number",
    "C.I.F.",
    "C.I.N.",
    "C.R. No.",
    "C.U.I.",
    "C.U.I.P.",
    "C.U.I.T.",
    "C.U.R.P.",
    "CAATSA Section 235 Information:",
    "CNP (Personal Numerical Code)",
    "Cartilla de Servicio Militar Nacional",
    "Cedula No.",
    "Central Registration System Number",
    "Certificate of Incorporation Number",
    "Chamber of Commerce Number",
    "Chinese Commercial Code",
    "Citizen's Card Number",
    "Commercial Registry Number",
    "Company Number",
    "Credencial electoral",
    "D-U-N-S Number",
    "D.N.I.",
    "Digital Currency Address - ARB",
    "Digital Currency Address - BCH",
    "Digital Currency Address - BSC",
    "Digital Currency Address - BSV",
    "Digital Currency Address - BTG",
    "Digital Currency Address - DASH",
    "Digital Currency Address - ETC",
    "Digital Currency Address - ETH",
    "Digital Currency Address - LTC",
    "Digital Currency Address - TRX",
    "Digital Currency Address - USDC",
    "Digital Currency Address - USDT",
    "Digital Currency Address - XBT",
    "Digital Currency Address - XMR",
    "Digital Currency Address - XRP",
    "Digital Currency Address - XVG",
    "Digital Currency Address - ZEC",
    "Diplomatic Passport",
    "Driver's License No.",
    "Dubai Chamber of Commerce Membership No.",
    "Economic Register Number (CBLS)",
    "Effective Date (CMIC)",
    "Effective Date (EO 14014 Directive 1):",
    "Effective Date (EO 14024 Directive 1a):",
    "Effective Date (EO 14024 Directive 2):",
    "Effective Date (EO 14024 Directive 3):",
    "Electoral Registry No.",
    "Email Address",
    "Enterprise Number",
    "Equity Ticker",
    "Executive Order 13662 Directive Determination -",
    "Executive Order 13846 information:",
    "Executive Order 14014 Directive Information:",
    "Executive Order 14024 Directive Information",
    "Executive Order 14024 Directive Information -",
    "File Number",
    "Fiscal Code",
    "Folio Mercantil No.",
    "For more information, please see:",
    "Former Vessel Flag",
    "Gender",
    "Government Gazette Number",
    "I.F.E.",
    "IFCA Determination -",
    "ISIN",
    "Identification Number",
    "Immigration No.",
    "Issuer Name",
    "Istanbul Chamber of Comm. No.",
    "Italian Fiscal Code",
    "Kenyan ID No.",
    "LE Number",
    "Legal Entity Number",
    "License",
    "Listing Date (CMIC)",
    "Listing Date (EO 14014 Directive 1):",
    "Listing Date (EO 14024 Directive 1a):",
    "Listing Date (EO 14024 Directive 2):",
    "Listing Date (EO 14024 Directive 3):",
    "MICEX Code",
    "MMSI",
    "MSB Registration Number",
    "Matricula Mercantil No",
    "Military Registration Number",
    "Moroccan Personal ID No.",
    "N.I.E.",
    "N.I.F.",
    "NIT #",
    "National Foreign ID Number",
    "National ID No.",
    "Nationality of Registration",
    "Numero Unico de Identificacao Tributaria (NUIT)",
    "Numero de Identidad",
    "Organization Code",
    "Organization Established Date",
    "Organization Type:",
    "Other Vessel Call Sign",
    "Other Vessel Flag",
    "Other Vessel Type",
    "PEESA Information:",
    "Paraguayan tax identification number",
    "Passport",
    "Permit Number",
    "Personal ID Card",
    "Phone Number",
    "Pilot License Number",
    "Previous Aircraft Tail Number",
    "Public Registration Number",
    "Public Security and Immigration No.",
    "Purchase/Sales For Divestment Date (CMIC)",
    "R.F.C.",
    "RFC",
    "RIF #",
    "RTN",
    "RUC #",
    "Refugee ID Card",
    "Registered Charity No.",
    "Registration Certificate Number (Dubai)",
    "Registration Country",
    "Registration ID",
    "Registration Number",
    "Residency Number",
    "Romanian C.R.",
    "Romanian Permanent Resident",
    "Romanian Tax Registration",
    "Russian State Individual Business Registration Number Pattern (OGRNIP)",
    "SRE Permit No.",
    "SSN",
    "SWIFT/BIC",
    "Seafarer's Identification Document",
    "Secondary sanctions risk:",
    "Serial No.",
    "Stateless Person ID Card",
    "Stateless Person Passport",
    "Target Type",
    "Tax ID No.",
    "Tazkira National ID Card",
    "Tourism License No.",
    "Trade License No.",
    "Trademark number",
    "Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions:",
    "Travel Document Number",
    "Turkish Identification Number",
    "UAE Identification",
    "UK Company Number",
    "UN/LOCODE",
    "US FEIN",
    "Unified Social Credit Code (USCC)",
    "United Social Credit Code Certificate (USCCC)",
    "V.A.T. Number",
    "Vessel Registration Identification",
    "Vessel Year of Build",
    "VisaNumberID",
    "Website",
)

# vesselInfo element -> details key; the CSV vessel columns map to the same keys.
VESSEL_DETAILS = {
    "callSign": "call_sign",
    "vesselType": "vessel_type",
    "vesselFlag": "vessel_flag",
    "vesselOwner": "vessel_owner",
    "tonnage": "tonnage",
    "grossRegisteredTonnage": "gross_registered_tonnage",
}


def ofac_date(text: str) -> str:
    """'19 Aug 1968' -> '1968-08-19', 'Aug 1968' -> '1968-08', '1968' -> '1968'; other text as written."""
    text = text.strip()
    parts = text.split()
    if len(parts) == 1 and len(text) == 4 and text.isdigit():
        return text
    if len(parts) == 2 and parts[0] in MONTHS and len(parts[1]) == 4 and parts[1].isdigit():
        return f"{parts[1]}-{MONTHS[parts[0]]:02d}"
    if (
        len(parts) == 3
        and parts[1] in MONTHS
        and len(parts[2]) == 4
        and parts[2].isdigit()
        and parts[0].isdigit()
        and 1 <= int(parts[0]) <= 31
    ):
        return f"{parts[2]}-{MONTHS[parts[1]]:02d}-{int(parts[0]):02d}"
    return text


def strip_final_period(text: str) -> str:
    """'X LTD.' -> 'X LTD', '(Linked To: X CO.)' -> '(Linked To: X CO)'; anything else as it is."""
    if text.endswith(".)"):
        return text[:-2] + ")"
    if text.endswith("."):
        return text[:-1].rstrip()
    return text


def make_name(kind: NameKind, last: str | None, first: str | None, entity_type: EntityType) -> Name | None:
    """A name from OFAC's lastName/firstName pair: 'LAST, First' for people, as OFAC writes it."""
    last = last.strip() if last else None
    first = first.strip() if first else None
    if not last and not first:
        return None
    full = f"{last}, {first}" if last and first else (last or first or "")
    if entity_type == EntityType.INDIVIDUAL:
        return Name(full=full, kind=kind, first=first, last=last, script=detect_script(full))
    return Name(full=full, kind=kind, script=detect_script(full))


def split_name(full: str, kind: NameKind, entity_type: EntityType) -> Name:
    """A name as the CSV writes it ('LAST, First'): the parts are split only for individuals."""
    full = full.strip()
    if entity_type == EntityType.INDIVIDUAL:
        last, sep, first = full.partition(", ")
        if sep:
            return Name(full=full, kind=kind, first=first, last=last, script=detect_script(full))
        return Name(full=full, kind=kind, last=full, script=detect_script(full))
    return Name(full=full, kind=kind, script=detect_script(full))


def add_id(
    entry: ListEntry,
    id_type: str,
    number: str,
    country: str | None = None,
    issued: str | None = None,
    expires: str | None = None,
) -> None:
    """Route one OFAC id item (XML idList row, or CSV remark item) to gender, details or identifiers."""
    if id_type == "Gender":
        entry.gender = number.strip().lower()
        return
    detail_key = DETAIL_ID_TYPES.get(id_type)
    if detail_key is not None:
        old = entry.details.get(detail_key)
        entry.details[detail_key] = number if old is None else f"{old}; {number}"
        return
    entry.identifiers.append(
        Identifier(
            type=id_type,
            number=number,
            country=country or None,
            issued=ofac_date(issued) if issued else None,
            expires=ofac_date(expires) if expires else None,
        )
    )
