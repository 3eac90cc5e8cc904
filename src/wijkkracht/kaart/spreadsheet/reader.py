"""Read a filled-in spreadsheet template (.xlsx or .csv) into an import plan.

Each row is one service. A row with an id updates that service; a row without one gets an id
made from its organisation and name, so reading the same file twice never duplicates. Only
what the template has columns for is changed: the first location's address, the first phone,
the opening hours, the contact person, the category, access and formality attributes; other
fields, phones and locations of the service stay as they are. Every problem refuses the whole
file with a Dutch message naming the row (as the spreadsheet numbers it) and the column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from pathlib import Path

from wijkkracht.kaart import models as m
from wijkkracht.kaart.hsds.importer import HsdsImportError, Plan, Row, _refuse
from wijkkracht.kaart.hsds.spec import ENTITIES
from wijkkracht.kaart.spreadsheet.columns import (
    ACCESS,
    ACCESS_WORDS,
    BY_HEADER,
    CATEGORY,
    DAYS,
    FORMALITY,
    FORMALITY_WORDS,
    NAMESPACE,
    SCHEDULE,
    normal_postcode,
    sub_id,
)
from wijkkracht.kaart.spreadsheet.terms import known_terms


def _cells(path: Path) -> list[list]:
    """The rows of the first sheet (or the sheet 'Diensten'), or of the CSV file."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds for a file that is no workbook
            raise HsdsImportError(f"{path.name} is geen geldig Excel-bestand (.xlsx).") from None
        sheet = book["Diensten"] if "Diensten" in book.sheetnames else book.worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        book.close()
        return rows
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Excel's own 'CSV' on Windows
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise HsdsImportError(f"{path.name} is geen geldige CSV ({exc}).") from None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _fields(obj) -> dict:
    entity = next(e for e in ENTITIES.values() if e.model is type(obj))
    return {k: getattr(obj, k) for k in (*entity.scalars, *entity.extensions.values())}


def _row(obj, fields: dict | None = None, fks: dict | None = None) -> Row:
    """A plan row that keeps what a stored record has beyond the template's columns."""
    return Row(fields=fields if fields is not None else _fields(obj), fks=fks or {},
               extra=dict(obj.extra or {}) if obj is not None else {})


