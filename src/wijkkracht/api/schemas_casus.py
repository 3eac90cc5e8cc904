"""Shapes of the casework endpoints (the team's own cases); descriptions are the documentation."""

from __future__ import annotations

from datetime import date

from ninja import Field, Schema


class CaseOut(Schema):
    id: int = Field(description="Nummer van de casus.")
    team: str = Field(description="Het team van de casus.")
    household: str = Field(description="Naam van het huishouden (bijvoorbeeld `Huishouden "
                                       "Jansen`).")
    wijk: str = Field(description="CBS-wijkcode van het adres, of leeg.")
    status: str = Field(description="`aangemeld`, `in_behandeling`, `mdo`, `opgeschaald`, "
                                    "`doorverwezen` of `afgesloten`.")
    signal_source: str = Field(description="Wie meldde: `bewoner`, `huisarts`, "
                                           "`wijkverpleging`, `school`, `politie`, `buren`, "
                                           "`woningcorporatie` of `overig`.")
    signalled_on: date = Field(description="Datum van de melding.")
    urgency: str = Field(description="`laag`, `normaal`, `hoog` of `crisis`.")
    lead: str | None = Field(description="Het vaste aanspreekpunt, of null.")
    first_contact_on: date | None = Field(description="Eerste contact met de bewoner.")
    closed_on: date | None = Field(description="Datum van afsluiten, of null.")


class CasePage(Schema):
    count: int = Field(description="Aantal casussen, over alle pagina's.")
    page: int = Field(description="Deze pagina (vanaf 1).")
    pages: int = Field(description="Aantal pagina's.")
    results: list[CaseOut]


class PersonOut(Schema):
    given_name: str = Field(description="Voornaam.")
    family_name: str = Field(description="Achternaam.")
    date_of_birth: date | None = Field(description="Geboortedatum, of null.")
    relation: str = Field(description="Plaats in het huishouden.")


class HouseholdOut(Schema):
    name: str = Field(description="Naam van het huishouden.")
    street: str
    house_number: str
    postcode: str
    city: str
    buurt: str = Field(description="CBS-buurtcode, of leeg.")
    wijk: str = Field(description="CBS-wijkcode, of leeg.")
    members: list[PersonOut] = Field(description="De leden (zonder BSN: dat geeft de API "
                                                 "nooit).")


class AssessmentOut(Schema):
    instrument: str = Field(description="Code van het instrument, bijvoorbeeld `zrm`.")
    version: str = Field(description="Versie van het instrument.")
    moment: str = Field(description="`intake`, `tussentijds`, `afsluiting` of `nameting`.")
    assessed_on: date
    scores: dict[str, int] = Field(description="Score per domeincode.")


class ActionOut(Schema):
    text: str
    who: str = Field(description="`bewoner`, `netwerk`, `vrijwilliger` of `professional`.")
    due_on: date | None
    done_on: date | None


class GoalOut(Schema):
    text: str
    domain: str | None = Field(description="Domeincode van het instrument, of null.")
    state: str = Field(description="`open`, `bereikt` of `niet_bereikt`.")
    actions: list[ActionOut]


class PlanOut(Schema):
    agreed_on: date | None = Field(description="Datum van instemming van de bewoner.")
    goals: list[GoalOut]


class CaseDetail(CaseOut):
    question: str = Field(description="De vraag, in de woorden van de bewoner.")
    question_behind: str = Field(description="De vraag achter de vraag.")
    outcome: str = Field(description="Uitkomst bij afsluiten, of leeg.")
    household_detail: HouseholdOut = Field(description="Het huishouden.")
    assessments: list[AssessmentOut] = Field(description="Metingen, oudste eerst.")
    plan: PlanOut | None = Field(description="Het plan, of null.")
