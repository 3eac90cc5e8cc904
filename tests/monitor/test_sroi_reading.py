"""Plain-Dutch SROI sentences, from value maps whose figures are worked out by hand here.

All maps use r = 0 and one-year effects unless said otherwise, so every figure is plain
multiplication (the discounting itself is tested in tests/stats/test_sroi.py).
"""

from __future__ import annotations

import pytest

from wijkkracht.monitor.report.sroi_reading import (
    assumption_sentences,
    break_even_sentence,
    euros,
    payback_sentence,
    pocket_sentence,
    rate,
    ratio_sentence,
    share,
    sroi_reading,
    value_sentence,
)
from wijkkracht.stats.sroi import Adjustment, Input, Outcome, Stakeholder, ValueMap, compute

STAKEHOLDERS = (
    Stakeholder("Gemeente Haarlem", "gemeente"),
    Stakeholder("Welzijn Haarlem", "aanbieder"),
    Stakeholder("Bewoners", "bewoners"),
)


def outcome(quantity, proxy=1000, attribution=0.0, pocket="zorgverzekeraar", duration=1,
            drop_off=0.0, description="Minder crises") -> Outcome:
    def adj(v):
        return Adjustment(v, "C", "schatting")

    return Outcome(stakeholder="Bewoners", description=description, indicator="crises",
                   quantity=quantity, quantity_source="monitor", duration=duration, proxy=proxy,
                   proxy_source="Kostenhandleiding", deadweight=adj(0.0),
                   displacement=adj(0.0), attribution=adj(attribution), drop_off=adj(drop_off),
                   pocket=pocket)


def value_map(outcomes, gemeente=5000, aanbieder=0, discount_rate=0.0) -> ValueMap:
    inputs = [Input(stakeholder="Gemeente Haarlem", description="Subsidie", amount=gemeente)]
    if aanbieder:
        inputs.append(Input(stakeholder="Welzijn Haarlem", description="Uren", amount=aanbieder))
    return ValueMap(stakeholders=STAKEHOLDERS, inputs=tuple(inputs), outcomes=tuple(outcomes),
                    discount_rate=discount_rate)


def test_dutch_numbers():
    assert euros(1_234_567.8) == "€ 1.234.568"
    assert euros(2.4, 2) == "€ 2,40"
    assert share(0.8) == "80%"
    assert share(0.5864) == "59%"
    assert share(0.055) == "5,5%"
    assert share(0.0) == "0%"
    assert rate(0.0225) == "2,25%"
    assert rate(0.035) == "3,5%"
    assert rate(0.0) == "0%"


def test_ratio_sentence_with_a_decimal_comma():
    # Q 12 × P 1 000 = 12 000 of value against 5 000: ratio 2.4, net 1.4.
    res = compute(value_map([outcome(12)]))
    assert ratio_sentence(res) == ("Elke euro die wordt geïnvesteerd levert naar schatting "
                                   "€ 2,40 aan maatschappelijke waarde op (netto € 1,40).")


def test_ratio_sentence_below_one_says_it_costs_more():
    # Q 3 × P 1 000 = 3 000 against 5 000: ratio 0.6, a loss of 0.40 per euro.
    res = compute(value_map([outcome(3)]))
    assert ratio_sentence(res) == ("Elke euro die wordt geïnvesteerd levert naar schatting "
                                   "€ 0,60 aan maatschappelijke waarde op; dat is minder dan "
                                   "de investering (netto € 0,40 verlies).")


def test_value_sentence_with_thousands_dots():
    # Q 240 × P 1 000 = 240 000 against 100 000: 140 000 more.
    res = compute(value_map([outcome(240)], gemeente=100_000))
    assert value_sentence(res) == ("De maatschappelijke waarde is naar schatting € 240.000 "
                                   "(contante waarde), tegen een investering van € 100.000: "
                                   "netto € 140.000 meer dan de investering.")
    # Q 72: 72 000 against 100 000: 28 000 less.
    res = compute(value_map([outcome(72)], gemeente=100_000))
    assert value_sentence(res).endswith("netto € 28.000 minder dan de investering.")


def test_payback_in_whole_months():
    # 12 000 a year against 5 000: 5 000 / 1 000 a month = 5 months exactly.
    assert payback_sentence(compute(value_map([outcome(12)]))) == (
        "De investering is naar schatting binnen 5 maanden terugverdiend.")
    # 3 600 then 2 700 (DO 25 %, D 3) against 5 000: 12 + 12 × 1 400 / 2 700 = 18.2 months,
    # rounded up to 19 so the text never promises it sooner.
    res = compute(value_map([outcome(3.6, duration=3, drop_off=0.25)]))
    assert res.payback_months == pytest.approx(18.2222, abs=1e-4)
    assert payback_sentence(res) == (
        "De investering is naar schatting binnen 19 maanden terugverdiend.")


def test_payback_that_never_comes():
    assert payback_sentence(compute(value_map([outcome(3)]))) == (
        "De investering wordt binnen de duur van de effecten niet terugverdiend.")


# Map for the assumptions: Q 50 × P 1 000 = 50 000, attribution 50 %, one year (D 1, DO 100 %
# so the duration cannot add years), investment 19 000. PV = 25 000, ratio 1.316.
# Swings: AT 25..75 %: 37 500 / 19 000 = 1.974 to 12 500 / 19 000 = 0.658 -> 1.316 (largest);
# Q and P ±25 %: 0.658; DW 0..25 %: 0.329; r 0..3.5 %: 0.044; D and DO: 0.
# Break-even: AT: 50 000 (1 − AT) = 19 000 -> AT = 62 %; Q: 500 Q = 19 000 -> 38;
# P: 25 P = 19 000 -> € 760.


