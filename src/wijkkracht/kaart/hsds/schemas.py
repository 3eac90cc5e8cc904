"""Validation against the HSDS 3 JSON Schemas, read from a folder the user names.

The schemas are Open Referral's (CC BY-SA 4.0) and are not shipped with Wijkkracht: pass the
``schema`` folder of the HSDS 3 specification. Messages are Dutch and name the record and the
field path.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from wijkkracht.errors import WijkkrachtError


@cache
def _validator(folder: str, name: str = "service"):
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    root = Path(folder)
    if not (root / "service.json").is_file():
        raise WijkkrachtError(f"in {folder} staan geen HSDS 3-schema's (service.json "
                              "ontbreekt); geef de map 'schema' van de HSDS 3-specificatie.")
    resources = []
    for path in sorted(root.glob("*.json")):
        try:
            contents = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise WijkkrachtError(f"schema {path} is niet te lezen ({exc}).") from None
        resources.append((path.name, Resource.from_contents(
            contents, default_specification=DRAFT202012)))
    registry = Registry().with_resources(resources)
    schema = registry.contents(f"{name}.json")
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())


def _where(error) -> str:
    path = ""
    for part in error.absolute_path:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _dutch(error) -> str:
    kind = error.validator
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        return f"verplicht veld '{missing}' ontbreekt"
    if kind == "type":
        wanted = {"string": "tekst", "number": "een getal", "integer": "een geheel getal",
                  "array": "een lijst", "object": "een object", "boolean": "waar of onwaar"}
        types = error.validator_value if isinstance(error.validator_value, list) \
            else [error.validator_value]
        return "moet " + " of ".join(wanted.get(t, t) for t in types) + " zijn"
    if kind == "enum":
        return (f"'{error.instance}' is geen toegestane waarde; kies uit: "
                f"{', '.join(map(str, error.validator_value))}")
    if kind == "format":
        return f"'{error.instance}' is geen geldige {error.validator_value}"
    return f"voldoet niet aan het HSDS 3-schema (regel '{kind}': {error.message})"


def validate_services(records: list, folder: Path) -> None:
    from jsonschema.exceptions import best_match

    from wijkkracht.kaart.hsds.importer import _refuse

    validator = _validator(str(folder))
    for index, record in enumerate(records):
        error = best_match(validator.iter_errors(record))
        if error is None:
            continue
        rid = record.get("id") if isinstance(record, dict) else None
        name = f"record [{index}] (id {rid})" if rid else f"record [{index}]"
        where = _where(error)
        if error.validator == "required" and "'" in error.message:
            where += "." + error.message.split("'")[1]
        raise _refuse(f"{name}, veld [{index}]{where}",
                      _dutch(error) + " (HSDS 3-schema).")


def row_problem(name: str, row: dict, folder: Path) -> tuple[str, str] | None:
    """The first way one table row (typed, empty cells left out) breaks the HSDS 3 schema of
    its entity, as (column, Dutch problem); None when it fits."""
    from jsonschema.exceptions import best_match

    error = best_match(_validator(str(folder), name).iter_errors(row))
    if error is None:
        return None
    column = next((str(p) for p in error.absolute_path), "")
    if error.validator == "required" and "'" in error.message:
        column = error.message.split("'")[1]
    return column, _dutch(error)
