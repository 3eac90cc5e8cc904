"""Change per domain between measurement moments (pure) and its SVG chart."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from wijkkracht.casus.core.assessment import (
    BETTER,
    SAME,
    UNKNOWN,
    WORSE,
    Measurement,
    Scale,
    changes,
    direction,
    summary,
)
from wijkkracht.casus.report.assessment_svg import assessment_chart, describe

ZRM = Scale(1, 5)
INTAKE = Measurement("a", "intake", dt.date(2026, 1, 10),
                     {"fin": 1, "werk": 3, "huis": 4, "net": None})
INTERIM = Measurement("b", "tussentijds", dt.date(2026, 3, 1),
                      {"fin": 3, "werk": 2, "huis": 4, "net": 2})
CLOSURE = Measurement("c", "afsluiting", dt.date(2026, 6, 1),
                      {"fin": 4, "werk": 2, "huis": 4, "net": None})


def test_direction_follows_the_scale():
    assert direction(2, 4, ZRM) == BETTER
    assert direction(4, 2, ZRM) == WORSE
    assert direction(3, 3, ZRM) == SAME
    assert direction(None, 3, ZRM) == UNKNOWN
    lower_better = Scale(0, 10, higher_is_better=False)
    assert direction(2, 4, lower_better) == WORSE
    with pytest.raises(ValueError):
        direction(0, 3, ZRM)
    with pytest.raises(ValueError):
        Scale(5, 5)


def test_change_first_to_latest_and_between_consecutive_moments():
    # given out of time order on purpose: the core orders by date
    result = {c.domain: c for c in changes(["fin", "werk", "huis", "net"],
                                           [CLOSURE, INTAKE, INTERIM], ZRM)}
    fin = result["fin"]
    assert (fin.first, fin.latest, fin.delta, fin.direction) == (1, 4, 3, BETTER)
    assert [(s.before, s.after, s.delta, s.direction) for s in fin.steps] == [
        ("a", "b", 2, BETTER), ("b", "c", 1, BETTER)]
    werk = result["werk"]
    assert (werk.delta, werk.direction) == (-1, WORSE)
    assert [s.direction for s in werk.steps] == [WORSE, SAME]
    assert (result["huis"].delta, result["huis"].direction) == (0, SAME)
    # scored at one moment only: no change to tell
    net = result["net"]
    assert (net.first, net.latest, net.delta, net.direction, net.steps) == (2, 2, None, UNKNOWN,
                                                                             ())


def test_summary_counts_every_domain_once():
    result = changes(["fin", "werk", "huis", "net", "absent"], [INTAKE, INTERIM, CLOSURE], ZRM)
    assert summary(result) == {BETTER: 1, WORSE: 1, SAME: 1, UNKNOWN: 2}
    assert summary(changes(["fin"], [INTAKE], ZRM)) == {BETTER: 0, WORSE: 0, SAME: 0,
                                                        UNKNOWN: 1}


def test_a_score_outside_the_scale_is_refused():
    wrong = Measurement("x", "intake", dt.date(2026, 1, 1), {"fin": 7})
    with pytest.raises(ValueError):
        changes(["fin"], [wrong], ZRM)


DOMAINS = [("fin", "Financiën"), ("werk", "Werk & opleiding"), ("huis", "Huisvesting"),
           ("net", "Sociaal netwerk")]


def test_the_chart_is_an_image_with_a_text_alternative_naming_every_figure():
    svg = str(assessment_chart(chart_id="zrm-1", title="Zelfredzaamheid-Matrix <2017>",
                               domains=DOMAINS, measurements=[INTAKE, INTERIM, CLOSURE],
                               scale=ZRM, level_names={1: "Acute problematiek"}))
    root = ET.fromstring(svg)  # well-formed XML, names escaped
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "zrm-1-title zrm-1-desc"
    assert root.find(f"{ns}title").text == "Zelfredzaamheid-Matrix <2017>"
    desc = root.find(f"{ns}desc").text
    assert "Financiën: intake 1 Acute problematiek, tussentijds 3, afsluiting 4." in desc
    assert "Sociaal netwerk: intake geen score, tussentijds 2, afsluiting geen score." in desc
    # one marker per score given (3 + 3 + 3 + 1), plus one per moment in the legend
    markers = re.findall(r"<(circle|rect|polygon) ", svg)
    assert len(markers) == 10 + 3
    # the marker of the closure (third moment: triangle) for Financiën sits at 4 on the scale
    assert svg.count("<polygon") >= 1
    graphic = root.find(f"{ns}g")
    assert graphic.get("aria-hidden") == "true"


def test_the_chart_places_markers_on_the_scale():
    one = Measurement("a", "intake", dt.date(2026, 1, 1), {"fin": 0, "werk": 10})
    svg = str(assessment_chart(chart_id="pg", title="PG", domains=DOMAINS[:2],
                               measurements=[one], scale=Scale(0, 10)))
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]
    # legend marker first, then 0 at the left edge of the plot and 10 at the right
    assert xs[1] < xs[2] and xs[2] - xs[1] == pytest.approx(440, abs=0.2)


def test_describe_without_moments_still_names_the_domains():
    text = describe(DOMAINS[:1], [], ZRM)
    assert "Financiën" in text
