"""What the pages of a team's own indicators read: the teams a user keeps indicators for, an
indicator as a definition the charts understand, and every own indicator of a team as series
over the monitor's window."""

from __future__ import annotations

from dataclasses import dataclass, field

from wijkkracht.accounts.models import Team, User
from wijkkracht.accounts.permissions import is_signed_in

from .core import compute as mc
from .core.indicators import IndicatorDef
from .core.manual import OWN_PREFIX, ManualResult, figures_of, manual_compute, own_definition
from .models import Indicator, IndicatorValue
from .selectors import MONITOR_ROLES


def own_teams(user: User):
    """The teams whose own indicators ``user`` keeps: where they are analyst or coordinator."""
    if not is_signed_in(user):
        return Team.objects.none()
    return Team.objects.filter(memberships__user=user,
                               memberships__role__in=MONITOR_ROLES).distinct()


def definition_of(indicator: Indicator) -> IndicatorDef:
    return own_definition(code=indicator.code, name=indicator.name, measure=indicator.measure,
                          polarity=indicator.polarity, chart=indicator.chart, unit=indicator.unit,
                          description=indicator.description, per=indicator.per,
                          source=indicator.source)


def figure_rows(indicator: Indicator) -> list[IndicatorValue]:
    return list(indicator.values.order_by("period", "wijk_code"))


@dataclass(frozen=True)
class OwnMonitor:
    """A team's own indicators on the monitor's window (empty when no team is chosen)."""

    definitions: tuple[IndicatorDef, ...] = ()
    results: dict[str, ManualResult] = field(default_factory=dict)

    def series(self, code: str, level: str, key: str, granularity: str) -> mc.Series | None:
        """None for a code that is not an own indicator or a row it has no figures for;
        ``ManualDataError`` when the figures cannot give this granularity."""
        result = self.results.get(code)
        return None if result is None else result.series(level, key, granularity)


def own_monitor(team: Team | None, result: mc.Result) -> OwnMonitor:
    """Every own indicator of ``team`` over ``result``'s months and quarters."""
    if team is None:
        return OwnMonitor()
    indicators = list(Indicator.objects.filter(team=team))
    values: dict[int, list] = {i.pk: [] for i in indicators}
    for row in IndicatorValue.objects.filter(indicator__in=indicators).values_list(
            "indicator_id", "period", "wijk_code", "numerator", "denominator"):
        values[row[0]].append(row[1:])
    definitions, results = [], {}
    for indicator in indicators:
        definition = definition_of(indicator)
        definitions.append(definition)
        results[definition.code] = manual_compute(
            definition, figures_of(values[indicator.pk]), first=result.first,
            last=result.last, team=str(team.pk))
    return OwnMonitor(tuple(definitions), results)


def is_own_code(code: str) -> bool:
    return code.startswith(OWN_PREFIX)
