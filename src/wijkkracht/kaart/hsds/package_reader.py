"""Read an HSDS 3 tabular datapackage (a folder or a .zip) into an import plan.

The tables are found through datapackage.json (resource name -> path), read as UTF-8 CSV and
checked row by row: required columns and values, numbers, ids, fixed values, references to
records that exist (in the package or already in the kaart). A problem refuses the whole
package with a Dutch message naming the file, the row (as a spreadsheet shows it: the header is
row 1) and the column. The plan is then written by the same all-or-nothing writer as HSDS JSON.

A package is the full state of the records it holds: a child table that is present states all
children of the records in the package, so a phone or address that is gone from the file is
detached (and removed when nothing else holds it) on re-import.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import uuid
import zipfile
from collections import defaultdict
from pathlib import Path, PurePosixPath

from wijkkracht.kaart.hsds.importer import (
    EXTENSION_CHOICES,
    TAXONOMY_EXTENSIONS,
    WIJK_IDENTIFIER_TYPE,
    HsdsImportError,
    Plan,
    Row,
    _refuse,
)
from wijkkracht.kaart.hsds.spec import ENTITIES
from wijkkracht.kaart.hsds.tables import (
    EXTRA_COLUMN,
    FILES,
    SIDE_TABLES,
    extension_columns,
    foreign_keys,
    required_columns,
    side_link,
)

DESCRIPTOR = "datapackage.json"
# one CSV cell may hold a long description, not a file
csv.field_size_limit(10_000_000)


class _Source:
    """The files of a package, in a folder or a zip, by their path in datapackage.json."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.zip: zipfile.ZipFile | None = None
        self.prefix = ""
        if path.is_dir():
            if not (path / DESCRIPTOR).is_file():
                raise HsdsImportError(f"in de map {path} staat geen {DESCRIPTOR}; een HSDS-"
                                      "datapakket heeft dat bestand naast de CSV-bestanden.")
            return
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError):
            raise HsdsImportError(f"{path} is geen geldig zip-bestand.") from None
        names = [n for n in self.zip.namelist() if PurePosixPath(n).name == DESCRIPTOR
                 and len(PurePosixPath(n).parts) <= 2]
        if not names:
            raise HsdsImportError(f"in het zip-bestand {path.name} staat geen {DESCRIPTOR}; een "
                                  "HSDS-datapakket heeft dat bestand naast de CSV-bestanden.")
        names.sort(key=lambda n: len(PurePosixPath(n).parts))
        self.prefix = str(PurePosixPath(names[0]).parent)
        self.prefix = "" if self.prefix == "." else self.prefix + "/"

    def read(self, name: str) -> bytes | None:
        relative = PurePosixPath(name)
        if relative.is_absolute() or ".." in relative.parts:
            raise HsdsImportError(f"{DESCRIPTOR} noemt het pad '{name}', dat buiten het pakket "
                                  "wijst.")
        if self.zip is not None:
            try:
                return self.zip.read(self.prefix + str(relative))
            except KeyError:
                return None
        file = self.path / relative
        return file.read_bytes() if file.is_file() else None