class _Reader:
    def __init__(self, path: Path) -> None:
        self.name = path.name
        self.plan = Plan()
        self.terms = known_terms()
        self.n = 0
        self.row_of: dict[tuple[str, uuid.UUID], int] = {}

    def fail(self, header: str, problem: str):
        raise _refuse(f"{self.name}, rij {self.n}, kolom '{header}'", problem)

    def put(self, name: str, rid: uuid.UUID, row: Row) -> None:
        """One record per id; a second row may name it only with the same values (a location
        shared by two services)."""
        rows = self.plan.rows[name]
        old = rows.get(rid)
        if old is not None:
            for key, value in row.fields.items():
                if old.fields.get(key) != value:
                    raise _refuse(f"{self.name}, rij {self.n}",
                                  f"de {ENTITIES[name].label} staat ook in rij "
                                  f"{self.row_of[(name, rid)]} met een andere waarde voor "
                                  f"'{key}'.")
            old.fks.update({k: v for k, v in row.fks.items() if v is not None})
            return
        row.where = f"{self.name}, rij {self.n}"
        rows[rid] = row
        self.row_of[(name, rid)] = self.n

    def read(self, table: list[list]) -> Plan:
        rows = [r for r in table if any(_text(c) for c in r)]
        if not rows:
            raise HsdsImportError(f"{self.name} is leeg; verwacht een kopregel met kolomnamen "
                                  "en een rij per dienst.")
        header = [_text(c).lower().rstrip("*").strip() for c in table[0]]
        for i, h in enumerate(header):
            if h and h not in BY_HEADER:
                raise HsdsImportError(f"{self.name}: onbekende kolom '{_text(table[0][i])}' "
                                      f"(kolom {i + 1}); toegestaan: {', '.join(BY_HEADER)}.")
        for needed in ("naam", "organisatie"):
            if needed not in header:
                raise HsdsImportError(f"het bestand is niet ingelezen, er is niets opgeslagen. "
                                      f"{self.name}: verplichte kolom '{needed}' ontbreekt.")
        count = 0
        for n, cells in enumerate(table[1:], start=2):
            values = {h: cells[i] if i < len(cells) else None
                      for i, h in enumerate(header) if h}
            if not any(_text(v) for v in values.values()):
                continue
            if _text(cells[0] if cells else "").startswith("#"):
                continue  # the instruction row of the CSV template
            self.n = n
            self.service(values)
            count += 1
        if not count:
            raise HsdsImportError(f"{self.name} bevat geen diensten (alleen de kopregel).")
        return self.plan

    def service(self, values: dict) -> None:
        name = _text(values.get("naam"))
        org_name = _text(values.get("organisatie"))
        for header, text in (("naam", name), ("organisatie", org_name)):
            if not text:
                self.fail(header, "verplichte waarde ontbreekt.")
        text = _text(values.get("id"))
        if text:
            try:
                sid = uuid.UUID(text)
            except ValueError:
                self.fail("id", f"'{text}' is geen geldige id; laat de kolom leeg voor een "
                                "nieuwe dienst.")
        else:
            sid = uuid.uuid5(NAMESPACE, f"dienst/{org_name.lower()}/{name.lower()}")
        if sid in self.plan.rows["service"]:
            self.fail("id", f"dezelfde dienst staat ook in rij {self.row_of[('service', sid)]}.")
        existing = m.Service.objects.filter(pk=sid).first()
        row = _row(existing, None if existing else {"status": "active"})
        row.fields["name"] = name
        row.fks["organization"] = self.organization(org_name)
        simple = {"omschrijving": "description", "e-mail": "email", "website": "url",
                  "kosten": "fees_description"}
        for header, key in simple.items():
            if header in values:
                row.fields[key] = _text(values[header]) or None
        if row.fields.get("email") and "@" not in row.fields["email"]:
            self.fail("e-mail", f"'{row.fields['email']}' is geen e-mailadres.")
        if "laatst gecontroleerd" in values:
            raw = values["laatst gecontroleerd"]
            day = _date(raw) if _text(raw) else None
            if _text(raw) and day is None:
                self.fail("laatst gecontroleerd", f"'{_text(raw)}' is geen datum (JJJJ-MM-DD "
                                                  "of DD-MM-JJJJ).")
            shown = row.fields.get("last_checked") or _date(row.fields.get("assured_date"))
            if day != shown:  # changed: both say the new date (assured_date is plain HSDS)
                row.fields["last_checked"] = day
                row.fields["assured_date"] = day.isoformat() if day else None
        self.put("service", sid, row)
        self.address(sid, existing, values, org_name, row.fks["organization"])
        self.phone(sid, existing, values)
        self.schedules(sid, existing, values)
        self.contact_person(sid, row, values)
        self.attributes(sid, row, values)

    def organization(self, org_name: str) -> uuid.UUID:
        found = m.Organization.objects.filter(name__iexact=org_name).order_by("pk").first()
        if found is not None:
            return found.pk
        oid = uuid.uuid5(NAMESPACE, f"organisatie/{org_name.lower()}")
        if oid not in self.plan.rows["organization"]:
            self.put("organization", oid, Row(fields={"name": org_name, "description": ""}))
        return oid

    def address(self, sid, existing, values: dict, org_name: str, oid) -> None:
        street, code, city = (_text(values.get(h)) for h in ("adres", "postcode", "plaats"))
        if not (street or code or city):
            return  # a location is not removed through the template
        for header, text in (("adres", street), ("postcode", code), ("plaats", city)):
            if not text:
                self.fail(header, "hoort bij het adres: vul adres, postcode en plaats samen in.")
        sal = (existing.service_at_locations.exclude(location=None).order_by("pk").first()
               if existing else None)
        location = sal.location if sal else None
        old = (location.addresses.filter(address_type="physical").order_by("pk").first()
               if location else None)
        # a new or changed postcode must be a possible Dutch one; a stored one stays as it is
        postcode = code if old and code == old.postal_code else normal_postcode(code)
        if postcode is None:
            self.fail("postcode", f"'{code}' is geen geldige postcode (4 cijfers en 2 letters, "
                                  "bijvoorbeeld 2011 AB).")
        lid = location.pk if location else sub_id(sid, "locatie")
        loc_fields = _fields(location) if location else {
            "location_type": "physical", "name": org_name}
        self.put("location", lid, _row(location, loc_fields,
                                       {} if location else {"organization": oid}))
        if sal is None:
            self.put("service_at_location", sub_id(sid, "op-locatie"),
                     Row(fks={"service": sid, "location": lid}))
        fields = _fields(old) if old else {"state_province": "", "country": "NL",
                                            "address_type": "physical"}
        fields.update(address_1=street, postal_code=postcode, city=city)
        self.put("address", old.pk if old else sub_id(sid, "adres"),
                 _row(old, fields, {"location": lid}))

    def phone(self, sid, existing, values: dict) -> None:
        if "telefoon" not in values:
            return
        number = _text(values["telefoon"])
        phones = list(existing.phones.order_by("pk")) if existing else []
        first = phones[0] if phones else None
        keep = {p.pk for p in phones[1:]}
        if number:
            pid = first.pk if first else sub_id(sid, "telefoon")
            fields = _fields(first) if first else {"type": "voice"}
            fields["number"] = number
            self.put("phone", pid, _row(first, fields, {"service": sid}))
            keep.add(pid)
        self.plan.children.setdefault(("service", sid), {})[("phone", "service")] = keep

    def schedules(self, sid, existing, values: dict) -> None:
        if "openingstijden" not in values:
            return
        text = _text(values["openingstijden"])
        old = list(existing.schedules.order_by("pk")) if existing else []
        if text == "; ".join(s.description or "" for s in old):
            return  # unchanged: keep the structured hours as they are
        parts = [p.strip() for p in text.split(";") if p.strip()]
        keep = set()
        for i, part in enumerate(parts):
            schedule = old[i] if i < len(old) else None
            fields = _fields(schedule) if schedule else {}
            fields.update(description=part, byday=None, opens_at=None, closes_at=None)
            match = SCHEDULE.match(part)
            if match:
                days = [DAYS[d.strip().lower()] for d in match[1].split(",")]
                fields.update(freq="WEEKLY", wkst="MO", byday=",".join(days),
                              opens_at=match[2].zfill(5), closes_at=match[3].zfill(5))
            sched_id = schedule.pk if schedule else sub_id(sid, "openingstijden", i)
            self.put("schedule", sched_id, _row(schedule, fields, {"service": sid}))
            keep.add(sched_id)
        self.plan.children.setdefault(("service", sid), {})[("schedule", "service")] = keep

    def contact_person(self, sid, row: Row, values: dict) -> None:
        if "aanspreekpunt" not in values:
            return
        name = _text(values["aanspreekpunt"])
        if not name:
            row.fields["contact_person_id"] = None
            return
        current = row.fields.get("contact_person_id")
        contact = m.Contact.objects.filter(pk=current).first() if current else None
        cid = contact.pk if contact else sub_id(sid, "aanspreekpunt")
        fields = _fields(contact) if contact else {}
        fields["name"] = name
        self.put("contact", cid, _row(contact, fields, {} if contact else {"service": sid}))
        row.fields["contact_person_id"] = cid

    def attributes(self, sid, row: Row, values: dict) -> None:
        wanted: dict[str, list[str]] = {}
        if "categorie" in values:
            codes = []
            for word in _text(values["categorie"]).replace(";", ",").split(","):
                if not word.strip():
                    continue
                code = self.terms.code(CATEGORY, word)
                if code is None:
                    self.fail("categorie", f"'{word.strip()}' is geen bekende categorie; kies "
                                           f"uit: {', '.join(self.terms.codes(CATEGORY))}.")
                codes.append(code)
            wanted[CATEGORY] = codes
        for header, taxonomy, words, field_name in (
                ("toegang", ACCESS, ACCESS_WORDS, "access"),
                ("vorm", FORMALITY, FORMALITY_WORDS, "formality")):
            if header not in values:
                continue
            text = _text(values[header]).lower()
            code = words.get(text) if text else None
            if text and code is None:
                self.fail(header, f"'{_text(values[header])}' is geen toegestane waarde; kies "
                                  f"uit: {', '.join(dict.fromkeys(words))}.")
            row.fields[field_name] = code
            wanted[taxonomy] = [code] if code else []
        if not wanted:
            return
        held = list(m.Attribute.objects.filter(link_id=sid).select_related("taxonomy_term"))
        keep = set()
        for attribute in held:
            term = attribute.taxonomy_term
            taxonomy = term.taxonomy if term else None
            if taxonomy not in wanted:
                keep.add(attribute.pk)
            elif term.code in wanted[taxonomy]:
                keep.add(attribute.pk)
                wanted[taxonomy] = [c for c in wanted[taxonomy] if c != term.code]
        for taxonomy, codes in wanted.items():
            for code in codes:
                term_id = self.terms.ensure(self.plan, taxonomy, code)
                aid = sub_id(sid, "kenmerk", taxonomy, code)
                self.put("attribute", aid, Row(
                    fields={"link_type": "service", "link_entity": "service", "value": code},
                    fks={"link_id": sid, "taxonomy_term": term_id}))
                keep.add(aid)
        self.plan.children.setdefault(("service", sid), {})[("attribute", "link")] = keep


def read_spreadsheet(path: Path) -> Plan:
    """The import plan of a filled-in template (checked; nothing written yet)."""
    path = Path(path)
    if not path.exists():
        raise HsdsImportError(f"bestand {path} bestaat niet.")
    if path.stat().st_size == 0:
        raise HsdsImportError(f"{path} is leeg; er is niets ingelezen.")
    return _Reader(path).read(_cells(path))
