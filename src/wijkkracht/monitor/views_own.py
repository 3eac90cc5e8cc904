"""The pages of a team's own indicators: the list, a new one, its figures (typed one period at a
time or uploaded as a file) and its definition. For the team's analysts and coordinators
(``selectors.can_manage_monitor``); the charts are the monitor's own pages, with the team
chosen. Figures are aggregates, so nothing here is access-logged."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from wijkkracht.areas.selectors import area_names

from .core.manual import OWN_PREFIX
from .core.manual_input import FigureError, FigureFileError, read_period, read_wijk
from .forms_own import MEASURE_NAMES, FigureForm, FiguresUploadForm, IndicatorForm
from .models import Indicator, Step, Target
from .selectors import can_manage_monitor
from .selectors_own import figure_rows, own_teams
from .services_own import figure_remove, figure_save, figures_import


def _teams(request: HttpRequest):
    teams = own_teams(request.user)
    if not teams.exists():
        raise PermissionDenied
    return teams


def _indicator(request: HttpRequest, pk: int) -> Indicator:
    indicator = get_object_or_404(Indicator.objects.select_related("team"), pk=pk)
    if not can_manage_monitor(request.user, indicator.team):
        raise PermissionDenied
    return indicator


def chart_url(indicator: Indicator, *, quarterly: bool = False) -> str:
    """The indicator's chart on the monitor, with its team chosen."""
    query = urlencode({"organisatie": indicator.organisation_id,
                       "wat": f"team-{indicator.team_id}",
                       "periode": "kwartaal" if quarterly else "maand"})
    return reverse("monitor:indicator", args=[OWN_PREFIX + indicator.code]) + "?" + query


@login_required
@require_http_methods(["GET"])
def own_list(request: HttpRequest) -> HttpResponse:
    teams = list(_teams(request).prefetch_related("monitor_indicators"))
    return render(request, "monitor/own_list.html", {"teams": teams})


@login_required
@require_http_methods(["GET", "POST"])
def own_create(request: HttpRequest) -> HttpResponse:
    teams = _teams(request)
    data = request.POST if request.method == "POST" else None
    form = IndicatorForm(data, teams=teams, initial={"team": teams.first()})
    if data is not None and form.is_valid():
        indicator = form.save(user=request.user)
        messages.success(request, _("The indicator is made. Enter its figures below."))
        return redirect("monitor:own_detail", pk=indicator.pk)
    return render(request, "monitor/own_form.html", {"form": form, "indicator": None},
                  status=400 if form.errors else 200)


def _wijken(indicator: Indicator, rows) -> list[tuple[str, str]]:
    """The wijken of the team (its wijk codes, and the wijken of its buurten) and any wijk
    already holding a figure, by name."""
    codes = {a.area_code for a in indicator.team.areas.all() if a.area_code.startswith("WK")}
    codes |= {"WK" + a.area_code[2:8] for a in indicator.team.areas.all()
              if a.area_code.startswith("BU")}
    codes |= {r.wijk_code for r in rows if r.wijk_code}
    names = area_names(codes)
    return sorted(((c, names.get(c, c)) for c in codes), key=lambda pair: pair[1])


def _detail(request: HttpRequest, indicator: Indicator, *, figure_form=None,
            upload_form=None, problems=(), status: int = 200) -> HttpResponse:
    rows = figure_rows(indicator)
    wijken = _wijken(indicator, rows)
    names = dict(wijken)
    monthly = any("-K" not in r.period for r in rows)
    table = [{"period": r.period.replace("-K", " K"), "raw_period": r.period,
              "wijk": r.wijk_code, "wijk_name": names.get(r.wijk_code, r.wijk_code)
              if r.wijk_code else _("whole team"),
              "numerator": _number(r.numerator), "denominator": _number(r.denominator)}
             for r in rows]
    return render(request, "monitor/own_detail.html", {
        "indicator": indicator, "rows": table, "measure_label": _measure_label(indicator),
        "chart_url": chart_url(indicator, quarterly=bool(rows) and not monthly),
        "figure_form": figure_form or FigureForm(measure=indicator.measure, wijken=wijken),
        "upload_form": upload_form or FiguresUploadForm(), "problems": problems,
        "needs_denominator": indicator.measure != "count"}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def own_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator(request, pk)
    if request.method == "GET":
        return _detail(request, indicator)
    action = request.POST.get("action")
    if action == "upload":
        return _upload(request, indicator)
    if action == "remove":
        return _remove(request, indicator)
    wijken = _wijken(indicator, figure_rows(indicator))
    form = FigureForm(request.POST, measure=indicator.measure, wijken=wijken)
    if not form.is_valid():
        return _detail(request, indicator, figure_form=form, status=400)
    created = figure_save(indicator, form.cleaned_figure, user=request.user)
    messages.success(request, _("The figure is saved.") if created
                     else _("The figure is replaced."))
    return redirect("monitor:own_detail", pk=indicator.pk)


def _upload(request: HttpRequest, indicator: Indicator) -> HttpResponse:
    form = FiguresUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, indicator, upload_form=form, status=400)
    try:
        result = figures_import(indicator, form.content(), user=request.user)
    except FigureFileError as error:
        return _detail(request, indicator, upload_form=form, problems=error.problems,
                       status=400)
    messages.success(request, ngettext(
        "%(rows)d figure read: %(created)d new, %(updated)d replaced.",
        "%(rows)d figures read: %(created)d new, %(updated)d replaced.", result.rows)
        % {"rows": result.rows, "created": result.created, "updated": result.updated})
    return redirect("monitor:own_detail", pk=indicator.pk)


def _remove(request: HttpRequest, indicator: Indicator) -> HttpResponse:
    try:
        period = read_period(request.POST.get("period"))
        wijk = read_wijk(request.POST.get("wijk"))
    except FigureError:
        return _detail(request, indicator, status=400)
    if figure_remove(indicator, period=period, wijk=wijk):
        messages.success(request, _("The figure is removed."))
    return redirect("monitor:own_detail", pk=indicator.pk)


@login_required
@require_http_methods(["GET", "POST"])
def own_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator(request, pk)
    old_code = OWN_PREFIX + indicator.code
    data = request.POST if request.method == "POST" else None
    form = IndicatorForm(data, instance=indicator)
    if data is not None and form.is_valid():
        with transaction.atomic():
            indicator = form.save(user=request.user)
            new_code = OWN_PREFIX + indicator.code
            if new_code != old_code:  # targets and steps follow a new code
                for model in (Target, Step):
                    model.objects.filter(team=indicator.team, indicator=old_code).update(
                        indicator=new_code)
        messages.success(request, _("The indicator is saved."))
        return redirect("monitor:own_detail", pk=indicator.pk)
    return render(request, "monitor/own_form.html", {"form": form, "indicator": indicator},
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def own_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """A GET asks for confirmation; the POST removes the indicator with its figures, target
    and improvement steps."""
    indicator = _indicator(request, pk)
    if request.method == "POST":
        with transaction.atomic():
            for model in (Target, Step):
                model.objects.filter(team=indicator.team,
                                     indicator=OWN_PREFIX + indicator.code).delete()
            indicator.delete()
        messages.success(request, _("The indicator and its figures are removed."))
        return redirect("monitor:own_list")
    return render(request, "monitor/own_delete.html", {
        "indicator": indicator, "figures": indicator.values.count()})


def _number(value: float | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.4f}".rstrip("0").rstrip(".").replace(".", ",")


def _measure_label(indicator: Indicator) -> str:
    return str(MEASURE_NAMES.get(indicator.measure, indicator.measure))
