"""Request and response shapes of the API; their descriptions are the (Dutch) documentation."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

Level = Literal["NL", "GM", "WK", "BU"]
Compare = Literal["gemeente", "nl"]

AREA_CODE = r"^(NL\d{2}|GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})$"
WIJKFOTO_CODE = r"^(GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})$"


class InvalidParam(Schema):
    name: str = Field(description="De parameter, bijvoorbeeld `year`.")
    reason: str = Field(description="Wat er mis is, in het Nederlands.")


class Problem(Schema):
    """RFC 9457 problem details."""

    type: str = Field("about:blank", description="Soort probleem; `about:blank`: zie `status`.")
    title: str = Field(description="Korte omschrijving van de status, in het Nederlands.")
    status: int = Field(description="De HTTP-status.")
    detail: str | None = Field(None, description="Wat er mis is en wat u kunt doen.")
    instance: str | None = Field(None, description="Het pad van het verzoek.")
    invalid_params: list[InvalidParam] | None = Field(
        None, alias="invalid-params", description="De ongeldige parameters (bij status 400).")


class AreaOut(Schema):
    code: str = Field(description="CBS-code: NL00, GMxxxx, WKxxxxyy of BUxxxxyyzz.")
    name: str = Field(description="Naam van het gebied.")
    level: Level = Field(description="Niveau: NL (land), GM (gemeente), WK (wijk), BU (buurt).")
    level_name: str = Field(description="Het niveau in woorden.")
    gemeente_code: str | None = Field(description="CBS-code van de gemeente (null voor NL).")
    gemeente_name: str = Field(description="Naam van de gemeente.")
    year: int = Field(description="Jaar van de kerncijfers waarin het gebied voorkomt.")


class AreaPage(Schema):
    count: int = Field(description="Aantal gevonden gebieden, over alle pagina's.")
    page: int = Field(description="Deze pagina (vanaf 1).")
    page_size: int = Field(description="Aantal gebieden per pagina.")
    pages: int = Field(description="Aantal pagina's.")
    next: str | None = Field(description="Pad van de volgende pagina, of null.")
    previous: str | None = Field(description="Pad van de vorige pagina, of null.")
    results: list[AreaOut]


class AreaDetail(AreaOut):
    boundary_change: int | None = Field(
        description="CBS-indelingswijziging: 1 ongewijzigd, 2 code gewijzigd, 3 grens gewijzigd.")
    attribution: str = Field(description="Bronvermelding (CBS-gegevens, CC BY 4.0).")
    fields: dict[str, float | None] = Field(
        description="De CBS-velden van het gebied, op betekenis benoemd (bijvoorbeeld "
                    "`inwoners`, `inw_65plus`); null als CBS geen waarde publiceert.")


class IndicatorOut(Schema):
    id: str = Field(description="Vaste naam van de indicator.")
    theme: str = Field(description="Thema, bijvoorbeeld Bevolking of Inkomen.")
    label: str = Field(description="Korte naam.")
    definition: str = Field(description="Wat de indicator meet.")
    kind: Literal["proportion", "percentage", "rate", "amount"] = Field(
        description="Soort: aandeel uit aantallen, gepubliceerd percentage, per 1 000, of "
                    "gemiddelde/afstand (zonder betrouwbaarheidsinterval).")
    unit: str = Field(description="Eenheid van de waarde.")
    polarity: Literal["high_is_good", "low_is_good", "no_judgement"] = Field(
        description="Of hoger gunstig of ongunstig is, of geen oordeel.")
    source_table: str = Field(description="CBS-tabel waaruit de indicator komt.")
    origin: str = Field(description="Herkomst van de cijfers (registratie).")


class IndicatorList(Schema):
    results: list[IndicatorOut]


class YearList(Schema):
    years: list[int] = Field(description="Jaren waarvan kerncijfers geladen zijn, oplopend.")


class TokenOut(Schema):
    name: str = Field(description="Naam van het token.")
    prefix: str = Field(description="Begin van het token, om het te herkennen.")
    created: datetime = Field(description="Aangemaakt (UTC).")
    last_used_at: datetime | None = Field(description="Laatst gebruikt (UTC, per minuut).")


class MeOut(Schema):
    username: str = Field(description="Gebruikersnaam.")
    name: str = Field(description="Volledige naam (leeg als onbekend).")
    organisation: str | None = Field(description="Organisatie, of null.")
    token: TokenOut = Field(description="Het token waarmee dit verzoek is gedaan.")
