"""The OpenAPI document: public, generated from the code, committed as docs/openapi.json."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from wijkkracht.api.middleware import API_VERSION
from wijkkracht.api.openapi import DOC_PATH, committed_path, openapi_text

REGENERATE = ("python manage.py api_openapi --write (or: cd /work/main && WIJKKRACHT_HOME=/tmp/wk "
              "/work/venv/bin/python manage.py api_openapi --write), then review and commit "
              f"{DOC_PATH}")


# The sociale kaart follows the HSDS 3 API reference, whose paths are snake_case (docs/api.md).
HSDS_PATHS = {"/services", "/services/{id}", "/organizations", "/organizations/{id}",
              "/taxonomies", "/taxonomies/{id}", "/taxonomy_terms", "/taxonomy_terms/{id}"}


def test_the_committed_document_is_the_generated_one():
    path = committed_path()
    assert path.exists(), f"{DOC_PATH} is missing; generate it with {REGENERATE}"
    assert path.read_text(encoding="utf-8") == openapi_text(), (
        f"{DOC_PATH} is out of date with the code; regenerate it with {REGENERATE}")


def test_the_document_is_public_at_the_standard_location(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["API-Version"] == API_VERSION
    assert response.json() == json.loads(openapi_text())


def test_the_document_follows_the_design_rules():
    doc = json.loads(openapi_text())
    assert doc["openapi"].startswith("3.")
    assert doc["info"]["version"] == API_VERSION and doc["info"]["contact"]
    assert [s["url"] for s in doc["servers"]] == ["/api/v1"]
    assert set(doc["paths"]) == {"/areas", "/areas/{code}", "/indicators", "/years",
                                 "/wijkfoto/{code}", "/me", "/cases",
                                 "/cases/{case_id}", "/monitor/indicators",
                                 "/monitor/series", "/practices", "/practices/{id}",
                                 *HSDS_PATHS}
    for path, item in doc["paths"].items():
        assert not path.endswith("/"), path
        static = [seg for seg in path.split("/") if seg and not seg.startswith("{")]
        assert all(seg == seg.lower() for seg in static), path
        if path not in HSDS_PATHS:  # kebab-case, but HSDS 3 names its own paths
            assert all("_" not in seg for seg in static), path
        for method, operation in item.items():
            assert method == "get", path
            assert operation["operationId"] and operation["summary"]
            for status, response in operation["responses"].items():
                content = set(response.get("content", {}))
                if int(status) >= 400:
                    assert content == {"application/problem+json"}, (path, status)
                else:
                    assert content == {"application/json"}, (path, status)
    assert doc["paths"]["/me"]["get"]["security"] == [{"ApiTokenAuth": []}]
    for path in ("/monitor/indicators", "/monitor/series"):  # analysts and coordinators only
        assert doc["paths"][path]["get"]["security"] == [{"ApiTokenAuth": []}]
        assert set(doc["paths"][path]["get"]["responses"]) == {"200", "400", "401", "403",
                                                               "404"}
    assert doc["components"]["securitySchemes"]["ApiTokenAuth"]["scheme"] == "bearer"
    wijkfoto = doc["paths"]["/wijkfoto/{code}"]["get"]["responses"]["200"]
    assert wijkfoto["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Wijkfoto"}
    for path in HSDS_PATHS:
        assert doc["paths"][path]["get"]["tags"] == ["Sociale kaart"]
        assert "security" not in doc["paths"][path]["get"]  # public, like the kaart itself
    text = json.dumps(doc)
    assert "#/$defs/" not in text  # every reference resolves inside the document
    for ref in {r.split('"')[0] for r in text.split('"$ref": "')[1:]}:
        assert ref.removeprefix("#/components/schemas/") in doc["components"]["schemas"], ref


def test_the_command_writes_and_checks_the_file(tmp_path, settings):
    settings.REPO_DIR = tmp_path
    with pytest.raises(SystemExit) as stale:
        call_command("api_openapi", "--check", stderr=io.StringIO())
    assert stale.value.code == 1
    call_command("api_openapi", "--write", stderr=io.StringIO())
    written = tmp_path / DOC_PATH
    assert written.read_text(encoding="utf-8") == openapi_text()
    assert written.read_text(encoding="utf-8").endswith("}\n")
    call_command("api_openapi", "--check", stderr=io.StringIO())
    out = io.StringIO()
    call_command("api_openapi", stdout=out)
    assert out.getvalue() == openapi_text()
