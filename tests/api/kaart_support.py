"""Shared by the sociale-kaart API tests: the HSDS 3 JSON Schemas and a small kaart."""

from __future__ import annotations

import json
import uuid
from functools import cache

from tests.conftest import SHARED, need

SCHEMAS = SHARED / "hsds" / "openreferral-spec-3.0" / "schema"
TAXONOMY = "0a1b2c3d-0000-4000-8000-000000000001"
OTHER_TAXONOMY = "0a1b2c3d-0000-4000-8000-000000000002"
TERM_PARENT = "0a1b2c3d-0000-4000-8000-000000000011"
TERM_CHILD = "0a1b2c3d-0000-4000-8000-000000000012"
TERM_OTHER = "0a1b2c3d-0000-4000-8000-000000000013"
ORGANIZATION = "0a1b2c3d-0000-4000-8000-000000000021"
SERVICES = ("0a1b2c3d-0000-4000-8000-000000000031", "0a1b2c3d-0000-4000-8000-000000000032",
            "0a1b2c3d-0000-4000-8000-000000000033")


@cache
def validator(entity: str):
    """A JSON Schema validator for one HSDS 3 entity (``service``, ``organization`` ...)."""
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    folder = need(SCHEMAS)
    registry = Registry().with_resources(
        (path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8")),
                                           default_specification=DRAFT202012))
        for path in sorted(folder.glob("*.json")))
    return Draft202012Validator(registry.contents(f"{entity}.json"), registry=registry,
                                format_checker=FormatChecker())


def assert_valid(entity: str, record: dict) -> None:
    errors = sorted(validator(entity).iter_errors(record), key=lambda e: list(e.path))
    assert not errors, [(list(e.absolute_path), e.message) for e in errors[:5]]


def _term(pk: str, code: str, taxonomy: str, parent: str | None = None) -> dict:
    term = {"id": pk, "code": code, "name": f"Term {code}", "description": f"De term {code}.",
            "taxonomy": "toets", "taxonomy_detail": {
                "id": taxonomy, "name": f"Taxonomie {taxonomy[-1]}",
                "description": "Een taxonomie voor de toets.", "version": "1"}}
    if parent:
        term["parent_id"] = parent
    return term


def _attribute(service: str, n: int, term: dict) -> dict:
    return {"id": str(uuid.uuid5(uuid.UUID(service), f"attribute {n}")), "link_id": service,
            "link_type": "service", "link_entity": "service", "taxonomy_term": term}


def small_kaart() -> list[dict]:
    """Three services of one organisation: terms in two taxonomies (one term under another),
    and ``last_modified`` in three ISO 8601 forms and one that is no moment at all."""
    parent = _term(TERM_PARENT, "ouder", TAXONOMY)
    child = _term(TERM_CHILD, "kind", TAXONOMY, parent=TERM_PARENT)
    other = _term(TERM_OTHER, "anders", OTHER_TAXONOMY)
    organization = {"id": ORGANIZATION, "name": "Toetsorganisatie",
                    "description": "Een organisatie voor de toets."}
    modified = ("2026-11-01T12:00:00Z", "2026-11-01T13:30:00+01:00", "2026-10-30")
    services = []
    for n, (pk, when) in enumerate(zip(SERVICES, modified, strict=True)):
        services.append({"id": pk, "name": f"Dienst {n}", "status": "active",
                         "last_modified": when, "organization": organization,
                         "attributes": [_attribute(pk, 1, child if n else parent)]})
    services[2]["attributes"].append(_attribute(SERVICES[2], 2, other))
    return services
