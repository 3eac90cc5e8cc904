"""The monitor's pages: a chart per indicator for the organisation, a team or a wijk, one
indicator in full with its improvement steps and target, and the aggregates as CSV or XLSX.
Thin: the figures come from ``selectors`` and the pure core; nothing here is personal (counts
of 1 to 4 never leave ``core.compute``), so reading is not access-logged; a download is."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wijkkracht.accounts.models import Team
from wijkkracht.areas.selectors import area_names
from wijkkracht.audit import services as audit
from wijkkracht.audit.models import Action
from wijkkracht.exports.spreadsheet import Number, csv_text
from wijkkracht.exports.workbook import Sheet, xlsx_bytes
from wijkkracht.inputs.numbers import parse_int
from wijkkracht.stats.spc import ChartInputError, SpcChart, compute_chart

from .context import wijk_context
from .core import compute as mc
from .core.charting import series_chart
from .core.indicators import IndicatorDef
from .core.manual import ManualDataError
from .core.rare import intervals
from .forms import StepForm, TargetForm
from .report.chart_svg import chart_svg
from .report.labels import DECIMALS, GRANULARITY, REASON_TEXT, UNKNOWN_WIJK, WORDS
from .report.reading import PeriodWords, method_sentence, read_chart, value_text
from .selectors import (
    Monitor,
    can_manage_monitor,
    monitor_organisations,
    organisation_monitor,
    sees_team_cases,
    step_marks,
    steps,
    targets,
)
from .selectors_own import OwnMonitor, own_monitor


@dataclass(frozen=True)
class Choice:
    """What the user asked to see: whose monitor, which rows, per month or quarter."""

    organisations: list
    monitor: Monitor
    level: str
    key: str
    wat: str  # the query value: "totaal", "team-12", "wijk-WK036301"
    periode: str
    granularity: str
    team: Team | None
    options: list[tuple[str, str]]  # (wat, label) for the chooser
    own: OwnMonitor = field(default_factory=OwnMonitor)  # the chosen team's own indicators

    @property
    def definitions(self) -> tuple[IndicatorDef, ...]:
        """The built-in indicators, then the chosen team's own ones."""
        return (*self.monitor.definitions, *self.own.definitions)

    def series(self, code: str, level: str | None = None, key: str | None = None, *,
               quiet: bool = False) -> mc.Series | None:
        """A built-in or own indicator's series for the chosen rows (or ``level``/``key``);
        ``ManualDataError`` for own figures that cannot give this granularity, None instead
        when ``quiet``."""
        level, key = level or self.level, self.key if key is None else key
        if code not in self.own.results:
            return self.monitor.result.get(code, level, key, self.granularity)
        try:
            return self.own.series(code, level, key, self.granularity)
        except ManualDataError:
            if quiet:
                return None
            raise

    def query(self, **extra) -> str:
        return urlencode({"organisatie": self.monitor.organisation.pk, "wat": self.wat,
                          "periode": self.periode, **extra})


def _choice(request: HttpRequest) -> Choice:
    params = (request.GET if request.method == "GET" else request.POST).dict()
    params["organisatie"] = request.GET.get("organisatie") or request.POST.get("organisatie")
    return choose(request.user, params)


def chosen_organisation(user, params) -> tuple[list, object]:
    """The organisations ``user`` may see the monitor of, and the one ``params`` asks for (the
    first when it asks for none or another); ``PermissionDenied`` when there are none."""
    organisations = list(monitor_organisations(user))
    if not organisations:
        raise PermissionDenied
    wanted = parse_int(params.get("organisatie"), minimum=1)
    return organisations, next((o for o in organisations if o.pk == wanted), organisations[0])


def choose(user, params) -> Choice:
    """What ``user`` asked to see (``organisatie``, ``wat``, ``periode`` in ``params``), within
    what they may see: a page's query, or a background report's stored arguments."""
    organisations, organisation = chosen_organisation(user, params)
    monitor = organisation_monitor(organisation)
    result = monitor.result
    names = area_names(w for w in result.wijken if w != mc.UNKNOWN_WIJK)
    options = [("totaal", _("All teams together"))]
    options += [(f"team-{t}", _("Team: %(name)s") % {"name": monitor.teams.get(t, t)})
                for t in result.teams]
    options += [(f"wijk-{w}", _("Wijk: %(name)s") % {
        "name": _("unknown wijk") if w == mc.UNKNOWN_WIJK else names.get(w, w)})
        for w in sorted(result.wijken, key=lambda w: names.get(w, w))]
    wat = params.get("wat", "totaal")
    if wat not in dict(options):
        wat = "totaal"
    level, _sep, key = wat.partition("-")
    level = {"totaal": mc.TOTAL, "team": mc.TEAM, "wijk": mc.WIJK}[level]
    periode = params.get("periode", "maand")
    periode = periode if periode in GRANULARITY else "maand"
    team = Team.objects.get(pk=int(key)) if level == mc.TEAM else None
    return Choice(organisations, monitor, level, key, wat, periode, GRANULARITY[periode], team,
                  options, own_monitor(team, result))


