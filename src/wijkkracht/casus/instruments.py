"""Assessment instruments as data: load one from JSON, ship the two the product carries, and let
a gemeente load the licensed criteria text of its own copy.

An instrument file (``casus/instruments/*.json``) holds names only::

    {"format": 1, "code": "zrm", "version": "2017", "name": "Zelfredzaamheid-Matrix",
     "source": "...", "scale": {"min": 1, "max": 5},
     "levels": [{"value": 1, "name": "Acute problematiek"}, ...],
     "domains": [{"code": "financien", "name": "Financiën"}, ...]}

A version once loaded is never changed (assessments point at it): a changed instrument is a
new version. Loading is all or nothing: every error is reported, naming the field at fault,
and nothing is written unless the whole file is right.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.db import connection, transaction
from django.utils.translation import gettext as _

from wijkkracht.accounts.models import Organisation
from wijkkracht.errors import WijkkrachtError
from wijkkracht.inputs.text import find_control_character

from .models import Instrument, InstrumentDomain, InstrumentLevel, LevelDescription

SHIPPED_DIR = Path(__file__).resolve().parent / "instruments"
SHIPPED_FILES = ("zrm-2017.json", "positieve-gezondheid.json")
FORMAT = 1
KEYS = {"format", "code", "version", "name", "source", "scale", "levels", "domains"}
CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_DOMAINS = 40
MAX_SCALE = 100  # a scale wider than 0..100 is a mistake, not an instrument
DESCRIPTION_COLUMNS = ("domein", "niveau", "tekst")
MAX_DESCRIPTION = 4000


class InstrumentError(WijkkrachtError):
    """An instrument or criteria file that cannot be loaded; ``errors`` lists every problem in
    Dutch, each naming the field (or the row and column) at fault."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


# --- validating an instrument file --------------------------------------------------------------

@dataclass(frozen=True)
class InstrumentData:
    code: str
    version: str
    name: str
    source: str
    scale_min: int
    scale_max: int
    levels: tuple[tuple[int, str], ...]
    domains: tuple[tuple[str, str], ...]


def _field_error(field: str, problem: str) -> str:
    return _("Field '%(field)s': %(problem)s") % {"field": field, "problem": problem}


def _text(data: dict, key: str, where: str, errors: list[str], *, max_length: int,
          required: bool = True, pattern: re.Pattern | None = None) -> str:
    value = data.get(key)
    field = f"{where}{key}"
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors.append(_field_error(field, _("is missing or empty.")))
        return ""
    if not isinstance(value, str):
        errors.append(_field_error(field, _("must be text.")))
        return ""
    value = value.strip()
    if len(value) > max_length:
        errors.append(_field_error(field, _("is longer than %(n)d characters.")
                                   % {"n": max_length}))
    elif find_control_character(value):
        errors.append(_field_error(field, _("contains a control character.")))
    elif pattern is not None and not pattern.match(value):
        errors.append(_field_error(field, _("use only lower-case letters, digits and hyphens, "
                                            "for example 'werk-opleiding'.")))
    return value


def _integer(data: dict, key: str, where: str, errors: list[str]) -> int | None:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        errors.append(_field_error(f"{where}{key}", _("must be a whole number.")))
        return None
    return value


