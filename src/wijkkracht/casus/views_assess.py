"""Assessments of a case: record one (instrument, moment, date, a level per domain), read one,
and the change per domain shown on the case page (``_assessments.html``).

Every view reads through the scoped managers inside ``scope(viewer=request.user)``; a case the
user may not see is a logged 404, one the user may only read is a logged 403 for writing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from wijkkracht.audit.models import Action

from . import access
from .core.assessment import BETTER, SAME, WORSE, Measurement, Scale, changes, summary
from .forms_assess import AssessmentForm, InstrumentChoiceForm
from .instruments import available_instruments, ensure_shipped, level_descriptions
from .models import Assessment, Case, Instrument, Score
from .report.assessment_svg import assessment_chart, moment_icon
from .services import CaseInputError, log_access
from .services_assess import assessment_record
from .views import apply_errors, case_or_refuse, scoped

DIRECTION_LABELS = {BETTER: gettext_lazy("better"), WORSE: gettext_lazy("worse"),
                    SAME: gettext_lazy("the same")}




def case_url(case: Case) -> str | None:
    try:
        return reverse("casus:case_detail", args=[case.pk])
    except NoReverseMatch:
        return None


def viewer_organisations(user, case: Case) -> list[int]:
    """The organisations whose licensed criteria this user may read: the case team's first
    when the user works in one of its teams, then the user's other organisations."""
    mine = list(dict.fromkeys(user.memberships.values_list("team__organisation_id", flat=True)))
    if case.team.organisation_id in mine:
        mine.remove(case.team.organisation_id)
        mine.insert(0, case.team.organisation_id)
    return mine


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
@scoped
def assessment_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_or_refuse(request, pk, access.WRITE)
    ensure_shipped()
    instruments = list(available_instruments([case.team.organisation_id]))
    chooser = InstrumentChoiceForm(request.GET or None, instruments=instruments,
                                   auto_id="kies_%s")
    wanted = request.POST.get("instrument") if request.method == "POST" else (
        chooser.cleaned_data["instrument"] if chooser.is_valid() else None)
    by_pk = {str(i.pk): i for i in instruments}
    instrument = by_pk.get(str(wanted)) or next(
        (i for i in instruments if i.code == "zrm" and i.organisation_id is None), instruments[0])
    chooser = InstrumentChoiceForm(initial={"instrument": instrument.pk},
                                   instruments=instruments, auto_id="kies_%s")
    descriptions = level_descriptions(instrument, viewer_organisations(request.user, case))
    form = AssessmentForm(request.POST if request.method == "POST" else None, case=case,
                          instrument=instrument, descriptions=descriptions)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = assessment_record(
                case, instrument=instrument, moment=form.cleaned_data["moment"],
                assessed_on=form.cleaned_data["assessed_on"], scores=form.scores(),
                user=request.user, request=request)
        except CaseInputError as exc:
            apply_errors(exc, form)
        else:
            messages.success(request, _("The assessment has been saved."))
            return redirect("casus:assessment_detail", pk=case.pk, assessment=assessment.pk)
    if not (request.method == "POST" and not form.errors):
        log_access(Action.READ, "assessment_form", case, request=request)
    return render(request, "casus/assessment_form.html",
                  {"case": case, "case_url": case_url(case), "form": form, "chooser": chooser,
                   "instrument": instrument, "rows": form.rows()},
                  status=400 if form.errors else 200)


@dataclass(frozen=True)
class ScoreRow:
    name: str
    value: int
    level: str
    description: str


@never_cache
@login_required
@require_GET
@scoped
def assessment_detail(request: HttpRequest, pk: int, assessment: int) -> HttpResponse:
    case = case_or_refuse(request, pk, access.READ)
    found = Assessment.objects.filter(case=case, pk=assessment).select_related(
        "instrument", "by").first()
    if found is None:
        raise Http404
    instrument = found.instrument
    names = dict(instrument.levels.values_list("value", "name"))
    descriptions = level_descriptions(instrument, viewer_organisations(request.user, case))
    scores = Score.objects.filter(assessment=found).select_related("domain").order_by(
        "domain__order")
    rows = [ScoreRow(s.domain.name, s.value, names.get(s.value, ""),
                     descriptions.get((s.domain_id, s.value), "")) for s in scores]
    log_access(Action.READ, "assessment_read", case, request=request)
    return render(request, "casus/assessment_detail.html",
                  {"case": case, "case_url": case_url(case), "assessment": found,
                   "instrument": instrument, "rows": rows,
                   "may_write": access.allows(request.user, case, access.WRITE)})


# --- the overview on the case page --------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    assessment: Assessment
    icon: str


@dataclass(frozen=True)
class OverviewRow:
    name: str
    cells: list[str]
    delta: int | None
    direction: str
    direction_label: str


@dataclass(frozen=True)
class InstrumentOverview:
    instrument: Instrument
    columns: list[Column]
    rows: list[OverviewRow]
    counts: dict[str, int]
    chart: str


def overview(case: Case) -> list[InstrumentOverview]:
    """Per instrument used in the case: the moments, the score per domain at each, the change
    from the first to the latest and the chart. Reads through the scope (call inside one)."""
    assessments = list(Assessment.objects.filter(case=case).select_related("instrument")
                       .order_by("assessed_on", "pk"))
    if not assessments:
        return []
    values: dict[int, dict[str, int]] = {}
    for assessment_id, code, value in Score.objects.filter(
            assessment__in=[a.pk for a in assessments]).values_list(
            "assessment_id", "domain__code", "value"):
        values.setdefault(assessment_id, {})[code] = value
    out = []
    for instrument in dict.fromkeys(a.instrument for a in assessments):
        mine = [a for a in assessments if a.instrument_id == instrument.pk]
        domains = list(instrument.domains.values_list("code", "name"))
        names = dict(instrument.levels.values_list("value", "name"))
        scale = Scale(instrument.scale_min, instrument.scale_max)
        measurements = [Measurement(a.pk, a.get_moment_display(), a.assessed_on,
                                    values.get(a.pk, {})) for a in mine]
        result = changes([c for c, _n in domains], measurements, scale)
        rows = []
        for (code, name), change in zip(domains, result, strict=True):
            cells = []
            for m in measurements:
                v = m.scores.get(code)
                cells.append("–" if v is None else (f"{v} {names[v]}" if v in names else str(v)))
            label = DIRECTION_LABELS.get(change.direction)
            rows.append(OverviewRow(name, cells, change.delta, change.direction,
                                    str(label) if label else _("cannot be compared yet")))
        chart = assessment_chart(chart_id=f"beoordeling-{case.pk}-{instrument.pk}",
                                 title=_("%(instrument)s: scores per domain per moment")
                                 % {"instrument": instrument},
                                 domains=domains, measurements=measurements, scale=scale,
                                 level_names=names)
        out.append(InstrumentOverview(instrument, [Column(a, moment_icon(k))
                                                   for k, a in enumerate(mine)],
                                      rows, summary(result), chart))
    return out