def assumptions_map(attribution=0.5):
    return value_map([outcome(50, attribution=attribution, drop_off=1.0)], gemeente=19_000)


def test_the_assumption_that_matters_most_and_its_break_even():
    res = compute(assumptions_map())
    sentences = assumption_sentences(res, top=1)
    assert sentences == (
        "De aanname die het meest uitmaakt, is de toeschrijving bij “Minder crises” "
        "(nu 50%, schatting).",
        "Als de toeschrijving boven 62% ligt, is de investering niet meer terugverdiend.",
    )


def test_three_assumptions_by_default():
    sentences = assumption_sentences(compute(assumptions_map()))
    assert len(sentences) == 6
    assert sentences[2] == "Op de tweede plaats staat het aantal bij “Minder crises” (nu 50)."
    assert sentences[3] == ("Als het aantal lager is dan 38, is de investering niet meer "
                            "terugverdiend.")
    assert sentences[4] == ("Op de derde plaats staat de financiële proxy bij “Minder crises” "
                            "(nu € 1.000).")
    assert sentences[5] == ("Als de financiële proxy lager is dan € 760, is de investering niet "
                            "meer terugverdiend.")


def test_break_even_when_not_yet_paid_back():
    # Attribution 80 %: PV 10 000 against 19 000 (ratio 0.53); it pays back below 62 %.
    res = compute(assumptions_map(attribution=0.8))
    assert assumption_sentences(res, top=1)[1] == (
        "Pas als de toeschrijving onder 62% ligt, wordt de investering terugverdiend.")
    by_estimate = {s.estimate: s for s in res.sensitivity}
    assert break_even_sentence(by_estimate["quantity"], paid=False) == (
        # 50 000 × 0.2 / 50 = 200 per unit: 19 000 / 200 = 95.
        "Pas als het aantal hoger is dan 95, wordt de investering terugverdiend.")


def test_break_even_of_the_duration():
    # 3 600, 2 700, 2 025 (Q 3.6, DO 25 %, D 3) against 5 000: 1 year is not enough, 2 are.
    res = compute(value_map([outcome(3.6, duration=3, drop_off=0.25)]))
    by_estimate = {s.estimate: s for s in res.sensitivity}
    assert break_even_sentence(by_estimate["duration"], paid=True) == (
        "Als het effect korter duurt dan 2 jaar, is de investering niet meer terugverdiend.")
    assert break_even_sentence(by_estimate["duration"], paid=False) == (
        "Pas als het effect 2 jaar of langer duurt, wordt de investering terugverdiend.")


def test_no_break_even_within_the_range():
    # PV 8 325 against 5 000 stays above it for any discount rate from -1 % to 20 % (at 20 %:
    # 3 000 + 1 875 + 1 171.9 = 6 046.9).
    res = compute(value_map([outcome(3.6, duration=3, drop_off=0.25)]))
    rate_row = next(s for s in res.sensitivity if s.estimate == "discount_rate")
    assert rate_row.break_even is None
    assert break_even_sentence(rate_row, paid=True) == (
        "Ook bij de uiterste waarde van de discontovoet blijft de investering terugverdiend.")
    assert break_even_sentence(rate_row, paid=False) == (
        "Alleen de discontovoet veranderen is niet genoeg om de investering terug te "
        "verdienen.")


def test_the_wrong_pocket():
    # Inputs: gemeente 80 000, aanbieder 20 000 -> 80 %. Benefits: 55 000 to the
    # zorgverzekeraar, 45 000 to the gemeente -> 55 %.
    res = compute(value_map([outcome(55), outcome(45, pocket="gemeente")],
                            gemeente=80_000, aanbieder=20_000))
    assert pocket_sentence(res) == ("De gemeente investeert 80%, de zorgverzekeraar krijgt "
                                    "55% van de baten.")


def test_pocket_when_the_investor_also_benefits_most():
    # Gemeente invests all 5 000; benefits 6 000 to the gemeente, 4 000 to the bewoners.
    res = compute(value_map([outcome(6, pocket="gemeente"), outcome(4, pocket="bewoners")]))
    assert pocket_sentence(res) == ("De gemeente investeert 100% en krijgt ook 60% van de "
                                    "baten.")


def test_pocket_with_plural_and_rijk():
    res = compute(value_map([outcome(3, pocket="gemeente"), outcome(7, pocket="bewoners")]))
    assert pocket_sentence(res) == ("De gemeente investeert 100%, de bewoners krijgen 70% van "
                                    "de baten.")
    res = compute(value_map([outcome(3, pocket="gemeente"), outcome(7, pocket="rijk")]))
    assert pocket_sentence(res) == ("De gemeente investeert 100%, het Rijk krijgt 70% van de "
                                    "baten.")


def test_pocket_without_benefits():
    res = compute(value_map([outcome(0)]))
    assert pocket_sentence(res) == "De gemeente investeert 100%; er zijn geen baten berekend."


def test_the_whole_reading_in_order_with_the_method():
    res = compute(value_map([outcome(12)], discount_rate=0.0225))
    sentences = sroi_reading(res)
    assert sentences[0].startswith("Elke euro die wordt geïnvesteerd")
    assert sentences[1].startswith("De maatschappelijke waarde is naar schatting")
    assert sentences[2].startswith("De investering is naar schatting binnen")
    assert sentences[3].startswith("De aanname die het meest uitmaakt")
    assert sentences[-2] == ("De gemeente investeert 100%, de zorgverzekeraar krijgt 100% van "
                             "de baten.")
    assert sentences[-1] == ("Methode: SROI (Social Value UK 2012), disconto 2,25% (MKBA, "
                             "Werkgroep discontovoet 2020).")