def validate_instrument(data: Any) -> InstrumentData:
    """The instrument described by ``data`` (parsed JSON), or ``InstrumentError`` listing every
    problem."""
    errors: list[str] = []
    if not isinstance(data, dict):
        raise InstrumentError([_("The file must hold one JSON object with the fields code, "
                                 "version, name, scale and domains.")])
    for key in sorted(set(data) - KEYS):
        errors.append(_field_error(key, _("is not a field of an instrument file.")))
    if data.get("format", FORMAT) != FORMAT:
        errors.append(_field_error("format", _("only format %(n)d is known.") % {"n": FORMAT}))
    code = _text(data, "code", "", errors, max_length=40, pattern=CODE)
    version = _text(data, "version", "", errors, max_length=20)
    name = _text(data, "name", "", errors, max_length=120)
    source = _text(data, "source", "", errors, max_length=300, required=False)

    low = high = None
    scale = data.get("scale")
    if not isinstance(scale, dict):
        errors.append(_field_error("scale", _("must be an object with min and max.")))
    else:
        low = _integer(scale, "min", "scale.", errors)
        high = _integer(scale, "max", "scale.", errors)
        if low is not None and high is not None:
            if low >= high:
                errors.append(_field_error("scale.max", _("must be greater than scale.min.")))
            elif low < -MAX_SCALE or high > MAX_SCALE:
                errors.append(_field_error("scale", _("must lie between -%(n)d and %(n)d.")
                                           % {"n": MAX_SCALE}))

    levels: list[tuple[int, str]] = []
    raw_levels = data.get("levels", [])
    if not isinstance(raw_levels, list):
        errors.append(_field_error("levels", _("must be a list.")))
        raw_levels = []
    for k, level in enumerate(raw_levels):
        where = f"levels[{k}]."
        if not isinstance(level, dict):
            errors.append(_field_error(f"levels[{k}]", _("must be an object with value and "
                                                         "name.")))
            continue
        value = _integer(level, "value", where, errors)
        level_name = _text(level, "name", where, errors, max_length=120)
        if value is None:
            continue
        if low is not None and high is not None and not low <= value <= high:
            errors.append(_field_error(f"{where}value", _("%(value)d lies outside the scale "
                                                          "%(min)d to %(max)d.")
                                       % {"value": value, "min": low, "max": high}))
        elif any(v == value for v, _n in levels):
            errors.append(_field_error(f"{where}value", _("level %(value)d is named twice.")
                                       % {"value": value}))
        else:
            levels.append((value, level_name))

    domains: list[tuple[str, str]] = []
    raw_domains = data.get("domains")
    if not isinstance(raw_domains, list) or not raw_domains:
        errors.append(_field_error("domains", _("must be a list with at least one domain.")))
        raw_domains = []
    elif len(raw_domains) > MAX_DOMAINS:
        errors.append(_field_error("domains", _("more than %(n)d domains.") % {"n": MAX_DOMAINS}))
    for k, domain in enumerate(raw_domains):
        where = f"domains[{k}]."
        if not isinstance(domain, dict):
            errors.append(_field_error(f"domains[{k}]", _("must be an object with code and "
                                                          "name.")))
            continue
        domain_code = _text(domain, "code", where, errors, max_length=40, pattern=CODE)
        domain_name = _text(domain, "name", where, errors, max_length=120)
        if domain_code and any(c == domain_code for c, _n in domains):
            errors.append(_field_error(f"{where}code", _("code '%(code)s' is used twice.")
                                       % {"code": domain_code}))
        elif domain_code and domain_name:
            domains.append((domain_code, domain_name))
    if errors:
        raise InstrumentError(errors)
    return InstrumentData(code, version, name, source, low, high, tuple(sorted(levels)),
                          tuple(domains))


def parse_json(text: str | bytes) -> Any:
    try:
        return json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        where = _(" (line %(line)d)") % {"line": line} if line else ""
        raise InstrumentError([_("The file is not valid JSON%(where)s.") % {"where": where}]) \
            from exc


def _lock(key: str) -> None:
    """Serialise loaders of one instrument on PostgreSQL (SQLite serialises writers anyway):
    the unique constraint does not cover shipped instruments, whose organisation is NULL."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [zlib.crc32(key.encode())])


def _existing(code: str, version: str, organisation: Organisation | None):
    return Instrument.objects.filter(code=code, version=version,
                                     organisation=organisation).first()


@transaction.atomic
def _create(spec: InstrumentData, organisation: Organisation | None, *,
            if_missing: bool) -> tuple[Instrument, bool]:
    _lock(f"casus-instrument:{spec.code}:{spec.version}:{organisation.pk if organisation else ''}")
    found = _existing(spec.code, spec.version, organisation)
    if found is not None:
        if if_missing:
            return found, False
        raise InstrumentError([_field_error("version", _(
            "version %(version)s of instrument '%(code)s' has already been loaded; a loaded "
            "version is never changed, so give the changed instrument a new version.")
            % {"version": spec.version, "code": spec.code})])
    instrument = Instrument.objects.create(
        code=spec.code, version=spec.version, name=spec.name, source=spec.source,
        organisation=organisation, scale_min=spec.scale_min, scale_max=spec.scale_max)
    InstrumentDomain.objects.bulk_create(
        InstrumentDomain(instrument=instrument, code=code, name=name, order=k)
        for k, (code, name) in enumerate(spec.domains, start=1))
    InstrumentLevel.objects.bulk_create(
        InstrumentLevel(instrument=instrument, value=value, name=name)
        for value, name in spec.levels)
    return instrument, True


def load_instrument(data: Any, organisation: Organisation | None = None) -> Instrument:
    """Create the instrument ``data`` describes (parsed JSON, or JSON text), for everyone
    (``organisation`` None) or for one gemeente's own teams. All or nothing."""
    if isinstance(data, str | bytes):
        data = parse_json(data)
    instrument, _created = _create(validate_instrument(data), organisation, if_missing=False)
    return instrument


def ensure_shipped() -> list[Instrument]:
    """The instruments the product ships, created if missing (safe to call on every request
    that needs them: when present, this is one query per instrument)."""
    out = []
    for filename in SHIPPED_FILES:
        spec = validate_instrument(parse_json((SHIPPED_DIR / filename).read_bytes()))
        found = _existing(spec.code, spec.version, None)
        if found is None:
            found, _created = _create(spec, None, if_missing=True)
        out.append(found)
    return out


