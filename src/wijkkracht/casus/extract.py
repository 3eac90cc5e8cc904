"""A pseudonymised extract of casework for research: per case codes, months, scores, and the
free text only after de-identification.

- No names, contact details, BSN, addresses or ids: each case gets a pseudonym made with a key
  that exists only during one extract (HMAC-SHA256), so two extracts cannot be linked to each
  other or back to the database.
- Dates are kept to the month ("2025-03"); days to first contact are kept as a number.
- Scores: per assessment domain the first and the latest score.
- Free text (the question, the question behind it, the reason for closing) goes through deduce
  (Dutch de-identification, Menger et al. 2018; PyPI ``deduce``), which replaces names,
  locations, institutions, dates, ages, phone numbers, e-mail addresses, URLs and BSNs by tags
  such as ``[PERSOON-1]``. deduce works offline (its lookup lists ship with the package). Its
  first start on a new install builds a lookup cache (about two minutes, written inside the
  package); later starts take about ten seconds, so it is started once, lazily.
- Fallback: when deduce cannot be loaded, the free-text columns stay empty and the column
  ``vrije_tekst`` says ``weggelaten``; the extract never carries unfiltered text.

De-identification lowers the risk; it does not make the extract anonymous (a rare story stays
rare). The extract is personal data under the AVG, for a research agreement.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db.models import Count

from wijkkracht.audit import services as audit
from wijkkracht.audit.models import Action
from wijkkracht.exports.spreadsheet import csv_text

from .models import Case, Score
from .scoping import scopes_disabled

logger = logging.getLogger(__name__)
FREE_TEXT = ("question", "question_behind", "closure_reason")
FIXED_COLUMNS = ["pseudoniem", "wijk", "buurt", "gemeld_door", "urgentie", "status",
                 "uitkomst", "maand_melding", "maand_eerste_contact", "maand_afgesloten",
                 "dagen_tot_eerste_contact", "personen_in_huishouden", "vrije_tekst",
                 "vraag", "vraag_achter_de_vraag", "reden_afsluiting"]


@cache
def _deducer():
    """The one deduce instance, or None when deduce cannot be loaded (see the fallback)."""
    try:
        from deduce import Deduce

        return Deduce()
    except Exception:  # any failure to load means: no free text, never unfiltered text
        logger.exception("deduce could not be loaded; free text is left out of the extract")
        return None


def deidentify(text: str) -> str | None:
    """``text`` with names and identifiers replaced by tags, or None when deduce is missing."""
    if not text.strip():
        return ""
    deducer = _deducer()
    if deducer is None:
        return None
    return deducer.deidentify(text).deidentified_text


def _month(day) -> str:
    return f"{day.year:04d}-{day.month:02d}" if day else ""


@dataclass(frozen=True)
class Extract:
    header: list[str]
    rows: list[list[Any]]
    free_text: bool

    def csv(self) -> str:
        return csv_text(self.header, self.rows)


def build_extract(organisation=None) -> Extract:
    """Every case (of ``organisation``'s teams, or all), pseudonymised (see the module)."""
    key = secrets.token_bytes(32)
    with scopes_disabled():
        cases = Case.objects.all()
        if organisation is not None:
            cases = cases.filter(team__organisation=organisation)
        cases = (cases.select_related("household")
                 .annotate(persons=Count("household__members")).order_by("?"))
        first_last: dict[int, dict[str, list[int]]] = defaultdict(dict)
        for case_id, instrument, domain, value in Score.objects.filter(
                assessment__case__in=cases).order_by(
                "assessment__assessed_on", "assessment__pk").values_list(
                "assessment__case_id", "assessment__instrument__code", "domain__code",
                "value"):
            pair = first_last[case_id].setdefault(f"{instrument}/{domain}", [value, value])
            pair[1] = value
        domains = sorted({d for scores in first_last.values() for d in scores})
        rows = []
        free = True
        for case in cases:
            texts = [deidentify(getattr(case, f)) for f in FREE_TEXT]
            if any(t is None for t in texts):
                free, texts = False, ["", "", ""]
            days = ((case.first_contact_on - case.signalled_on).days
                    if case.first_contact_on else "")
            pseudonym = hmac.new(key, str(case.pk).encode(), hashlib.sha256).hexdigest()[:12]
            row = [pseudonym, case.household.wijk_code, case.household.buurt_code,
                   case.signal_source, case.urgency, case.status, case.outcome,
                   _month(case.signalled_on), _month(case.first_contact_on),
                   _month(case.closed_on), days, case.persons,
                   "gefilterd" if free else "weggelaten", *texts]
            scores = first_last.get(case.pk, {})
            for domain in domains:
                row += scores.get(domain, ["", ""])
            rows.append(row)
    header = [*FIXED_COLUMNS, *(f"{d}_{end}" for d in domains for end in ("eerste",
                                                                          "laatste"))]
    if not free:
        for row in rows:
            row[FIXED_COLUMNS.index("vrije_tekst")] = "weggelaten"
    return Extract(header, rows, free)


def log_extract(extract: Extract, organisation=None) -> None:
    audit.record(activity="casework", operation="case_extract", action=Action.READ,
                 subject_type="organisation",
                 subject_id=organisation.pk if organisation is not None else "all",
                 detail=f"cases:{len(extract.rows)}.free_text:"
                        f"{'yes' if extract.free_text else 'no'}")
