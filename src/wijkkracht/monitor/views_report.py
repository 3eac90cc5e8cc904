"""The quarterly monitor report as PDF: every indicator's chart over the months, its reading
and its last four quarters, for the organisation, a team or a wijk; the same figures as the
pages (aggregates only), its download logged."""

from __future__ import annotations

import re
from dataclasses import replace

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from wijkkracht.audit import services as audit
from wijkkracht.audit.models import Action
from wijkkracht.jobs import views as jobs
from wijkkracht.jobs.registry import Output
from wijkkracht.reports.pdf import html_to_pdf

from .core import compute as mc
from .report.labels import REASON_TEXT
from .selectors import step_marks, steps, targets
from .views import Choice, _panel, choose, chosen_organisation

QUARTERS_SHOWN = 4


def _last_quarters(choice: Choice, code: str) -> list[dict]:
    quarter = replace(choice, granularity=mc.QUARTER, periode="kwartaal")
    series = quarter.series(code, quiet=True)
    points = series.points if series else ()
    done = [p for p in points if p.reason != mc.INCOMPLETE][-QUARTERS_SHOWN:]
    return [{"period": p.period.replace("-K", " K"), "numerator": p.numerator,
             "denominator": p.denominator, "value": p.value,
             "reason": REASON_TEXT.get(p.reason, "")} for p in done]


def report_context(choice: Choice) -> dict:
    """The report of ``choice`` (its level and key), charts per month."""
    month = replace(choice, granularity=mc.MONTH, periode="maand")
    goals = targets(choice.team)
    sections = []
    for i, d in enumerate(choice.definitions):
        marks = step_marks(choice.team, d.code)
        panel = _panel(month, d, i, target=goals.get(d.code), marks=marks)
        sections.append({"panel": panel, "quarters": _last_quarters(choice, d.code)})
    quarters = [p for p in choice.monitor.result.periods(mc.QUARTER)]
    label = dict(choice.options).get(choice.wat, "")
    return {"organisation": choice.monitor.organisation, "label": label,
            "quarter": _report_quarter(choice, quarters), "sections": sections,
            "steps": steps(choice.team), "made_at": timezone.localtime()}


def _report_quarter(choice: Choice, quarters: list[str]) -> str:
    """The last quarter that is over (the report is about it)."""
    series = choice.monitor.result.get("new", mc.TOTAL, "", mc.QUARTER)
    done = [p.period for p in series.points if p.reason != mc.INCOMPLETE] if series else []
    return (done[-1] if done else quarters[-1]).replace("-K", " K")


REPORT_JOB = "monitor.kwartaalrapport"
REPORT_PARAMS = ("organisatie", "wat")


# What the report may be about; the job checks it against the organisation's teams and wijken
# (anything else is the whole organisation, as on the pages)
WAT = re.compile(r"totaal|team-\d{1,12}|wijk-[A-Z0-9]{1,16}")


@login_required
@require_GET
def report_pdf(request: HttpRequest) -> HttpResponse:
    """Asks for the report: it is made in the background (5-10 s for a large organisation)
    and offered on the job's page. Who may see which organisation is checked here, without
    computing its monitor, and again in the job, which computes it once."""
    _organisations, organisation = chosen_organisation(request.user, request.GET)
    wat = request.GET.get("wat", "")
    wat = wat if WAT.fullmatch(wat) else "totaal"
    params = {"organisatie": organisation.pk, "wat": wat}
    level = {"totaal": mc.TOTAL, "team": mc.TEAM, "wijk": mc.WIJK}[wat.partition("-")[0]]
    audit.record(activity="monitor", operation="indicators_report", action=Action.READ,
                 subject_type="organisation", subject_id=organisation.pk,
                 user=request.user, request=request, detail=level)
    return jobs.start(request, REPORT_JOB, params,
                      back=f"{reverse('monitor:dashboard')}?{urlencode(params)}")


def report_job(params: dict, owner, progress) -> Output:
    progress(10, gettext("Gathering the figures"))
    choice = choose(owner, {k: params.get(k) for k in REPORT_PARAMS})
    context = report_context(choice)
    progress(60, gettext("Making the PDF"))
    pdf = html_to_pdf(render_to_string("monitor/report.html", context))
    return Output(pdf, f"monitor-{choice.level}-kwartaalrapport.pdf", "application/pdf")