def available_instruments(organisation_ids):
    """The active instruments a team of these organisations may use: the shipped ones and
    their own."""
    from django.db.models import Q

    return Instrument.objects.filter(Q(organisation__isnull=True)
                                     | Q(organisation_id__in=list(organisation_ids)),
                                     is_active=True)


# --- a gemeente's licensed criteria text --------------------------------------------------------

def _row_error(row: int, column: str, problem: str) -> str:
    return _("Row %(row)d, column '%(column)s': %(problem)s") % {
        "row": row, "column": column, "problem": problem}


def _reader(text: str) -> csv.reader:
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count)
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _read_text(file: str | Path | IO) -> str:
    raw = Path(file).read_bytes() if isinstance(file, str | Path) else file.read()
    if isinstance(raw, bytes):
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InstrumentError([_("The file is not UTF-8 text (save it as 'CSV UTF-8').")]) \
                from exc
    return raw.lstrip("\ufeff")


@transaction.atomic
def load_level_descriptions(instrument: Instrument, organisation: Organisation,
                            file: str | Path | IO) -> int:
    """Replace ``organisation``'s criteria text of ``instrument`` with the CSV ``file``
    (columns domein, niveau, tekst; a header row first). All or nothing: every problem is
    reported as "Rij 7, kolom 'niveau': ..." and nothing is written unless all rows are right.
    Returns the number of descriptions loaded."""
    rows = list(_reader(_read_text(file)))
    if not rows:
        raise InstrumentError([_("The file is empty.")])
    header = [h.strip().lower() for h in rows[0]]
    if header[:3] != list(DESCRIPTION_COLUMNS):
        raise InstrumentError([_("Row 1 must name the columns: %(columns)s.")
                               % {"columns": ", ".join(DESCRIPTION_COLUMNS)}])
    domains = {d.code: d for d in instrument.domains.all()}
    named = set(instrument.levels.values_list("value", flat=True))
    errors: list[str] = []
    seen: dict[tuple[str, int], int] = {}
    found: list[LevelDescription] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 3:
            errors.append(_("Row %(row)d: expected 3 columns, found %(n)d.")
                          % {"row": number, "n": len(row)})
            continue
        code, level, text = (cell.strip() for cell in row)
        domain = domains.get(code)
        if domain is None:
            errors.append(_row_error(number, "domein", _("'%(code)s' is not a domain of %(name)s.")
                                     % {"code": code[:40], "name": instrument}))
        value = None
        try:
            value = int(level)
        except ValueError:
            errors.append(_row_error(number, "niveau", _("'%(level)s' is not a whole number.")
                                     % {"level": level[:20]}))
        else:
            if not instrument.scale_min <= value <= instrument.scale_max or (
                    named and value not in named):
                errors.append(_row_error(number, "niveau", _(
                    "%(value)d is not a level of %(name)s (%(min)d to %(max)d).")
                    % {"value": value, "name": instrument, "min": instrument.scale_min,
                       "max": instrument.scale_max}))
                value = None
        if not text:
            errors.append(_row_error(number, "tekst", _("is empty.")))
        elif len(text) > MAX_DESCRIPTION:
            errors.append(_row_error(number, "tekst", _("is longer than %(n)d characters.")
                                     % {"n": MAX_DESCRIPTION}))
        elif find_control_character(text, multiline=True):
            errors.append(_row_error(number, "tekst", _("contains a control character.")))
        if domain is None or value is None:
            continue
        if (code, value) in seen:
            errors.append(_row_error(number, "niveau", _(
                "domain '%(code)s' level %(value)d was already given in row %(row)d.")
                % {"code": code, "value": value, "row": seen[code, value]}))
            continue
        seen[code, value] = number
        found.append(LevelDescription(domain=domain, value=value, text=text,
                                      organisation=organisation))
    if errors:
        raise InstrumentError(errors)
    if not found:
        raise InstrumentError([_("The file has no rows below the header.")])
    LevelDescription.objects.filter(domain__instrument=instrument,
                                    organisation=organisation).delete()
    LevelDescription.objects.bulk_create(found)
    return len(found)


def level_descriptions(instrument: Instrument, organisation_ids) -> dict[tuple[int, int], str]:
    """``{(domain id, level): text}`` of the criteria these organisations loaded; when several
    did, the first in ``organisation_ids`` wins."""
    order = list(organisation_ids)
    out: dict[tuple[int, int], str] = {}
    rows = LevelDescription.objects.filter(domain__instrument=instrument,
                                           organisation_id__in=order)
    for row in sorted(rows, key=lambda r: order.index(r.organisation_id), reverse=True):
        out[row.domain_id, row.value] = row.text
    return out
