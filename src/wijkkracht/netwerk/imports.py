"""CSV imports of participants and of (paper) answers: the whole file or nothing.

A file is read and checked completely before anything is written; every problem is reported
with its row and column (row 1 is the header, as a spreadsheet numbers it), and the write
itself is one transaction. Files are UTF-8 (Excel: "CSV UTF-8"), separated by commas or
semicolons.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from wijkkracht.accounts.models import User
from wijkkracht.audit.models import Action
from wijkkracht.inputs.forms import control_character_message
from wijkkracht.inputs.numbers import parse_int
from wijkkracht.inputs.text import find_control_character

from .core.model import MAX_LEVEL
from .models import Moment, NetwerkScan, Participant, Sector, Submission
from .services import (
    AnswerInput,
    NetwerkInputError,
    answers_save,
    log_access,
    participant_build,
    participants_add,
)

PARTICIPANT_COLUMNS = ("naam", "organisatie", "sector", "rol", "toestemming", "email")
# How people head the e-mail column in a spreadsheet; any of these is read as "email".
EMAIL_COLUMNS = ("email", "e-mail", "e-mailadres", "emailadres", "mail")
PARTICIPANT_REQUIRED = ("naam", "organisatie", "sector")
ANSWER_COLUMNS = ("respondent", "genoemd", "niveau", "vertrouwen", "waarde")
ANSWER_REQUIRED = ("respondent", "genoemd", "niveau")
MAX_SHOWN = 40  # characters of a bad value repeated in a message
MAX_PROBLEMS = 20  # enough to fix a file in one go; a file with more is likely the wrong file

YES = {"ja", "j", "yes", "y", "1", "true", "waar", "x"}
NO = {"nee", "n", "no", "0", "false", "onwaar", ""}

# How people write sectors in a spreadsheet: the code, the Dutch names and common variants.
SECTOR_NAMES: dict[str, str] = {
    **{s.value: s.value for s in Sector},
    "huisartsenzorg": Sector.GP, "huisarts": Sector.GP, "huisartsen": Sector.GP,
    "wijkverpleging": Sector.DISTRICT_NURSING, "wijkverpleegkundige": Sector.DISTRICT_NURSING,
    "sociaal wijkteam": Sector.SOCIAL_TEAM, "wijkteam": Sector.SOCIAL_TEAM,
    "welzijn": Sector.WELFARE, "gemeente": Sector.MUNICIPALITY, "ggz": Sector.MENTAL_HEALTH,
    "jeugd": Sector.YOUTH, "jeugdzorg": Sector.YOUTH, "wonen": Sector.HOUSING,
    "corporatie": Sector.HOUSING, "woningcorporatie": Sector.HOUSING,
    "wonen/corporatie": Sector.HOUSING, "vrijwilligers": Sector.VOLUNTEERS,
    "bewonersinitiatief": Sector.VOLUNTEERS,
    "vrijwilligers/bewonersinitiatief": Sector.VOLUNTEERS, "school": Sector.SCHOOL,
    "kinderopvang": Sector.SCHOOL, "school/kinderopvang": Sector.SCHOOL,
    "politie": Sector.POLICE, "overig": Sector.OTHER, "anders": Sector.OTHER,
}


@dataclass(frozen=True)
class ImportProblem:
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if self.column is None:
            return _("Row %(row)d: %(message)s") % {"row": self.row, "message": self.message}
        return _("Row %(row)d, column '%(column)s': %(message)s") % {
            "row": self.row, "column": self.column, "message": self.message}


class CsvImportError(NetwerkInputError):
    """The file was refused; ``problems`` lists each problem with its row and column."""

    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


@dataclass(frozen=True)
class ImportResult:
    rows: int
    created: int


def _shown(raw: str) -> str:
    """A bad value as a message repeats it: bounded, and '' when it was empty."""
    if not raw:
        return "''"
    return raw if len(raw) <= MAX_SHOWN else raw[:MAX_SHOWN] + "…"


def _key(text: str) -> str:
    """Compare names as people mean them: case, accents and extra spaces do not matter."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(plain.casefold().split())


class _Problems(list):
    def add(self, row: int, column: str | None, message: str) -> None:
        self.append(ImportProblem(row, column, message))
        if len(self) >= MAX_PROBLEMS:
            raise CsvImportError(list(self))

    def raise_if_any(self) -> None:
        if self:
            raise CsvImportError(list(self))


