"""Response shapes of the sociale-kaart API (HSDS 3), made from the kaart's HSDS mapping.

The HSDS 3 objects are written by the kaart's exporter (``kaart.hsds``), not by these models:
they describe those objects in the OpenAPI document, one model per HSDS entity with the same
field names, built from ``kaart.hsds.spec.ENTITIES`` so that document and export cannot drift
apart. HSDS fields we keep but do not model (``funding``, ``metadata``, vendor extensions) may
appear as well, hence ``extra="allow"``. Open Referral's own JSON Schemas are CC BY-SA and not
shipped, so they are not copied in here; the tests validate every answer against them.
"""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema
from pydantic import ConfigDict, create_model

from wijkkracht.kaart.hsds.spec import ENTITIES, Entity

PREFIX = "Hsds"
EXTENSION_DESCRIPTIONS = {
    "nl_access": "Nederlandse uitbreiding: hoe iemand binnenkomt (`vrij_toegankelijk`, "
                 "`via_huisarts`, `wmo_indicatie`, `via_wijkteam`), als HSDS het niet al zegt.",
    "nl_formality": "Nederlandse uitbreiding: `formeel` of `informeel`, als HSDS het niet al "
                    "zegt.",
    "nl_last_checked": "Nederlandse uitbreiding: datum waarop de gegevens laatst zijn "
                       "gecontroleerd.",
    "nl_contact_person_id": "Nederlandse uitbreiding: id van het vaste aanspreekpunt "
                            "(een contact).",
    "nl_keeper_contact_id": "Nederlandse uitbreiding: id van het contact dat de gegevens "
                            "bijhoudt.",
    "nl_wijk_code": "Nederlandse uitbreiding: CBS-wijkcode van de locatie.",
    "nl_buurt_code": "Nederlandse uitbreiding: CBS-buurtcode van de locatie.",
}


class _Open(Schema):
    model_config = ConfigDict(extra="allow")


def _scalar(entity: Entity, key: str) -> tuple[Any, Any]:
    kind = float if key in entity.numbers else str
    required = key == "id" or key in entity.required
    description = f"HSDS 3 `{entity.name}.{key}` ({entity.label})."
    return (kind if required else kind | None,
            Field(... if required else None, description=description))


def _scalars(entity: Entity) -> dict[str, tuple[Any, Any]]:
    fields = {"id": _scalar(entity, "id")}
    fields.update((key, _scalar(entity, key)) for key in entity.scalars)
    for key in entity.extensions:
        fields[key] = (str | None, Field(None, description=EXTENSION_DESCRIPTIONS.get(key, "")))
    return fields


def _model_name(name: str, suffix: str = "") -> str:
    return PREFIX + "".join(part.capitalize() for part in name.split("_")) + suffix


_FULL: dict[str, type[Schema]] = {}


def full_model(name: str) -> type[Schema]:
    """The model of an HSDS object with everything nested, as ``/services/{id}`` gives it."""
    if name not in _FULL:
        entity = ENTITIES[name]
        fields = _scalars(entity)
        for one in entity.one:
            target = ENTITIES[one.entity]
            fields[one.key] = (full_model(one.entity) | None, Field(
                None, description=f"De {target.label} (HSDS 3 `{one.key}`)."))
        for many in entity.many:
            target = ENTITIES[many.entity]
            fields[many.key] = (list[full_model(many.entity)] | None, Field(
                None, description=f"Lijst van {target.label} (HSDS 3 `{many.key}`); "
                                  "weggelaten als hij leeg is."))
        _FULL[name] = create_model(_model_name(name), __base__=_Open,
                                   __doc__=f"HSDS 3 {name} ({entity.label}).", **fields)
    return _FULL[name]


def brief_model(name: str, nested: dict[str, type[Schema]] | None = None) -> type[Schema]:
    """The model of an HSDS object with its one-to-one fields only (HSDS ``*_list`` shapes)."""
    entity = ENTITIES[name]
    fields = _scalars(entity)
    for key, model in (nested or {}).items():
        fields[key] = (model | None, Field(None, description=f"HSDS 3 `{key}`, beknopt."))
    return create_model(_model_name(name, "Brief"), __base__=_Open,
                        __doc__=f"HSDS 3 {name} ({entity.label}), alleen de een-op-een-velden.",
                        **fields)


HsdsService = full_model("service")
HsdsOrganization = full_model("organization")
HsdsTaxonomy = full_model("taxonomy")
HsdsTaxonomyTerm = full_model("taxonomy_term")
HsdsOrganizationBrief = brief_model("organization")
HsdsServiceBrief = brief_model("service", {"organization": HsdsOrganizationBrief})


class HsdsServiceFound(HsdsServiceBrief):
    """A service in a page of ``/services``; with ``search`` also why it was found."""

    nl_explanation: str | None = Field(
        None, description="Nederlandse uitbreiding, alleen met `search`: waarom de dienst is "
                          "gevonden, bijvoorbeeld `gevonden via: eenzaam wijst op eenzaamheid "
                          "(ontmoeting); gratis`.")
    nl_distance_km: float | None = Field(
        None, description="Nederlandse uitbreiding, alleen met `search` en `postcode` of "
                          "`wijk`: afstand in kilometers.")


class HsdsOrganizationWithServices(HsdsOrganization):
    """HSDS 3 organisation, fully nested, with its services (``/organizations/{id}``)."""

    services: list[HsdsServiceBrief] | None = Field(
        None, description="De diensten van de organisatie: beknopt, of volledig met "
                          "`full_service=true`; weggelaten als er geen zijn.")


class HsdsPage(Schema):
    """The HSDS 3 page object; ``contents`` holds the records of this page."""

    total_items: int = Field(description="Aantal gevonden records, over alle pagina's.")
    total_pages: int = Field(description="Aantal pagina's (0 als er niets is gevonden).")
    page_number: int = Field(description="Deze pagina, vanaf 1.")
    size: int = Field(description="Aantal records op deze pagina.")
    first_page: bool = Field(description="Of dit de eerste pagina is.")
    last_page: bool = Field(description="Of dit de laatste pagina is (of voorbij de laatste).")
    empty: bool = Field(description="Of deze pagina leeg is.")


class HsdsServicePage(HsdsPage):
    contents: list[HsdsServiceFound] = Field(
        description="De diensten: beknopt (HSDS `service_list`), volledig met `full=true`, of "
                    "alleen `id`, `name`, `status` en `last_modified` met `minimal=true`. "
                    "Met `search` in volgorde van relevantie, anders op naam.")


class HsdsOrganizationPage(HsdsPage):
    contents: list[HsdsOrganizationBrief] = Field(
        description="De organisaties, op naam: beknopt, of volledig met `full=true`.")


class HsdsTaxonomyPage(HsdsPage):
    contents: list[HsdsTaxonomy] = Field(description="De taxonomieën, op naam.")


class HsdsTaxonomyTermPage(HsdsPage):
    contents: list[HsdsTaxonomyTerm] = Field(
        description="De taxonomietermen, op taxonomie, code en naam.")
