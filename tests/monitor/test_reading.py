"""The plain-Dutch reading of a chart says what the chart's verdicts say, and what it cannot."""

import pytest

from wijkkracht.monitor.report.reading import (
    PeriodWords,
    method_sentence,
    read_chart,
    reading_text,
    value_text,
)
from wijkkracht.stats.spc import RULESET, Observation, compute_chart

MONTHS = PeriodWords("maand", "maanden")
# 12 baseline points alternating 12 and 10: mean 11, limits 11 +- 3 * 2 / 1.128 = 5,68 .. 16,32
BASE = [12, 10] * 6


def obs(values, n=None):
    return [Observation(f"P{i + 1}", v, n if not isinstance(n, list) else n[i])
            for i, v in enumerate(values)]


def xmr(tail, **kw):
    return compute_chart(obs(BASE + tail), "xmr", freeze=len(BASE), **kw)


def test_a_shift_at_the_end_is_read_as_the_last_months_above_the_mean():
    chart = xmr([12, 13, 12, 13, 12, 13, 12], polarity="up")
    sentences = read_chart(chart, MONTHS)
    assert sentences[0] == "De laatste 7 maanden liggen boven het gemiddelde: een verschuiving."
    assert sentences[1] == "Dat is een verbetering."


def test_a_shift_below_the_mean_when_lower_is_better_is_an_improvement_too():
    chart = xmr([10, 9, 10, 9, 10, 9, 10, 9], polarity="down")
    # the baseline ends on 10 (below 11), so 9 points in a row lie below the mean
    assert read_chart(chart, MONTHS)[:2] == (
        "De laatste 9 maanden liggen onder het gemiddelde: een verschuiving.",
        "Dat is een verbetering.")


def test_a_trend_and_a_point_outside_the_limits_are_named():
    chart = xmr([8, 9, 10, 11, 12, 13, 14], polarity="down")
    assert read_chart(chart, MONTHS)[:2] == ("De laatste 7 maanden stijgen steeds: een trend.",
                                             "Dat is een verslechtering.")
    chart = xmr([16.4])
    assert read_chart(chart)[0] == ("De laatste waarde (P13: 16,4) ligt boven de bovengrens: "
                                    "bijzondere variatie.")


def test_common_cause_variation_is_said_plainly():
    # Montgomery's loan processing costs (see tests/stats/test_spc.py): 20 points, no signal
    costs = [310, 288, 297, 298, 307, 303, 294, 297, 308, 306,
             294, 299, 297, 299, 314, 295, 293, 306, 301, 304]
    sentences = read_chart(compute_chart(obs(costs), "xmr"))
    assert sentences == ("Geen bijzondere variatie: de punten schommelen binnen de grenzen.",)


def test_too_few_points_for_the_run_rules_is_said_instead_of_no_signal():
    chart = compute_chart(obs([3, 5, 4, 6, 5, 7, 6, 8]), "run")
    assert read_chart(chart) == ("Te weinig punten (8) voor de regels; er zijn er minstens 10 "
                                 "nodig.",)


def test_control_chart_with_few_points_warns_about_limits_and_rules():
    text = reading_text(compute_chart(obs([10, 12, 11, 13, 12]), "xmr"))
    assert "De grenzen zijn voorlopig: ze rusten op 5 punten" in text
    assert "voor de regels over trends en verschuivingen; er zijn er minstens 7 nodig." in text
    assert "Geen bijzondere variatie gevonden" in text and "niet alle regels" in text
    text = reading_text(compute_chart(obs([10, 30, 31]), "xmr", freeze=1))
    assert "Te weinig punten (1) om grenzen te berekenen; er zijn er minstens 2 nodig." in text
    assert "Geen bijzondere variatie" not in text


def test_the_target_in_words_with_a_percentage():
    # p = 0.78 .. 0.82 of 100: centre 0.80, limits 0.80 +- 3 * 0.04 = 0.68 .. 0.92; target 80 %
    # lies between them: met in some periods, not in others.
    chart = compute_chart(obs([78, 82, 80, 79, 81, 80, 82, 78], 100), "p", polarity="up",
                          target=0.8)
    assert chart.assurance == "inconsistent"
    assert any(s.startswith("Het doel van 80% wordt niet betrouwbaar gehaald")
               for s in read_chart(chart))
    chart = compute_chart(obs([78, 82, 80, 79, 81, 80, 82, 78], 100), "p", polarity="up",
                          target=0.95)
    assert any(s.startswith("Het doel van 95% wordt niet gehaald") for s in read_chart(chart))


def test_gaps_zero_denominators_and_left_out_points_are_named():
    chart = compute_chart(obs([5, 3, None, 6], [50, 0, 40, 60]), "p")
    text = reading_text(chart, MONTHS)
    assert "P2: de noemer is 0, dus dit punt telt niet mee." in text
    assert "1 maand zonder gegevens: daar is de lijn onderbroken." in text
    points = [Observation("a", 1, excluded=True), Observation("b", 2), Observation("c", 3)]
    assert "1 punt is bewust weggelaten uit de berekening." in reading_text(
        compute_chart(points, "xmr"))


def test_run_chart_long_run_and_phases():
    values = [3, 1, 3, 1, 2, 2.5, 3, 3.2, 4, 5, 6, 7, 8, 9, 10, 11]  # 8 below, 8 above 3,6
    sentences = read_chart(compute_chart(obs(values), "run"), PeriodWords("week", "weken"))
    assert sentences[0] == "De laatste 8 weken liggen boven de mediaan: een verschuiving."
    chart = compute_chart(obs([10, 12, 10, 12, 20, 24, 20, 24]), "xmr", breaks=[4])
    assert read_chart(chart)[0] == "Gemiddelde in de laatste fase: 22 (fase ervoor: 11)."


@pytest.mark.parametrize(("kind", "value", "text"), [
    ("xmr", 12.5, "12,5"), ("xmr", 300.5, "300,5"), ("xmr", 1234.0, "1234"), ("xmr", 0.125, "0,12"),
    ("p", 0.2313, "23,1%"), ("p", 0.8, "80%"), ("xmr", None, "geen gegevens"),
])
def test_values_have_a_decimal_comma(kind, value, text):
    chart = compute_chart(obs([1, 2], [2, 2]), kind)
    assert value_text(chart, value) == text


def test_the_method_and_rule_set_are_named():
    chart = compute_chart(obs([1, 2, 3]), "xmr")
    assert method_sentence(chart) == ("Soort grafiek: XmR-regelkaart (individuele waarden). "
                                      f"Regels: {RULESET}.")