@dataclass(frozen=True)
class Panel:
    definition: IndicatorDef
    chart: SpcChart | None
    svg: str
    reading: tuple[str, ...]
    latest: str
    problem: str = ""


def _panel(choice: Choice, definition: IndicatorDef, index: int, *,
           target: float | None = None, marks=()) -> Panel:
    try:
        series = choice.series(definition.code)
    except ManualDataError as error:
        return Panel(definition, None, "", (), "–", str(error))
    if series is None:
        raise Http404
    words = WORDS[choice.granularity]
    try:
        chart = series_chart(series, definition, steps=marks, target=target)
    except ChartInputError as error:
        return Panel(definition, None, "", (), "–", str(error))
    last = next((p for p in reversed(series.points) if p.value is not None), None)
    latest = (f"{value_text(chart, chart.points[series.points.index(last)].value)} "
              f"({last.period.replace('-K', ' K')})" if last else "–")
    svg = chart_svg(chart, title=definition.name, chart_id=f"grafiek-{index}", words=words)
    return Panel(definition, chart, svg, read_chart(chart, words), latest)


CRISIS_INTERVAL = IndicatorDef(
    code="crisis_interval", name="Dagen tussen crises", measure="interval", numerator="crisis",
    polarity="up", chart="g", unit="dagen",
    description="Per crisis het aantal dagen sinds de vorige crisis van het team (G-kaart): "
                "bij zeldzame gebeurtenissen zegt dit meer dan een aantal per maand.")


def _rare_panel(request: HttpRequest, choice: Choice, index: int) -> Panel | None:
    """The G chart of days between crises: for the team's coordinator only (it shows when
    each crisis happened; see core.rare)."""
    if choice.team is None or not sees_team_cases(request.user, choice.team):
        return None
    monitor = choice.monitor
    observations = intervals(monitor.events, "crisis", team=choice.team.pk,
                             first=monitor.result.first, complete_until=monitor.complete_until)
    if not observations:
        return Panel(CRISIS_INTERVAL, None, "", (), "–",
                     _("Fewer than two crises: there are no days between crises to show."))
    chart = compute_chart(observations, "g", polarity="up")
    words = PeriodWords("crisis", "crises")
    return Panel(CRISIS_INTERVAL, chart,
                 chart_svg(chart, title=CRISIS_INTERVAL.name, chart_id=f"grafiek-{index}",
                           words=words),
                 read_chart(chart, words), value_text(chart, observations[-1].value))


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    choice = _choice(request)
    goals = targets(choice.team)
    panels = [_panel(choice, d, i, target=goals.get(d.code))
              for i, d in enumerate(choice.definitions)]
    if rare := _rare_panel(request, choice, len(panels)):
        panels.append(rare)
    return render(request, "monitor/dashboard.html", {
        "choice": choice, "panels": panels, "suppressed": choice.monitor.result.suppressed})


def _definition(choice: Choice, code: str) -> IndicatorDef:
    definition = next((d for d in choice.definitions if d.code == code), None)
    if definition is None:
        raise Http404
    return definition


@login_required
@require_GET
def indicator(request: HttpRequest, code: str) -> HttpResponse:
    choice = _choice(request)
    return _indicator_page(request, choice, _definition(choice, code))


