"""The monitor page and its CSV: the suppressed aggregate of a gemeente's casework, for the
teams' analysts and coordinators. No names, no free text, no ids: nothing personal to log when
it is read; the CSV download is logged all the same (it leaves the application)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wijkkracht.areas.selectors import area_names
from wijkkracht.audit import services as audit
from wijkkracht.audit.models import Action
from wijkkracht.exports.spreadsheet import csv_text
from wijkkracht.inputs.numbers import parse_int

from .core import feed as core
from .feed import MonitorTable, monitor_feed, monitor_organisations
from .models import SignalSource

GRANULARITY = {"kwartaal": core.QUARTER, "maand": core.MONTH}


def _measure_labels(table: MonitorTable) -> list[tuple[str, str]]:
    sources = dict(SignalSource.choices)
    return [("new", _("New cases")), ("closed", _("Closed")), ("crises", _("Crises")),
            ("referrals_out", _("Referrals out")), ("escalations", _("Escalations")),
            *((f"source:{s}", _("Signalled by: %(source)s") % {"source": sources.get(s, s)})
              for s in table.sources)]


def _choice(request: HttpRequest):
    organisations = list(monitor_organisations(request.user))
    if not organisations:
        raise PermissionDenied
    wanted = parse_int(request.GET.get("organisatie"), minimum=1)
    organisation = next((o for o in organisations if o.pk == wanted), organisations[0])
    key = request.GET.get("periode", "kwartaal")
    granularity = GRANULARITY.get(key, core.QUARTER)
    return organisations, organisation, ("maand" if granularity == core.MONTH else "kwartaal")


def _wijk(code: str, names: dict[str, str]) -> str:
    """The wijk by its CBS name when figures are loaded ("Transvaalwijk (Haarlem)"), with the
    code beside it, for the reader who compares with the wijkfoto."""
    if code == core.TOTAL:
        return _("Total")
    if not code:
        return _("unknown wijk")
    name = names.get(code, code)
    return code if name == code else f"{name}, {code}"


def _period(code: str) -> str:
    return code.replace("-K", " K")


@login_required
@require_GET
def monitor(request: HttpRequest) -> HttpResponse:
    organisations, organisation, key = _choice(request)
    table = monitor_feed(organisation, GRANULARITY[key])
    measures = _measure_labels(table)
    names = area_names(r["wijk"] for r in table.rows if r["wijk"] != core.TOTAL)
    rows = [{"period": _period(r["period"]), "wijk": _wijk(r["wijk"], names),
             "is_total": r["wijk"] == core.TOTAL,
             "counts": [r["counts"][m] for m, _label in measures],
             "median_days": r["median_days"],
             "changes": [r["changes"][d] for d in table.domains]} for r in table.rows]
    return render(request, "casus/monitor.html", {
        "organisations": organisations, "organisation": organisation, "periode": key,
        "measures": measures, "domains": [table.domain_names[d] for d in table.domains],
        "rows": rows})


def csv_columns(table: MonitorTable) -> list[str]:
    return [_("Period"), _("Wijk"), *(label for _m, label in _measure_labels(table)),
            _("Median days to first contact"),
            *(col for d in table.domains for col in (
                _("%(domain)s: cases") % {"domain": table.domain_names[d]},
                _("%(domain)s: mean change") % {"domain": table.domain_names[d]}))]


def csv_rows(table: MonitorTable) -> list[list]:
    measures = [m for m, _label in _measure_labels(table)]
    out = []
    for r in table.rows:
        row = [_period(r["period"]), _wijk(r["wijk"], {}), *(r["counts"][m] for m in measures),
               "" if r["median_days"] is None else r["median_days"]]
        for d in table.domains:
            n, mean = r["changes"][d]
            row += [n, "" if mean is None else mean]
        out.append(row)
    return out


@login_required
@require_GET
def monitor_csv(request: HttpRequest) -> HttpResponse:
    _organisations, organisation, key = _choice(request)
    table = monitor_feed(organisation, GRANULARITY[key])
    audit.record(activity="casework", operation="monitor_export", action=Action.READ,
                 subject_type="organisation",
                 subject_id=organisation.pk, user=request.user, request=request,
                 detail=key)
    response = HttpResponse(csv_text(csv_columns(table), csv_rows(table)),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="monitor-{key}.csv"'
    return response
