"""The columns of the spreadsheet template, their Dutch headers and what they mean.

The template covers what a gemeente keeps in Excel; everything else of a service (HSDS fields
without a column, extra phones, other locations) is left as it is when a filled template is
read back in.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from wijkkracht.kaart.models import Service

# ids of records a template row creates: UUID v5 under this namespace, from the service id and
# the record's role, so reading the same file twice updates and never duplicates
NAMESPACE = uuid.UUID("0c1f7e55-2a4b-5d6e-9f80-5a7e0c0de392")

CATEGORY = "wijkkracht-categorie"
ACCESS = "wijkkracht-toegang"
FORMALITY = "wijkkracht-vorm"


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    help: str
    example: str = ""
    required: bool = False


COLUMNS = (
    Column("id", "id", "Laat leeg voor een nieuwe dienst. Bij uitvoer ingevuld: niet wijzigen, "
           "dan wordt de dienst bijgewerkt."),
    Column("naam", "name", "Naam van de dienst.", "Koffie-inloop De Brug", True),
    Column("organisatie", "organization", "Naam van de organisatie die de dienst biedt. Een "
           "bestaande organisatie met dezelfde naam wordt gebruikt.", "Buurtcentrum De Brug",
           True),
    Column("omschrijving", "description", "Wat de dienst doet, in gewone taal.",
           "Elke dinsdag koffie en een praatje."),
    Column("adres", "address", "Straat en huisnummer.", "Kerkstraat 12"),
    Column("postcode", "postal_code", "Postcode: 4 cijfers en 2 letters.", "2011 AB"),
    Column("plaats", "city", "Plaats.", "Haarlem"),
    Column("telefoon", "phone", "Telefoonnummer.", "023-1234567"),
    Column("e-mail", "email", "E-mailadres.", "info@voorbeeld.nl"),
    Column("website", "url", "Webadres.", "https://voorbeeld.nl"),
    Column("categorie", "categories", "Een tot drie categoriecodes, gescheiden door komma's "
           "(zie het blad Categorieën).", "ontmoeting, ouderen"),
    Column("toegang", "access", "Hoe kom je binnen: vrij toegankelijk, via de huisarts, met "
           "Wmo-indicatie of via het wijkteam.", "vrij toegankelijk"),
    Column("vorm", "formality", "formeel of informeel.", "informeel"),
    Column("kosten", "fees", "Wat het kost, in woorden.", "Gratis."),
    Column("openingstijden", "schedule", "Dagen en tijden, bijvoorbeeld 'di, do 10:00-12:00'; "
           "meer regels gescheiden door een puntkomma.", "di, do 10:00-12:00"),
    Column("aanspreekpunt", "contact_person", "Naam van het vaste aanspreekpunt.", "Fatima"),
    Column("laatst gecontroleerd", "last_checked", "Datum waarop de gegevens voor het laatst "
           "zijn nagekeken (JJJJ-MM-DD of DD-MM-JJJJ).", "2026-11-30"),
)

BY_HEADER = {c.header: c for c in COLUMNS}

ACCESS_WORDS = {label.lower(): code for code, label in Service.Access.choices} | {
    code: code for code in Service.Access.values}
FORMALITY_WORDS = {code: code for code in Service.Formality.values}

DAYS = {"ma": "MO", "di": "TU", "wo": "WE", "do": "TH", "vr": "FR", "za": "SA", "zo": "SU"}
DAY_WORDS = {v: k for k, v in DAYS.items()}
SCHEDULE = re.compile(r"^\s*((?:ma|di|wo|do|vr|za|zo)(?:\s*,\s*(?:ma|di|wo|do|vr|za|zo))*)\s+"
                      r"(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$", re.IGNORECASE)
# Dutch postcodes: 4 digits without a leading 0, 2 letters; SA, SD and SS are never used
POSTCODE = re.compile(r"^\s*([1-9]\d{3})\s*([A-Za-z]{2})\s*$")


def normal_postcode(text: str) -> str | None:
    """'2011ab' -> '2011 AB'; None when it cannot be a Dutch postcode."""
    match = POSTCODE.match(text)
    if not match or match[2].upper() in ("SA", "SD", "SS"):
        return None
    return f"{match[1]} {match[2].upper()}"


def sub_id(service_id: uuid.UUID, *role: object) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, "/".join(str(p) for p in (service_id, *role)))
