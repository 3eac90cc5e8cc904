"""The OpenAPI document: generated from the code, finished for the NLGov API Design Rules.

Paths are relative to the server URL ``/api/v1`` (/core/uri-version), error answers are
``application/problem+json``, descriptions are Dutch (/core/doc-language) and the wijkfoto answer
refers to the schema shipped with the report (``wijkkracht.wijkfoto/1``). The same document is
served at /api/v1/openapi.json and committed as docs/openapi.json (``manage.py api_openapi``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from ninja import NinjaAPI
from ninja.responses import NinjaJSONEncoder

BASE_PATH = "/api/v1"
DOC_PATH = Path("docs") / "openapi.json"
RESPONSE_DESCRIPTIONS = {
    "200": "Gelukt.",
    "400": "Ongeldig verzoek: een parameter klopt niet (zie `invalid-params`).",
    "401": "Niet aangemeld: geen of een ongeldig API-token.",
    "403": "Geen toegang: de eigenaar van het token mag dit niet lezen.",
    "404": "Niet gevonden: onbekend gebied of onbekende id, of geen kerncijfers over dat jaar.",
    "503": "Er zijn nog geen CBS-kerncijfers geladen.",
}
# Operations whose 200 answer is a JSON schema of its own rather than a ninja schema.
EXTERNAL_RESPONSES = {"getWijkfoto": "Wijkfoto"}


class WijkkrachtAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document is the finished one, independent of the request."""

    def get_openapi_schema(self, *, path_prefix: str | None = None,
                           path_params: dict | None = None) -> dict:
        raw = super().get_openapi_schema(path_prefix="", path_params=path_params)
        return finish(json.loads(json.dumps(raw, cls=NinjaJSONEncoder)))


def _wijkfoto_schemas(name: str) -> dict[str, Any]:
    """The wijkfoto JSON schema as OpenAPI components, its ``$defs`` lifted beside it."""
    from wijkkracht.wijkfoto.report.jsonout import wijkfoto_schema

    schema = wijkfoto_schema()
    defs = schema.pop("$defs", {})
    for key in ("$schema", "$id"):
        schema.pop(key, None)

    def component(def_name: str) -> str:
        return name + def_name[:1].upper() + def_name[1:]

    text = json.dumps({name: schema, **{component(k): v for k, v in defs.items()}})
    for def_name in defs:
        text = text.replace(f'"#/$defs/{def_name}"',
                            f'"#/components/schemas/{component(def_name)}"')
    return json.loads(text)


def finish(doc: dict) -> dict:
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    for item in doc["paths"].values():
        for operation in item.values():
            for status, response in operation["responses"].items():
                response["description"] = RESPONSE_DESCRIPTIONS.get(status,
                                                                    response["description"])
                content = response.get("content", {})
                if int(status) >= 400 and "application/json" in content:
                    response["content"] = {"application/problem+json":
                                           content["application/json"]}
            external = EXTERNAL_RESPONSES.get(operation["operationId"])
            if external:
                schemas.update(_wijkfoto_schemas(external))
                operation["responses"]["200"]["content"] = {
                    "application/json": {"schema": {"$ref": f"#/components/schemas/{external}"}}}
    return doc


def openapi_document() -> dict:
    from .urls import api

    return api.get_openapi_schema()


def openapi_text() -> str:
    """The document as committed: sorted keys, indent 2, UTF-8, trailing newline."""
    return json.dumps(openapi_document(), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def committed_path() -> Path:
    return Path(settings.REPO_DIR) / DOC_PATH
