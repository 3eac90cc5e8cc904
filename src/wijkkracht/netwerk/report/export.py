"""The network figures of every moment as one long table (CSV), for analysts' own tools.

One row per moment x level x view x measure, numbers unrounded (with a decimal comma). In
the anonymous version a count of people from 1 to MIN_PEOPLE - 1 is written as "<5", as in the
report; densities and centralizations are not counts of people and stay.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from wijkkracht.exports.spreadsheet import csv_text

from ..core.levels import VIEWS
from ..core.metrics import NetworkMetrics, ladder_metrics
from ..core.model import Scan
from . import wording

# (column value, how to read it, is it a count of people?)
MEASURES: tuple[tuple[str, Callable[[NetworkMetrics], float | int | None], bool], ...] = (
    ("mensen", lambda m: m.people, True),
    ("respondenten", lambda m: m.respondents, True),
    ("banden", lambda m: m.ties, False),
    ("dichtheid", lambda m: m.density, False),
    ("wederkerig_per_band", lambda m: m.reciprocity_per_tie, False),
    ("wederkerig_per_paar", lambda m: m.reciprocity_per_pair, False),
    ("centralisatie_genoemd_worden", lambda m: m.in_degree_centralization, False),
    ("centralisatie_noemen", lambda m: m.out_degree_centralization, False),
    ("centralisatie_graad", lambda m: m.degree_centralization, False),
    ("centralisatie_tussenpositie", lambda m: m.betweenness_centralization, False),
    ("losse_groepjes", lambda m: m.components, False),
    ("grootste_groepje", lambda m: m.largest_component, True),
    ("zonder_band", lambda m: len(m.isolates), True),
)


COLUMNS = ("meetmoment", "niveau", "niveau_naam", "weergave", "maat", "waarde")


def _cell(value: float | int | None, people: bool, anonymous: bool) -> float | int | str | None:
    if anonymous and people and value is not None and wording.is_small(value):
        return wording.SMALL
    return value


def metrics_csv(scans: Sequence[Scan], *, anonymous: bool) -> str:
    """The table for Dutch Excel (``;``, decimal comma), through the product's CSV writer."""
    rows = []
    for scan in scans:
        for level in ladder_metrics(scan):
            for view in VIEWS:
                metrics = level.view(view)
                rows.extend((scan.moment, level.level, level.level_label, view, name,
                             _cell(read(metrics), people, anonymous))
                            for name, read, people in MEASURES)
    return csv_text(COLUMNS, rows)