def read_rows(content: bytes, required: tuple[str, ...],
              known: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(row number, values by lower-case column) for each non-empty row, or CsvImportError."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvImportError([ImportProblem(None, None, _(
            "The file is not in UTF-8. Save it as \"CSV UTF-8\" (in Excel: Save as, "
            "CSV UTF-8) and try again."))]) from None
    if not text.strip():
        raise CsvImportError([ImportProblem(None, None, _("The file is empty."))])
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().casefold() for h in next(reader)]
        rows = list(reader)
    except csv.Error as exc:
        raise CsvImportError([ImportProblem(None, None, _(
            "The file is not a readable CSV file (%(error)s).") % {"error": exc})]) from None
    problems = _Problems()
    for column, name in enumerate(header, start=1):
        _check_text(problems, 1, str(column), name)
    problems.raise_if_any()
    missing = [c for c in required if c not in header]
    if missing:
        raise CsvImportError([ImportProblem(None, None, _(
            "Column(s) missing: %(missing)s. The first row must name the columns: "
            "%(columns)s.") % {"missing": ", ".join(missing), "columns": ", ".join(known)})])
    out = []
    for number, values in enumerate(rows, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(header):
            raise CsvImportError([ImportProblem(number, None, _(
                "this row has more values than there are columns."))])
        row = {h: (values[i].strip() if i < len(values) else "")
               for i, h in enumerate(header) if h}
        for column, value in row.items():
            _check_text(problems, number, column, value)
        out.append((number, row))
    problems.raise_if_any()
    if not out:
        raise CsvImportError([ImportProblem(None, None, _("The file has no rows below the "
                                                          "header."))])
    return out


def _check_text(problems: _Problems, row: int, column: str, value: str) -> None:
    """A cell with a control character (a NUL byte, an escape ...) is refused by name."""
    found = find_control_character(value)
    if found is not None:
        problems.add(row, column, control_character_message(found))


def participants_import(scan: NetwerkScan, content: bytes, *, user: User | None = None,
                        request: HttpRequest | None = None) -> ImportResult:
    """Add the participants in a CSV (naam, organisatie, sector, rol, toestemming, email)."""
    rows = read_rows(content, PARTICIPANT_REQUIRED, PARTICIPANT_COLUMNS)
    email_column = next((c for c in EMAIL_COLUMNS if c in rows[0][1]), None)
    email_field = Participant._meta.get_field("email")
    problems = _Problems()
    existing = {(_key(p.display_name), _key(p.organisation_name))
                for p in scan.participants.filter(withdrawn_at__isnull=True)}
    seen: dict[tuple[str, str], int] = {}
    built: list[Participant] = []
    for number, row in rows:
        name, organisation = row["naam"], row["organisatie"]
        if not name:
            problems.add(number, "naam", _("a name is required."))
            continue
        sector = SECTOR_NAMES.get(_key(row["sector"]))
        if sector is None:
            problems.add(number, "sector", _(
                "'%(value)s' is not a sector. Use one of: %(sectors)s.") % {
                "value": row["sector"], "sectors": ", ".join(str(s.label) for s in Sector)})
            continue
        consent = _key(row.get("toestemming", ""))
        if consent not in YES | NO:
            problems.add(number, "toestemming", _("'%(value)s' is not ja or nee.")
                         % {"value": row["toestemming"]})
            continue
        email = row[email_column] if email_column else ""
        if email:
            try:
                email_field.clean(email, None)
            except ValidationError:
                problems.add(number, email_column, _("'%(value)s' is not a valid e-mail "
                                                     "address.") % {"value": email})
                continue
        key = (_key(name), _key(organisation))
        if key in existing:
            problems.add(number, "naam", _("%(name)s (%(organisation)s) already takes part in "
                                           "this scan.") % {"name": name,
                                                            "organisation": organisation})
            continue
        if key in seen:
            problems.add(number, "naam", _("%(name)s (%(organisation)s) is also in row "
                                           "%(other)d.") % {"name": name,
                                                            "organisation": organisation,
                                                            "other": seen[key]})
            continue
        seen[key] = number
        try:
            built.append(participant_build(scan, display_name=name,
                                           organisation_name=organisation, sector=sector,
                                           role=row.get("rol", ""),
                                           consent_named=consent in YES, email=email))
        except ValidationError as exc:  # a text too long, and the like
            problems.add(number, None, _("this row cannot be stored (%(error)s).")
                         % {"error": "; ".join(exc.messages)})
    problems.raise_if_any()
    saved = participants_add(scan, built, user=user, request=request)
    return ImportResult(rows=len(rows), created=len(saved))


def _person_finder(scan: NetwerkScan) -> Callable[[str], tuple[Participant | None, str]]:
    """Find a participant by name, else by number (id); (None, why) when that fails.

    A name wins over a number, because names are what people type; the number is the way
    out when two participants share a name.
    """
    active = list(scan.participants.filter(withdrawn_at__isnull=True))
    by_id = {str(p.pk): p for p in active}
    by_name: dict[str, list[Participant]] = {}
    for p in active:
        by_name.setdefault(_key(p.display_name), []).append(p)

    def find(text: str) -> tuple[Participant | None, str]:
        if not text:
            return None, _("a participant's name or number is required.")
        matches = by_name.get(_key(text), [])
        if len(matches) == 1:
            return matches[0], ""
        if not matches and text in by_id:
            return by_id[text], ""
        if matches:
            return None, _("%(value)s is the name of more than one participant; use the "
                           "number instead.") % {"value": text}
        return None, _("%(value)s is not a participant of this scan.") % {"value": text}

    return find


def _score(row: dict[str, str], column: str, problems: _Problems,
           number: int) -> tuple[bool, int | None]:
    raw = row.get(column, "")
    if raw == "":
        return True, None
    score = parse_int(raw, minimum=1, maximum=4)
    if score is not None:
        return True, score
    problems.add(number, column, _("%(value)s is not a valid score (1–4, or empty).")
                 % {"value": _shown(raw)})
    return False, None


def answers_import(moment: Moment, content: bytes, *, user: User | None = None,
                   request: HttpRequest | None = None) -> ImportResult:
    """Add paper answers for a moment (respondent, genoemd, niveau, vertrouwen, waarde).

    Each respondent in the file counts as having responded: someone who knows nobody lists
    the people they were asked about with level 0. A respondent who already responded to this
    moment (online or in an earlier file) is refused, so nobody is counted twice.
    """
    closed = CsvImportError([ImportProblem(None, None, _(
        "This moment is closed; its answers no longer change."))])
    if Moment.objects.get(pk=moment.pk).is_closed:
        raise closed
    rows = read_rows(content, ANSWER_REQUIRED, ANSWER_COLUMNS)
    problems = _Problems()
    find = _person_finder(moment.scan)
    answered = set(moment.submissions.values_list("respondent_id", flat=True))
    per_respondent: dict[int, list[AnswerInput]] = {}
    respondents: dict[int, Participant] = {}
    first_row: dict[tuple[int, int], int] = {}
    for number, row in rows:
        respondent, why = find(row["respondent"])
        if respondent is None:
            problems.add(number, "respondent", why)
            continue
        named, why = find(row["genoemd"])
        if named is None:
            problems.add(number, "genoemd", why)
            continue
        if named.pk == respondent.pk:
            problems.add(number, "genoemd", _("a respondent cannot answer about themself."))
            continue
        if respondent.pk in answered:
            problems.add(number, "respondent", _(
                "%(name)s already responded to this moment; their answers are not counted "
                "twice.") % {"name": row["respondent"]})
            continue
        raw = row["niveau"]
        level = parse_int(raw, minimum=0, maximum=MAX_LEVEL)
        if level is None:
            problems.add(number, "niveau", _("%(value)s is not a valid level (0–4).")
                         % {"value": _shown(raw)})
            continue
        ok_trust, trust = _score(row, "vertrouwen", problems, number)
        ok_value, value = _score(row, "waarde", problems, number)
        if not (ok_trust and ok_value):
            continue
        pair = (respondent.pk, named.pk)
        if pair in first_row:
            problems.add(number, "genoemd", _(
                "%(respondent)s already answered about %(named)s in row %(other)d.") % {
                "respondent": row["respondent"], "named": row["genoemd"],
                "other": first_row[pair]})
            continue
        first_row[pair] = number
        respondents[respondent.pk] = respondent
        per_respondent.setdefault(respondent.pk, []).append(
            AnswerInput(named.pk, level, trust, value))
    problems.raise_if_any()
    try:
        with transaction.atomic():
            if Moment.objects.select_for_update().get(pk=moment.pk).is_closed:
                raise closed  # closed while the file was being checked
            for pk, answers in per_respondent.items():
                answers_save(moment, respondents[pk], answers,
                             source=Submission.Source.IMPORT)
            log_access(Action.CREATE, "answers_import", "netwerk_moment", moment.pk, user=user,
                       request=request, role="coordinator", detail=f"n{len(per_respondent)}")
    except IntegrityError:  # someone answered online while the file was being checked
        raise CsvImportError([ImportProblem(None, None, _(
            "Someone in the file responded online meanwhile. Nothing was imported; upload "
            "the file again to see who."))]) from None
    return ImportResult(rows=len(rows), created=sum(len(a) for a in per_respondent.values()))