def _indicator_page(request: HttpRequest, choice: Choice, definition: IndicatorDef, *,
                    status: int = 200, **forms) -> HttpResponse:
    """One indicator in full; after a failed step or target form, that form as typed with
    its errors (``forms``) and status 400."""
    code = definition.code
    target = targets(choice.team).get(code)
    panel = _panel(choice, definition, 0, target=target, marks=step_marks(choice.team, code))
    series = choice.series(code, quiet=True)
    rows = [{"period": p.period.replace("-K", " K"), "numerator": p.numerator,
             "denominator": p.denominator,
             "value": value_text(panel.chart, panel.chart.points[i].value)
             if panel.chart and p.value is not None else "–",
             "reason": REASON_TEXT.get(p.reason, "")}
            for i, p in enumerate(series.points if series else ())]
    may_edit = choice.team is not None and can_manage_monitor(request.user, choice.team)
    context = (wijk_context(choice.monitor.result, definition, choice.key)
               if choice.level == mc.WIJK else None)
    return render(request, "monitor/indicator.html", {
        "choice": choice, "panel": panel, "rows": rows, "target": target, "context": context,
        "steps": steps(choice.team, code), "may_edit": may_edit,
        "method": method_sentence(panel.chart) if panel.chart else "",
        "step_form": StepForm(), "target_form": TargetForm(initial={"value": target}),
        **forms}, status=status)


def _team_for_edit(request: HttpRequest) -> tuple[Choice, IndicatorDef]:
    choice = _choice(request)
    definition = _definition(choice, request.POST.get("indicator", ""))
    if choice.team is None or not can_manage_monitor(request.user, choice.team):
        raise PermissionDenied
    return choice, definition


def _back(choice: Choice, definition: IndicatorDef) -> HttpResponse:
    return redirect(reverse("monitor:indicator", args=[definition.code]) + "?" + choice.query())


@login_required
@require_POST
def step_add(request: HttpRequest) -> HttpResponse:
    choice, definition = _team_for_edit(request)
    form = StepForm(request.POST)
    if not form.is_valid():
        return _indicator_page(request, choice, definition, status=400, step_form=form)
    form.save(team=choice.team, indicator=definition.code, user=request.user)
    messages.success(request, _("The improvement step is on the chart."))
    return _back(choice, definition)


@login_required
@require_POST
def target_set(request: HttpRequest) -> HttpResponse:
    choice, definition = _team_for_edit(request)
    form = TargetForm(request.POST)
    if not form.is_valid():
        return _indicator_page(request, choice, definition, status=400, target_form=form)
    form.save(team=choice.team, indicator=definition.code, user=request.user)
    messages.success(request, _("The target is saved."))
    return _back(choice, definition)


def export_rows(choice: Choice) -> tuple[list[str], list[list]]:
    """Every indicator, every row of the chosen kind (all teams, all wijken or the total), per
    period: the figures as the pages show them; suppressed counts as "< 5" or "x"."""
    result = choice.monitor.result
    names = area_names(w for w in result.wijken if w != mc.UNKNOWN_WIJK)
    keys = [k for k in result.keys if k[0] == choice.level]
    header = [_("Indicator"), _("Code"), _("Rows"), _("Name"), _("Period"), _("Numerator"),
              _("Denominator"), _("Value"), _("Unit"), _("Note")]
    rows = []
    for d in choice.definitions:
        for level, key in keys:
            label = (_("All teams together") if level == mc.TOTAL
                     else choice.monitor.teams.get(key, key) if level == mc.TEAM
                     else UNKNOWN_WIJK if key == mc.UNKNOWN_WIJK else names.get(key, key))
            series = choice.series(d.code, level, key, quiet=True)
            for p in series.points if series else ():
                rows.append([d.name, d.code, {mc.TOTAL: "totaal", mc.TEAM: "team",
                                              mc.WIJK: "wijk"}[level], label,
                             p.period, p.numerator, p.denominator,
                             Number(p.value, DECIMALS[d.measure]), d.unit,
                             REASON_TEXT.get(p.reason, "")])
    return header, rows


def _export(request: HttpRequest, kind: str) -> HttpResponse:
    choice = _choice(request)
    header, rows = export_rows(choice)
    audit.record(activity="monitor", operation="indicators_export", action=Action.READ,
                 subject_type="organisation", subject_id=choice.monitor.organisation.pk,
                 user=request.user, request=request, detail=f"{choice.periode}_{kind}")
    name = f"monitor-{choice.level}-{choice.periode}"
    if kind == "csv":
        response = HttpResponse(csv_text(header, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(xlsx_bytes([Sheet("Monitor", header, rows)]), content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


@login_required
@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    return _export(request, "csv")


@login_required
@require_GET
def export_xlsx(request: HttpRequest) -> HttpResponse:
    return _export(request, "xlsx")
