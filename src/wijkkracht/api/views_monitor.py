"""The monitor's aggregates for machine clients: the indicators of an organisation and one
series with its control chart, exactly as the monitor's pages and CSV show them.

Everything is read through the monitor's own selectors and the same chart and reading code as
the pages (``monitor.views`` supplies the Dutch period words and reasons), so API and page cannot
disagree. Only analysts and coordinators may read it (``selectors.monitor_organisations``); the
answers hold counts, never a case or a person, and counts of 1 to 4 stay "< 5" or "x" as
``core.compute`` left them. Like the pages, reading aggregates is not access-logged.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from wijkkracht.accounts.models import Organisation, Team, User
from wijkkracht.areas.selectors import area_names
from wijkkracht.monitor.core import compute as mc
from wijkkracht.monitor.core.charting import series_chart
from wijkkracht.monitor.core.indicators import IndicatorDef
from wijkkracht.monitor.report.labels import GRANULARITY, REASON_TEXT, UNKNOWN_WIJK, WORDS
from wijkkracht.monitor.report.reading import (
    ASSURANCE_NL,
    CHART_NAMES_NL,
    PERCENT_CHARTS,
    VARIATION_NL,
    method_sentence,
    read_chart,
    value_text,
)
from wijkkracht.monitor.selectors import (
    Monitor,
    monitor_organisations,
    organisation_monitor,
    step_marks,
    steps,
    targets,
)
from wijkkracht.stats.spc import ChartInputError, SpcChart

from .auth import token_auth
from .errors import ApiProblem
from .schemas import Problem
from .schemas_monitor import (
    MonitorGranularity,
    MonitorIndicatorList,
    MonitorLevel,
    MonitorSeries,
)

router = Router(auth=token_auth, tags=["Monitor"])
OPTIONS = {"by_alias": True}

TOTAL_NAME = "Alle teams samen"
UNKNOWN_WIJK_KEY = "onbekend"  # the core's "?" (cases without a wijk), safe in a query string
UNKNOWN_WIJK_NAME = UNKNOWN_WIJK
LEVELS = {"totaal": mc.TOTAL, "team": mc.TEAM, "wijk": mc.WIJK}
REASON_CODES = {"": "", mc.SMALL: "klein_aantal", mc.NO_DATA: "geen_gegevens",
                mc.ZERO_DENOMINATOR: "noemer_0", mc.INCOMPLETE: "loopt_nog"}
NO_VALUE = "–"  # what the indicator page shows for a period without a value

NO_MONITOR = ("Alleen analisten en coördinatoren mogen de monitor lezen, en u bent dat in geen "
              "enkel team.")
UNKNOWN_ORGANISATION = ("Er is geen organisatie met nummer {id} waarvan u de monitor mag lezen. "
                        "De organisaties staan bij `organisations` in /api/v1/monitor/indicators.")
CHOOSE_ORGANISATION = ("U mag de monitor van meer dan één organisatie lezen; kies er een met "
                       "`organisation` (nummers: {ids}).")
UNKNOWN_INDICATOR = ("Indicator '{code}' bestaat niet in deze monitor. De indicatoren staan in "
                     "/api/v1/monitor/indicators.")
KEY_WITH_TOTAL = "Bij `level=totaal` hoort geen `key`: het totaal is er maar één."
KEY_MISSING = ("Bij `level={level}` hoort een `key`: het nummer van het team of de "
               "CBS-wijkcode. De reeksen staan bij `rows` in /api/v1/monitor/indicators.")
UNKNOWN_KEY = ("Deze monitor heeft geen {what} '{key}'. De reeksen staan bij `rows` in "
               "/api/v1/monitor/indicators.")

ORGANISATION = Query(None, ge=1, le=2**31 - 1,
                     description="Nummer van de organisatie; alleen nodig als u de monitor van "
                                 "meer dan één organisatie mag lezen (zonder: uw eigen "
                                 "organisatie).")
INDICATOR = Query(..., min_length=1, max_length=80,
                  description="Code van de indicator, bijvoorbeeld `new` (zie "
                              "/monitor/indicators).")
LEVEL = Query("totaal", description="`totaal` (alle teams samen), `team` of `wijk`.")
KEY = Query("", max_length=40, description="Bij `team`: het nummer van het team; bij `wijk`: "
                                           "de CBS-wijkcode, of `onbekend` voor dossiers "
                                           "zonder wijk; bij `totaal` leeg.")
GRANULARITY_QUERY = Query("maand", description="`maand` of `kwartaal`.")


def _organisation(user: User, wanted: int | None) -> tuple[Organisation, list[Organisation]]:
    """The organisation asked for (or the user's own) among those whose monitor they may read;
    one they may not read is answered as one that does not exist."""
    readable = list(monitor_organisations(user).order_by("pk"))
    if not readable:
        raise ApiProblem(403, NO_MONITOR)
    if wanted is not None:
        found = next((o for o in readable if o.pk == wanted), None)
        if found is None:
            raise ApiProblem(404, UNKNOWN_ORGANISATION.format(id=wanted))
        return found, readable
    own = next((o for o in readable if o.pk == user.organisation_id), None)
    if own is not None:
        return own, readable
    if len(readable) == 1:
        return readable[0], readable
    raise ApiProblem(400, CHOOSE_ORGANISATION.format(ids=", ".join(str(o.pk) for o in readable)),
                     **{"invalid-params": [{"name": "organisation", "reason": "is verplicht"}]})


def _organisation_out(organisation: Organisation) -> dict:
    return {"id": organisation.pk, "name": organisation.name}


def _indicator_out(d: IndicatorDef) -> dict:
    return {"code": d.code, "name": d.name, "description": d.description, "measure": d.measure,
            "unit": d.unit, "polarity": d.polarity, "chart": d.chart, "per": d.per}


def _row_out(monitor: Monitor, level: str, key: str, names: dict[str, str]) -> dict:
    if level == mc.TOTAL:
        return {"level": "totaal", "key": "", "name": TOTAL_NAME}
    if level == mc.TEAM:
        return {"level": "team", "key": key, "name": monitor.teams.get(key, key)}
    if key == mc.UNKNOWN_WIJK:
        return {"level": "wijk", "key": UNKNOWN_WIJK_KEY, "name": UNKNOWN_WIJK_NAME}
    return {"level": "wijk", "key": key, "name": names.get(key, key)}


def _wijk_names(monitor: Monitor) -> dict[str, str]:
    return area_names(w for w in monitor.result.wijken if w != mc.UNKNOWN_WIJK)


@router.get("/monitor/indicators",
            response={200: MonitorIndicatorList, 400: Problem, 401: Problem, 403: Problem,
                      404: Problem},
            operation_id="listMonitorIndicators", summary="De indicatoren van de monitor",
            description="De indicatoren van de monitor van uw organisatie (of van `organisation`),"
                        " met de reeksen (totaal, teams, wijken) en perioden waarvoor "
                        "/monitor/series cijfers geeft. Alleen voor analisten en coördinatoren.",
            **OPTIONS)
def list_monitor_indicators(request: HttpRequest,
                            organisation: int | None = ORGANISATION) -> dict:
    chosen, readable = _organisation(request.auth.user, organisation)
    monitor = organisation_monitor(chosen)
    names = _wijk_names(monitor)
    return {"organisation": _organisation_out(chosen),
            "organisations": [_organisation_out(o) for o in readable],
            "rows": [_row_out(monitor, level, key, names) for level, key in monitor.result.keys],
            "periods": {name: monitor.result.periods(g) for name, g in GRANULARITY.items()},
            "results": [_indicator_out(d) for d in monitor.definitions]}


def _core_row(monitor: Monitor, level: str, key: str) -> tuple[str, str]:
    """The core's (level, key) for the API's, or a Dutch 400/404 naming what is wrong."""
    core = LEVELS[level]
    if core == mc.TOTAL:
        if key:
            raise ApiProblem(400, KEY_WITH_TOTAL, **{"invalid-params": [
                {"name": "key", "reason": "hoort niet bij `level=totaal`"}]})
        return core, ""
    if not key:
        raise ApiProblem(400, KEY_MISSING.format(level=level), **{"invalid-params": [
            {"name": "key", "reason": "is verplicht bij dit `level`"}]})
    if core == mc.WIJK and key == UNKNOWN_WIJK_KEY:
        key = mc.UNKNOWN_WIJK
    if (core, key) not in monitor.result.keys:
        raise ApiProblem(404, UNKNOWN_KEY.format(what="team" if core == mc.TEAM else "wijk",
                                                 key=key[:40]))
    return core, key


def _scaled(chart: SpcChart, definition: IndicatorDef):
    """A chart figure in the indicator's unit: P charts plot fractions, the indicator (and
    ``Point.value``) is a percentage (``charting.chart_target`` goes the other way)."""
    factor = definition.per if chart.chart in PERCENT_CHARTS else 1.0

    def scale(x: float | None) -> float | None:
        return None if x is None else round(x * factor, 10)
    return scale


def _points(series: mc.Series, chart: SpcChart | None, definition: IndicatorDef) -> list[dict]:
    scale = _scaled(chart, definition) if chart else None
    out = []
    for i, p in enumerate(series.points):
        c = chart.points[i] if chart else None
        out.append({
            "period": p.period, "numerator": p.numerator, "denominator": p.denominator,
            "value": p.value,
            # as the indicator page's table: the chart's own figure, in its own format
            "value_text": (value_text(chart, c.value) if chart and p.value is not None
                           else NO_VALUE),
            "reason": REASON_CODES[p.reason], "reason_text": REASON_TEXT.get(p.reason, ""),
            "status": c.status if c else "", "phase": c.phase if c else None,
            "centre": scale(c.centre) if c else None,
            "lower_limit": scale(c.lcl) if c else None,
            "upper_limit": scale(c.ucl) if c else None,
            "signals": list(c.signals) if c else [], "direction": c.direction if c else 0})
    return out


def _chart_out(chart: SpcChart, definition: IndicatorDef, target: float | None,
               granularity: str) -> dict:
    scale = _scaled(chart, definition)
    labels = [p.label for p in chart.points]
    return {
        "type": chart.chart, "name": CHART_NAMES_NL[chart.chart], "ruleset": chart.ruleset,
        "method": method_sentence(chart), "target": target,
        "variation": chart.variation, "variation_text": VARIATION_NL[chart.variation],
        "assurance": chart.assurance, "assurance_text": ASSURANCE_NL[chart.assurance],
        "phases": [{"index": ph.index, "start": labels[ph.start], "end": labels[ph.stop - 1],
                    "centre": scale(ph.centre), "lower_limit": scale(ph.lcl),
                    "upper_limit": scale(ph.ucl), "provisional": ph.provisional}
                   for ph in chart.phases],
        "reading": list(read_chart(chart, WORDS[granularity]))}


@router.get("/monitor/series",
            response={200: MonitorSeries, 400: Problem, 401: Problem, 403: Problem,
                      404: Problem},
            operation_id="getMonitorSeries", summary="Eén indicator als reeks met regelkaart",
            description="De cijfers van één indicator voor het totaal, een team of een wijk, per "
                        "maand of kwartaal, precies zoals de monitor ze toont: kleine aantallen "
                        "als `< 5` of `x`, met de regelkaart (middellijn, grenzen, signalen, "
                        "iconen) en wat die zegt. Bij een team ook zijn doel en verbeterstappen. "
                        "Alleen voor analisten en coördinatoren.", **OPTIONS)
def get_monitor_series(request: HttpRequest, indicator: str = INDICATOR,
                       level: MonitorLevel = LEVEL, key: str = KEY,
                       granularity: MonitorGranularity = GRANULARITY_QUERY,
                       organisation: int | None = ORGANISATION) -> dict:
    chosen, _readable = _organisation(request.auth.user, organisation)
    monitor = organisation_monitor(chosen)
    definition = next((d for d in monitor.definitions if d.code == indicator), None)
    if definition is None:
        raise ApiProblem(404, UNKNOWN_INDICATOR.format(code=indicator))
    core_level, core_key = _core_row(monitor, level, key)
    period = GRANULARITY[granularity]
    series = monitor.result.get(definition.code, core_level, core_key, period)
    # the team's own target and steps, as on the indicator page
    team = Team.objects.get(pk=int(core_key)) if core_level == mc.TEAM else None
    team_steps = steps(team, definition.code)
    target = targets(team).get(definition.code)
    marks = step_marks(team, definition.code)
    try:
        chart = series_chart(series, definition, steps=marks, target=target)
        problem = None
    except ChartInputError as error:
        chart, problem = None, str(error)
    names = _wijk_names(monitor) if core_level == mc.WIJK else {}
    return {"organisation": _organisation_out(chosen), "indicator": _indicator_out(definition),
            "row": _row_out(monitor, core_level, core_key, names), "granularity": granularity,
            "points": _points(series, chart, definition),
            "chart": _chart_out(chart, definition, target, period) if chart else None,
            "chart_problem": problem,
            "steps": [{"period": s.period, "label": s.label, "new_phase": s.new_phase}
                      for s in team_steps]}