def _text(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HsdsImportError(f"{name} is niet te lezen als UTF-8-tekst; sla het bestand op "
                              "als CSV UTF-8.") from None


def _resources(source: _Source) -> dict[str, str]:
    """Resource name -> path, from datapackage.json."""
    data = source.read(DESCRIPTOR)
    try:
        descriptor = json.loads(_text(data or b"", DESCRIPTOR))
    except json.JSONDecodeError as exc:
        raise HsdsImportError(f"{DESCRIPTOR} is geen geldige JSON (regel {exc.lineno}, kolom "
                              f"{exc.colno}: {exc.msg}).") from None
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        raise HsdsImportError(f"{DESCRIPTOR} heeft geen lijst 'resources' met de tabellen.")
    out = {}
    for i, resource in enumerate(resources):
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            raise HsdsImportError(f"{DESCRIPTOR}: resources[{i}] heeft geen naam ('name').")
        path = resource.get("path")
        if not isinstance(path, str):
            raise HsdsImportError(f"{DESCRIPTOR}: tabel '{resource['name']}' heeft geen "
                                  "bestandsnaam ('path') als tekst.")
        out[resource["name"]] = path
    return out


class _Table:
    def __init__(self, file: str, text: str) -> None:
        self.file = file
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            self.header = [h.strip() for h in next(reader)]
        except StopIteration:
            raise HsdsImportError(f"{file} is leeg; verwacht minstens een kopregel met de "
                                  "kolomnamen.") from None
        except csv.Error as exc:
            raise HsdsImportError(f"{file} is geen geldige CSV ({exc}).") from None
        seen = set()
        for column in self.header:
            if column in seen:
                raise HsdsImportError(f"{file}: kolom '{column}' staat twee keer in de kopregel.")
            seen.add(column)
        self.rows: list[tuple[int, dict]] = []
        try:
            for n, values in enumerate(reader, start=2):
                if not any(v.strip() for v in values):
                    continue
                if len(values) > len(self.header):
                    raise HsdsImportError(f"{file}, rij {n}: meer waarden ({len(values)}) dan "
                                          f"kolommen ({len(self.header)}).")
                self.rows.append((n, dict(zip(self.header, values, strict=False))))
        except csv.Error as exc:
            raise HsdsImportError(f"{file} is geen geldige CSV ({exc}).") from None

    def require(self, wanted: list[str]) -> None:
        for column in wanted:
            if column not in self.header:
                raise HsdsImportError(f"het bestand is niet ingelezen, er is niets opgeslagen. "
                                      f"{self.file}: verplichte kolom '{column}' ontbreekt.")


class _Reader:
    def __init__(self, source: _Source, schemas: Path | None) -> None:
        self.source = source
        self.schemas = schemas
        self.plan = Plan()
        self.tables: dict[str, _Table] = {}
        # keys each record's nl_extra cell states (our own packages): side tables then add
        # nothing to them
        self.stated: dict[tuple[str, uuid.UUID], set] = {}

    def fail(self, table: _Table, n: int, column: str, problem: str):
        raise _refuse(f"{table.file}, rij {n}, kolom '{column}'", problem)

    def load(self) -> Plan:
        resources = _resources(self.source)
        wanted = {**{name: FILES[name] for name in FILES},
                  **{t.resource: t.file for t in SIDE_TABLES}}
        for name in wanted:
            if name not in resources:
                continue
            data = self.source.read(resources[name])
            if data is None:
                raise HsdsImportError(f"{DESCRIPTOR} noemt tabel '{name}' in "
                                      f"'{resources[name]}', maar dat bestand ontbreekt.")
            self.tables[name] = _Table(resources[name], _text(data, resources[name]))
        if "service" not in self.tables:
            raise HsdsImportError(f"{DESCRIPTOR} noemt geen tabel 'service' (services.csv); "
                                  "zonder diensten valt er niets in te lezen.")
        for name in FILES:
            if name in self.tables:
                self.tables[name].require(required_columns(name))
                self.read_table(name)
        if not self.plan.rows["service"]:
            raise HsdsImportError(f"{self.tables['service'].file} bevat geen diensten.")
        self.read_side_tables()
        self.derive_extensions()
        self.check_references()
        self.state_children()
        return self.plan

    # -- one row -------------------------------------------------------------------------

    def value(self, table: _Table, n: int, name: str, column: str, text: str):
        entity = ENTITIES[name]
        if text == "":
            return None
        if column in entity.numbers:
            try:
                return float(text)
            except ValueError:
                self.fail(table, n, column, f"'{text}' is geen getal.")
        if column in entity.uuids:
            return self.uuid(table, n, column, text)
        allowed = entity.enums.get(column)
        if allowed and text not in allowed:
            self.fail(table, n, column, f"'{text}' is geen toegestane waarde; kies uit: "
                                        f"{', '.join(allowed)}.")
        return text

    def uuid(self, table: _Table, n: int, column: str, text: str) -> uuid.UUID:
        try:
            return uuid.UUID(text.strip())
        except ValueError:
            self.fail(table, n, column, f"'{text}' is geen geldige UUID.")

    def extension(self, table: _Table, n: int, column: str, text: str):
        if text == "":
            return None
        if column in EXTENSION_CHOICES and text not in EXTENSION_CHOICES[column]:
            self.fail(table, n, column, f"'{text}' is geen toegestane waarde; kies uit: "
                                        f"{', '.join(EXTENSION_CHOICES[column])}.")
        if column == "nl_last_checked":
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                self.fail(table, n, column, f"'{text}' is geen datum (JJJJ-MM-DD).")
        if column.endswith("_id"):
            return self.uuid(table, n, column, text)
        return text

    def read_table(self, name: str) -> None:
        table = self.tables[name]
        entity = ENTITIES[name]
        extensions = extension_columns(name)
        fks = {f.column: f for f in foreign_keys(name)}
        required = set(required_columns(name))
        rows = self.plan.rows[name]
        for n, record in table.rows:
            for column in required:
                if record.get(column, "").strip() == "":
                    self.fail(table, n, column, f"verplichte waarde van een {entity.label} "
                                                "ontbreekt.")
            rid = self.uuid(table, n, "id", record["id"])
            if rid in rows:
                self.fail(table, n, "id", f"id {rid} staat twee keer in de tabel (ook in "
                                          f"{rows[rid].where}).")
            row = Row(where=f"{table.file}, rij {n}")
            for column, text in record.items():
                if column == "id":
                    continue
                if column in entity.scalars:
                    row.fields[column] = self.value(table, n, name, column, text)
                elif column in extensions:
                    row.fields[extensions[column]] = self.extension(table, n, column, text)
                elif column in fks:
                    row.fks[fks[column].fk] = self.uuid(table, n, column, text) if text \
                        else None
                elif column == EXTRA_COLUMN:
                    stated = self.extra(table, n, text)
                    row.extra.update(stated)
                    self.stated[(name, rid)] = set(stated)
                elif text != "" and not (name == "service" and column == "program_id"):
                    row.extra[column] = text  # a column HSDS does not have: kept verbatim
            if self.schemas is not None:
                self.schema_check(name, table, n, record)
            rows[rid] = row

    def extra(self, table: _Table, n: int, text: str) -> dict:
        if text.strip() == "":
            return {}
        try:
            value = json.loads(text)
        except json.JSONDecodeError:
            value = None
        if not isinstance(value, dict):
            self.fail(table, n, EXTRA_COLUMN, "moet een JSON-object zijn (of leeg).")
        return value

    def schema_check(self, name: str, table: _Table, n: int, record: dict) -> None:
        from wijkkracht.kaart.hsds.schemas import row_problem

        entity = ENTITIES[name]
        typed = {}
        for column, text in record.items():
            if text == "" or column.startswith("nl_"):
                continue
            typed[column] = float(text) if column in entity.numbers else text
        problem = row_problem(name, typed, self.schemas)
        if problem:
            column, message = problem
            self.fail(table, n, column, message + " (HSDS 3-schema).")

    # -- the rest of the package ---------------------------------------------------------

    def read_side_tables(self) -> None:
        programs: dict[str, dict] = {}
        for side in SIDE_TABLES:
            table = self.tables.get(side.resource)
            if table is None:
                continue
            table.require(["id"])
            links = [side.link] if side.link else [f"{h}_id" for h in side.holders]
            for n, record in table.rows:
                item = {k: v for k, v in record.items() if v != "" and k not in links}
                if side.resource == "program":
                    programs[record["id"]] = item
                targets = {c: self.uuid(table, n, c, record[c]) for c in links
                           if record.get(c, "").strip()}
                if not targets:
                    self.fail(table, n, links[0], "zegt niet bij welk record deze rij hoort.")
                for column, target in targets.items():
                    holders = [h for h in side.holders if side_link(side, h) == column
                               and target in self.plan.rows[h]]
                    if not holders:
                        self.fail(table, n, column, f"verwijst naar {target}, dat niet in het "
                                                    "pakket staat.")
                    for holder in holders:
                        if side.key in self.stated.get((holder, target), ()):
                            continue  # our own package: nl_extra holds this list
                        row = self.plan.rows[holder][target]
                        row.extra.setdefault(side.key, []).append(item)
        # a service's program (HSDS JSON nests it as 'program'), from a foreign package
        services = self.tables["service"]
        if "program_id" in services.header:
            for n, record in services.rows:
                program = programs.get(record.get("program_id", ""))
                row = self.plan.rows["service"][self.uuid(services, n, "id", record["id"])]
                if program is not None and "program" not in row.extra:
                    row.extra["program"] = program

    def derive_extensions(self) -> None:
        """A package without our ``nl_`` columns (from another system): take how to get in,
        formal or informal and the CBS wijk from their plain-HSDS form, as the JSON import
        does."""
        services = self.tables["service"]
        terms = self.plan.rows["taxonomy_term"]
        for rid, row in self.plan.rows["attribute"].items():
            service = self.plan.rows["service"].get(row.fks.get("link_id"))
            term = terms.get(row.fks.get("taxonomy_term"))
            field_name = TAXONOMY_EXTENSIONS.get(term.fields.get("taxonomy") if term else None)
            if service is None or field_name is None:
                continue
            if f"nl_{field_name}" not in services.header and service.fields.get(
                    field_name) is None:
                code = term.fields.get("code")
                if code not in EXTENSION_CHOICES[f"nl_{field_name}"]:
                    raise _refuse(f"{row.where} (kenmerk {rid})", f"taxonomieterm '{code}' is "
                                  f"geen toegestane waarde; kies uit: "
                                  f"{', '.join(EXTENSION_CHOICES[f'nl_{field_name}'])}.")
                service.fields[field_name] = code
        locations = self.tables.get("location")
        if locations is not None and "nl_wijk_code" not in locations.header:
            for row in self.plan.rows["location"].values():
                if row.fields.get("external_identifier_type") == WIJK_IDENTIFIER_TYPE:
                    row.fields["wijk_code"] = row.fields.get("external_identifier")

    def check_references(self) -> None:
        """Every reference names a record in the package or in the kaart already."""
        missing: dict[str | None, dict[uuid.UUID, tuple[str, str]]] = defaultdict(dict)
        for name in FILES:
            if name not in self.tables:
                continue
            for f in foreign_keys(name):
                if not f.checked:
                    continue
                for row in self.plan.rows[name].values():
                    target = row.fks.get(f.fk)
                    if target is None:
                        continue
                    held = any(target in self.plan.rows[e] for e in ENTITIES) \
                        if f.target is None else target in self.plan.rows[f.target]
                    if not held:
                        missing[f.target].setdefault(target, (row.where, f.column))
        for row in self.plan.rows["service"].values():
            for key in ("contact_person_id", "keeper_contact_id"):
                target = row.fields.get(key)
                if target is not None and target not in self.plan.rows["contact"]:
                    missing["contact"].setdefault(target, (row.where, f"nl_{key}"))
        for target, wanted in missing.items():
            models = [ENTITIES[target].model] if target else [e.model for e in ENTITIES.values()]
            found: set = set()
            for model in models:
                ids = list(wanted)
                for start in range(0, len(ids), 500):
                    found |= set(model.objects.filter(pk__in=ids[start:start + 500])
                                 .values_list("pk", flat=True))
            for rid, (where, column) in wanted.items():
                if rid not in found:
                    what = f"{ENTITIES[target].label} " if target else "record "
                    raise _refuse(f"{where}, kolom '{column}'",
                                  f"verwijst naar {what}{rid}, dat niet in het pakket en niet "
                                  "in de sociale kaart staat.")

    def state_children(self) -> None:
        """Each record states the children of every child table in the package."""
        for name in FILES:
            for spec in ENTITIES[name].many:
                if spec.entity not in self.tables:
                    continue
                key = "link_id" if spec.fk == "link" else spec.fk
                held: dict[uuid.UUID, set] = defaultdict(set)
                for cid, child in self.plan.rows[spec.entity].items():
                    parent = child.fks.get(key)
                    if parent is not None:
                        held[parent].add(cid)
                for rid in self.plan.rows[name]:
                    self.plan.children.setdefault((name, rid), {})[(spec.entity, spec.fk)] = \
                        held.get(rid, set())


def read_package(path: Path, schemas: Path | None = None) -> Plan:
    """The import plan of a datapackage folder or .zip (checked; nothing written yet)."""
    path = Path(path)
    if not path.exists():
        raise HsdsImportError(f"{path} bestaat niet.")
    return _Reader(_Source(path), schemas).load()
