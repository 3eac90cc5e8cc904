"""Schemas of the praktijkbank API: a published practice as open data (``praktijk.opendata``),
documented field by field in docs/praktijkbank.md."""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema


class Practice(Schema):
    id: int = Field(description="Nummer van de praktijk.")
    title: str = Field(description="Naam van de praktijk.")
    summary: str = Field(description="De praktijk in één zin.")
    description: str = Field(description="Beschrijving (kan leeg zijn).")
    place: str = Field(description="Plaats of wijk in woorden.")
    gemeente_code: str = Field(description="CBS-gemeentecode (GMxxxx), of leeg.")
    wijk_codes: list[str] = Field(description="CBS-wijkcodes (WKxxxxxx) waar de praktijk "
                                              "loopt.")
    organisations: str = Field(description="Betrokken organisaties, in woorden.")
    started_on: str | None = Field(description="Begonnen op (JJJJ-MM-DD), of null.")
    ended_on: str | None = Field(description="Gestopt op (JJJJ-MM-DD), of null.")
    target_groups: list[str] = Field(description="Codes van doelgroepen (praktijk/"
                                                 "principles.json, `target_groups`).")
    goals: str = Field(description="Doelen.")
    intended_results: str = Field(description="Beoogde resultaten.")
    achieved_results: str = Field(description="Behaalde resultaten.")
    lessons: str = Field(description="Geleerde lessen.")
    advice: str = Field(description="Advies aan anderen.")
    principles: list[str] = Field(description="Codes van de principes (praktijk/"
                                              "principles.json, `principles`).")
    status: Literal["pilot", "structureel", "gestopt"] = Field(description="Status.")
    status_reason: str = Field(description="Waarom deze status.")
    contact_name: str = Field(description="Contactpersoon (een professional), of leeg.")
    monitor_indicators: list[str] = Field(description="Codes van monitorindicatoren waarmee "
                                                      "resultaten gemeten zijn.")
    sroi_ratio: float | None = Field(description="SROI-ratio van de gekoppelde waardekaart "
                                                 "(euro maatschappelijke waarde per "
                                                 "geïnvesteerde euro), of null.")
    source: str = Field(description="Waar de gegevens vandaan komen.")
    published_at: str | None = Field(description="Gepubliceerd op (ISO 8601).")
    updated_at: str = Field(description="Laatst gewijzigd (ISO 8601).")


class PracticePage(Schema):
    total: int = Field(description="Aantal gevonden praktijken.")
    page: int = Field(description="Dit paginanummer, vanaf 1.")
    per_page: int = Field(description="Aantal per pagina.")
    practices: list[Practice] = Field(description="De praktijken van deze pagina; met `q` "
                                                  "de best passende eerst.")
