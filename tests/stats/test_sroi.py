"""SROI arithmetic against value maps worked by hand.

Formulas: A guide to Social Return on Investment (SROI Network, 2012), stages 4 and 5, as
summarised in STATISTICS.md section 8.1. Every expected figure below is worked out in the
comments (or written as the plain arithmetic it comes from), never taken from the code.
"""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from wijkkracht.errors import WijkkrachtError
from wijkkracht.stats.sroi import (
    MKBA_DISCOUNT_RATE,
    Adjustment,
    Input,
    InvalidValueMap,
    Outcome,
    Stakeholder,
    ValueMap,
    compute,
    sensitivity,
    validate,
    with_estimate,
)


def adj(value, grade="C"):
    return Adjustment(value, grade, "schatting van het team")


def outcome(**changes) -> Outcome:
    base = dict(stakeholder="Bewoners", description="Minder eenzaam", indicator="eenzaamheid",
                quantity=10, quantity_source="monitor", duration=3, proxy=1000,
                proxy_source="Kostenhandleiding", deadweight=adj(0.2), displacement=adj(0.1),
                attribution=adj(0.5), drop_off=adj(0.25), pocket="bewoners")
    base.update(changes)
    return Outcome(**base)


STAKEHOLDERS = (
    Stakeholder("Gemeente Haarlem", "gemeente"),
    Stakeholder("Welzijn Haarlem", "aanbieder"),
    Stakeholder("Zorgverzekeraar", "zorgverzekeraar"),
    Stakeholder("Bewoners", "bewoners"),
)


def single_map(**changes) -> ValueMap:
    """One outcome, r = 0, investment € 5 000 in year 1."""
    base = dict(stakeholders=STAKEHOLDERS,
                inputs=(Input(stakeholder="Gemeente Haarlem", description="Inzet wijkteam",
                              amount=5000),),
                outcomes=(outcome(),), discount_rate=0.0)
    base.update(changes)
    return ValueMap(**base)


# ----------------------------------------------------------------- map 1: one outcome, r = 0
# Impact = Q × P × (1 − DW)(1 − DS)(1 − AT) = 10 × 1000 × 0.8 × 0.9 × 0.5 = 3 600
# Values (DO 25 %): t1 3 600; t2 3 600 × 0.75 = 2 700; t3 2 700 × 0.75 = 2 025
# r = 0: every discount factor is 1; PV = 3 600 + 2 700 + 2 025 = 8 325
# Investment 5 000 (year 1, not discounted); NPV = 3 325; ratio 8 325 / 5 000 = 1.665;
# net ratio 3 325 / 5 000 = 0.665.


def test_one_outcome_without_discounting_by_hand():
    res = compute(single_map())
    (o,) = res.outcomes
    assert o.impact == pytest.approx(3600)
    assert o.values == pytest.approx((3600, 2700, 2025))
    assert res.yearly_values == pytest.approx((3600, 2700, 2025))
    assert res.discount_factors == pytest.approx((1, 1, 1))
    assert res.present_value == pytest.approx(8325)
    assert res.investment == pytest.approx(5000)
    assert res.npv == pytest.approx(3325)
    assert res.ratio == pytest.approx(1.665)
    assert res.net_ratio == pytest.approx(0.665)


def test_payback_in_months_by_hand():
    res = compute(single_map())
    # Discounted payback (r = 0 here): year 1 brings 3 600 of the 5 000; the remaining 1 400
    # come from year 2's 2 700, 1 400 / 2 700 of a year = 6.222 months -> 12 + 6.222 = 18.222.
    assert res.payback_months == pytest.approx(12 + 12 * 1400 / 2700)
    assert res.payback_months == pytest.approx(18.2222, abs=1e-4)
    # The guide's formula: investment / (annual impact / 12) = 5 000 / (3 600 / 12) = 16.667.
    assert res.payback_months_simple == pytest.approx(16.6667, abs=1e-4)


def test_payback_equals_the_guides_formula_without_drop_off_or_discounting():
    # DO 0, r 0: 3 600 a year for 3 years; 5 000 / 300 a month = 16.667 months both ways.
    res = compute(single_map(outcomes=(outcome(drop_off=adj(0.0)),)))
    assert res.payback_months == pytest.approx(5000 / 300)
    assert res.payback_months_simple == pytest.approx(5000 / 300)


def test_no_payback_when_the_value_never_reaches_the_investment():
    # D = 1: only 3 600 of value against 5 000; the guide's formula still says 16.7 months,
    # which is why the headline payback is the cumulative one.
    res = compute(single_map(outcomes=(outcome(duration=1),)))
    assert res.ratio == pytest.approx(0.72)
    assert res.payback_months is None
    assert res.payback_months_simple == pytest.approx(16.6667, abs=1e-4)


def test_zero_impact_has_no_payback_and_no_division_by_zero():
    res = compute(single_map(outcomes=(outcome(quantity=0),)))
    assert res.ratio == 0
    assert res.payback_months is None
    assert res.payback_months_simple is None


# ------------------------------------------------------------------ discounting, r = 10 %
# Two outcomes without adjustments (DW, DS, AT, DO all 0 %), D = 1 and D = 2:
#   outcome a: Q 1, P 1 100, D 1           -> 1 100 at t1
#   outcome b: Q 1, P 605,   D 2, DO 0     -> 605 at t1 and t2
# Totals: t1 1 705, t2 605. Factors 1/1.1 = 0.90909, 1/1.21 = 0.82645.
# PV = 1 705 / 1.1 + 605 / 1.21 = 1 550 + 500 = 2 050.
# Inputs: 1 000 in year 1 (not discounted) + 1 100 in year 2 (discounted once: 1 100 / 1.1 =
# 1 000) -> investment 2 000; ratio 2 050 / 2 000 = 1.025.


def discounting_map() -> ValueMap:
    none = adj(0.0, "A")
    plain = dict(deadweight=none, displacement=none, attribution=none, drop_off=none)
    return ValueMap(
        stakeholders=STAKEHOLDERS,
        inputs=(Input(stakeholder="Gemeente Haarlem", description="Jaar 1", amount=1000),
                Input(stakeholder="Gemeente Haarlem", description="Jaar 2", amount=1100,
                      year=2)),
        outcomes=(outcome(quantity=1, proxy=1100, duration=1, **plain),
                  outcome(quantity=1, proxy=605, duration=2, **plain)),
        discount_rate=0.10,
    )


def test_discounting_at_ten_percent_by_hand():
    res = compute(discounting_map())
    assert res.discount_factors == pytest.approx((1 / 1.1, 1 / 1.21))
    assert res.yearly_values == pytest.approx((1705, 605))
    assert res.outcomes[0].present_value == pytest.approx(1000)
    assert res.outcomes[1].present_value == pytest.approx(550 + 500)
    assert res.present_value == pytest.approx(2050)
    assert res.investment == pytest.approx(2000)
    assert res.ratio == pytest.approx(1.025)
    # Discounted payback: year 1 brings 1 550 of 2 000; the remaining 450 of year 2's 500 is
    # 0.9 of a year -> 12 + 10.8 = 22.8 months.
    assert res.payback_months == pytest.approx(22.8)


def test_inputs_in_the_first_year_are_not_discounted():
    # Moving the year-2 input to year 1: investment 1 000 + 1 100 = 2 100 (no discount).
    m = discounting_map()
    m = replace(m, inputs=(m.inputs[0], replace(m.inputs[1], year=1)))
    assert compute(m).investment == pytest.approx(2100)


# ------------------------------------------ map 2: the wrong pocket, at the default 2.25 %
# Inputs (year 1): gemeente 80 000, aanbieder (welzijn) 20 000 -> investment 100 000.
# 1 "Minder crises"   (bewoners; saves the zorgverzekeraar): Q 20, P 5 000, DW 25 %, DS 0,
#     AT 20 %, DO 50 %, D 2. Impact 20 × 5 000 × 0.75 × 1 × 0.8 = 60 000; t1 60 000, t2 30 000.
# 2 "Minder eenzaam"  (bewoners; value to the bewoners): Q 50, P 1 000, DW 50 %, DS 0, AT 20 %,
#     DO 0, D 1. Impact 50 000 × 0.5 × 0.8 = 20 000; t1 20 000.
# 3 "Minder Wmo"      (saves the gemeente): Q 10, P 3 000, DW 25 %, DS 10 %, AT 20 %, DO 10 %,
#     D 3. Impact 30 000 × 0.75 × 0.9 × 0.8 = 16 200; t1 16 200, t2 14 580, t3 13 122.
# Year totals: t1 96 200, t2 44 580, t3 13 122.
# Factors (r 2.25 %): 1/1.0225 = 0.977995, 1/1.04550625 = 0.956474, 1/1.069030140625 = 0.935427.
# PV_1 = 60 000 × 0.977995 + 30 000 × 0.956474 = 58 679.7 + 28 694.2 = 87 373.9
# PV_2 = 20 000 × 0.977995 = 19 559.9
# PV_3 = 16 200 × 0.977995 + 14 580 × 0.956474 + 13 122 × 0.935427
#      = 15 843.5 + 13 945.4 + 12 274.7 = 42 063.6
# PV = 148 997.4; NPV 48 997.4; ratio 1.48997; net ratio 0.48997.

R = 1.0225
PV_1 = 60_000 / R + 30_000 / R**2
PV_2 = 20_000 / R
PV_3 = 16_200 / R + 14_580 / R**2 + 13_122 / R**3


def pocket_map() -> ValueMap:
    return ValueMap(
        name="Buurtcirkel Transvaal",
        stakeholders=STAKEHOLDERS,
        inputs=(Input(stakeholder="Gemeente Haarlem", description="Subsidie", amount=80_000),
                Input(stakeholder="Welzijn Haarlem", description="Eigen uren", amount=20_000,
                      evidence="urenregistratie")),
        outcomes=(
            outcome(description="Minder crises", quantity=20, proxy=5000, duration=2,
                    deadweight=adj(0.25, "B"), displacement=adj(0.0), attribution=adj(0.2),
                    drop_off=adj(0.5), pocket="zorgverzekeraar", indicator_code="crises"),
            outcome(description="Minder eenzaam", quantity=50, proxy=1000, duration=1,
                    deadweight=adj(0.5), displacement=adj(0.0), attribution=adj(0.2),
                    drop_off=adj(0.0), pocket="bewoners"),
            outcome(description="Minder Wmo", quantity=10, proxy=3000, duration=3,
                    deadweight=adj(0.25), displacement=adj(0.1), attribution=adj(0.2),
                    drop_off=adj(0.1), pocket="gemeente"),
        ),
    )


def test_the_default_discount_rate_is_the_dutch_mkba_standard():
    assert MKBA_DISCOUNT_RATE == 0.0225  # Werkgroep discontovoet 2020, in force 1-1-2021
    assert pocket_map().discount_rate == 0.0225
    res = compute(pocket_map())
    assert res.method == ("SROI (Social Value UK 2012), disconto 2,25% "
                          "(MKBA, Werkgroep discontovoet 2020)")


def test_a_chosen_discount_rate_is_named_in_the_method():
    res = compute(replace(pocket_map(), discount_rate=0.035))
    assert "disconto 3,5% (gekozen; MKBA-standaard 2,25%" in res.method


def test_three_outcomes_at_the_default_rate_by_hand():
    res = compute(pocket_map())
    assert [o.impact for o in res.outcomes] == pytest.approx([60_000, 20_000, 16_200])
    assert res.outcomes[0].values == pytest.approx((60_000, 30_000))
    assert res.outcomes[2].values == pytest.approx((16_200, 14_580, 13_122))
    assert res.yearly_values == pytest.approx((96_200, 44_580, 13_122))
    assert res.discount_factors == pytest.approx((0.977995, 0.956474, 0.935427), abs=1e-6)
    assert [o.present_value for o in res.outcomes] == pytest.approx([PV_1, PV_2, PV_3])
    assert res.outcomes[0].present_value == pytest.approx(87_373.9, abs=0.1)
    assert res.outcomes[2].present_value == pytest.approx(42_063.6, abs=0.1)
    assert res.present_value == pytest.approx(148_997.4, abs=0.1)
    assert res.investment == pytest.approx(100_000)
    assert res.npv == pytest.approx(48_997.4, abs=0.1)
    assert res.ratio == pytest.approx(1.48997, abs=1e-5)
    assert res.net_ratio == pytest.approx(0.48997, abs=1e-5)


def test_payback_at_the_default_rate_by_hand():
    res = compute(pocket_map())
    # Year 1 brings 96 200 / 1.0225 = 94 083.1 of 100 000; the remaining 5 916.9 of year 2's
    # 44 580 / 1.0225² = 42 639.7 is 0.13876 of a year -> 12 + 1.665 = 13.665 months.
    year1, year2 = 96_200 / R, 44_580 / R**2
    assert res.payback_months == pytest.approx(12 + 12 * (100_000 - year1) / year2)
    assert res.payback_months == pytest.approx(13.665, abs=1e-3)
    # Guide: 100 000 / (96 200 / 12) = 12.474 months.
    assert res.payback_months_simple == pytest.approx(12.474, abs=1e-3)


def test_the_wrong_pocket_gemeente_invests_zorgverzekeraar_benefits():
    res = compute(pocket_map())
    pockets = {p.kind: p for p in res.pockets}
    assert list(pockets) == ["gemeente", "zorgverzekeraar", "bewoners", "aanbieder"]
    # Invested: gemeente 80 000 of 100 000 = 80 %, aanbieder 20 %, the others nothing.
    assert pockets["gemeente"].invested == pytest.approx(80_000)
    assert pockets["gemeente"].invested_share == pytest.approx(0.80)
    assert pockets["aanbieder"].invested_share == pytest.approx(0.20)
    assert pockets["zorgverzekeraar"].invested == 0
    # Benefits: zorgverzekeraar PV_1 = 87 373.9 of 148 997.4 = 58.64 %; gemeente PV_3 = 28.23 %;
    # bewoners PV_2 = 13.13 %; the aanbieder gets nothing.
    assert pockets["zorgverzekeraar"].benefits == pytest.approx(PV_1)
    assert pockets["zorgverzekeraar"].benefit_share == pytest.approx(0.5864, abs=1e-4)
    assert pockets["gemeente"].benefit_share == pytest.approx(0.2823, abs=1e-4)
    assert pockets["bewoners"].benefit_share == pytest.approx(0.1313, abs=1e-4)
    assert pockets["aanbieder"].benefits == 0
    assert sum(p.benefit_share for p in res.pockets) == pytest.approx(1)


def test_a_later_input_is_split_at_its_present_value():
    # 1 100 in year 2 at 10 % is worth 1 000 today: gemeente 1 000 + 1 000 of 2 000 = 100 %.
    pockets = {p.kind: p for p in compute(discounting_map()).pockets}
    assert pockets["gemeente"].invested == pytest.approx(2000)
    assert pockets["gemeente"].invested_share == pytest.approx(1)


# ------------------------------------------------------------------ sensitivity, map 1 (r 0)
# Current ratio 1.665 (PV 8 325, investment 5 000).
# Swings (ratio at the high value minus at the low value, in absolute terms):
#   AT 0.25..0.75: ratio ∝ (1 − AT): 1.665 / 0.5 = 3.33 -> 3.33 × 0.75 = 2.4975, × 0.25 =
#       0.8325; swing 1.665
#   DW 0..0.45: 1.665 / 0.8 = 2.08125 -> × 1 = 2.08125, × 0.55 = 1.1446875; swing 0.9365625
#   DO 0..0.5: DO 0: 3 × 3 600 = 10 800 -> 2.16; DO 0.5: 3 600 + 1 800 + 900 = 6 300 -> 1.26;
#       swing 0.9
#   Q 7.5..12.5 and P 750..1 250: ratio ∝ Q (and P): 1.24875 .. 2.08125; swing 0.8325 (tie,
#       Q first in the map's order)
#   D 2..4: D 2: 6 300 -> 1.26; D 4: 8 325 + 2 025 × 0.75 = 9 843.75 -> 1.96875; swing 0.70875
#   DS 0..0.35: 1.665 / 0.9 = 1.85 -> × 1 = 1.85, × 0.65 = 1.2025; swing 0.6475
#   r 0..3.5 %: 3 600/1.035 + 2 700/1.035² + 2 025/1.035³ = 3 478.26 + 2 520.48 + 1 826.43
#       = 7 825.17 -> 1.56503; swing 0.09997
# Break-even (ratio 1, i.e. PV = 5 000):
#   AT: PV at AT 0 is 8 325 / 0.5 = 16 650; 16 650 (1 − AT) = 5 000 -> AT = 1 − 0.3003 = 0.6997
#   DW: PV at DW 0 is 8 325 / 0.8 = 10 406.25 -> 1 − DW = 0.48048 -> DW = 0.51952
#   DS: PV at DS 0 is 8 325 / 0.9 = 9 250 -> 1 − DS = 0.54054 -> DS = 0.45946
#   DO: 3 600 (1 + k + k²) = 5 000 with k = 1 − DO -> k² + k − 0.388889 = 0
#       -> k = (−1 + √(1 + 4 × 0.388889)) / 2 = (−1 + 1.598611) / 2 = 0.299305 -> DO = 0.700695
#   Q: ratio ∝ Q -> Q = 10 / 1.665 = 6.006;  P = 1 000 / 1.665 = 600.6
#   D: D 1 gives 3 600 < 5 000, D 2 gives 6 300 >= 5 000 -> 2 years
#   r: even at 20 % PV = 3 000 + 1 875 + 1 171.9 = 6 046.9 > 5 000 -> none in -1 %..20 %


def test_sensitivity_ranks_assumptions_by_swing_by_hand():
    found = sensitivity(single_map())
    assert [s.estimate for s in found] == [
        "attribution", "deadweight", "drop_off", "quantity", "proxy", "duration",
        "displacement", "discount_rate"]
    swings = {s.estimate: s.swing for s in found}
    assert swings["attribution"] == pytest.approx(1.665)
    assert swings["deadweight"] == pytest.approx(0.9365625)
    assert swings["drop_off"] == pytest.approx(0.9)
    assert swings["quantity"] == pytest.approx(0.8325)
    assert swings["proxy"] == pytest.approx(0.8325)
    assert swings["duration"] == pytest.approx(0.70875)
    assert swings["displacement"] == pytest.approx(0.6475)
    assert swings["discount_rate"] == pytest.approx(1.665 - 1.56503, abs=1e-5)


def test_sensitivity_low_and_high_values_by_hand():
    found = {s.estimate: s for s in sensitivity(single_map())}
    at = found["attribution"]
    assert (at.value, at.low, at.high) == pytest.approx((0.5, 0.25, 0.75))
    assert (at.ratio_low, at.ratio_high) == pytest.approx((2.4975, 0.8325))
    assert not at.ratio_rises and at.grade == "C" and at.row == 1
    dw = found["deadweight"]
    assert (dw.low, dw.high) == pytest.approx((0.0, 0.45))  # clipped at 0 %
    q = found["quantity"]
    assert (q.low, q.high) == pytest.approx((7.5, 12.5))
    assert q.ratio_rises and q.grade is None
    d = found["duration"]
    assert (d.low, d.high) == (2, 4)
    r = found["discount_rate"]
    assert (r.low, r.high) == pytest.approx((0.0, 0.035))
    assert r.row is None and not r.ratio_rises


def test_break_even_values_by_hand():
    found = {s.estimate: s for s in sensitivity(single_map())}
    assert found["attribution"].break_even == pytest.approx(1 - 5000 / 16650)
    assert found["attribution"].break_even == pytest.approx(0.6997, abs=1e-4)
    assert found["deadweight"].break_even == pytest.approx(1 - 5000 / 10406.25)
    assert found["displacement"].break_even == pytest.approx(1 - 5000 / 9250)
    k = (-1 + math.sqrt(1 + 4 * (5000 / 3600 - 1))) / 2
    assert found["drop_off"].break_even == pytest.approx(1 - k, abs=1e-9)
    assert found["drop_off"].break_even == pytest.approx(0.700695, abs=1e-6)
    assert found["quantity"].break_even == pytest.approx(10 / 1.665)
    assert found["proxy"].break_even == pytest.approx(1000 / 1.665)
    assert found["duration"].break_even == 2
    assert found["discount_rate"].break_even is None  # none within -1 %..20 %


def test_break_even_of_the_discount_rate_when_it_exists():
    # Single outcome 1 100 at t1 only (D 1), investment 1 000: ratio 1 at 1 100 / (1 + r) =
    # 1 000, so r = 10 %.
    none = adj(0.0)
    m = single_map(inputs=(Input(stakeholder="Gemeente Haarlem", description="x",
                                 amount=1000),),
                   outcomes=(outcome(quantity=1, proxy=1100, duration=1, deadweight=none,
                                     displacement=none, attribution=none, drop_off=none),))
    found = {s.estimate: s for s in sensitivity(m)}
    assert found["discount_rate"].break_even == pytest.approx(0.10, abs=1e-9)


def test_break_even_when_the_map_does_not_pay_back():
    # D = 1 (ratio 0.72): the shortest duration that pays back is 2 years (6 300 >= 5 000);
    # the attribution would have to drop to 1 − 5 000 / 7 200 = 0.30556 (PV at AT 0 is 7 200).
    found = {s.estimate: s for s in sensitivity(single_map(outcomes=(outcome(duration=1),)))}
    assert found["duration"].break_even == 2
    assert found["attribution"].break_even == pytest.approx(1 - 5000 / 7200)
    # Drop-off does nothing when the effect lasts one year: no break-even.
    assert found["drop_off"].swing == 0
    assert found["drop_off"].break_even is None


def test_no_break_even_within_the_allowed_range():
    # Q 100 instead of 10: impact 36 000, PV 83 250, ratio 16.65. AT at 100 % still brings
    # the value to 0, so AT has a break-even (PV at AT 0 is 166 500: 1 − 5 000 / 166 500 =
    # 0.96997), but even 1 year gives 36 000 >= 5 000: no duration below which it fails.
    found = {s.estimate: s for s in sensitivity(single_map(outcomes=(outcome(quantity=100),)))}
    assert found["attribution"].break_even == pytest.approx(1 - 5000 / 166_500)
    assert found["duration"].break_even is None
    # Drop-off: even at 100 % (only year 1 counts) 36 000 >= 5 000 -> none in 0..100 %.
    assert found["drop_off"].break_even is None


def test_compute_carries_the_sensitivity():
    res = compute(single_map())
    assert res.sensitivity == sensitivity(single_map())
    # 7 estimates for each of the 3 outcomes, plus the discount rate.
    assert len(compute(pocket_map()).sensitivity) == 3 * 7 + 1


def test_break_even_of_the_attribution_in_the_pocket_map_by_hand():
    # Outcome 1 at AT 0: impact 75 000, values 75 000 and 37 500, PV = 75 000 / 1.0225 +
    # 37 500 / 1.0225² = 109 217.4. Ratio 1 needs PV_1 = 100 000 − PV_2 − PV_3 = 38 376.5,
    # so 1 − AT = 38 376.5 / 109 217.4 = 0.35138 -> AT = 0.64862 (64,9 %).
    found = [s for s in sensitivity(pocket_map())
             if s.estimate == "attribution" and s.row == 1]
    pv_at0 = 75_000 / R + 37_500 / R**2
    assert found[0].break_even == pytest.approx(1 - (100_000 - PV_2 - PV_3) / pv_at0)
    assert found[0].break_even == pytest.approx(0.6486, abs=1e-4)


# ------------------------------------------------------------------------------ validation


def messages(value_map: ValueMap) -> list[str]:
    return [p.message for p in validate(value_map)]


def test_a_valid_map_has_no_problems():
    assert validate(pocket_map()) == []
    assert validate(single_map()) == []


def test_missing_proxy_is_named_with_row_and_field():
    m = pocket_map()
    m = replace(m, outcomes=(m.outcomes[0], replace(m.outcomes[1], proxy=None),
                             m.outcomes[2]))
    (p,) = validate(m)
    assert (p.section, p.row, p.field) == ("outcomes", 2, "proxy")
    assert p.message == ("Uitkomst 2 (Minder eenzaam): de financiële proxy ontbreekt; vul een "
                         "bedrag in euro per eenheid in.")


def test_missing_proxy_source_is_a_problem():
    (p,) = validate(single_map(outcomes=(outcome(proxy_source=" "),)))
    assert p.field == "proxy_source"
    assert p.message == ("Uitkomst 1 (Minder eenzaam): de bron van de financiële proxy "
                         "ontbreekt; zeg waar het bedrag vandaan komt.")


def test_percentage_over_100_and_below_0():
    m = single_map(outcomes=(outcome(attribution=adj(1.2), deadweight=adj(-0.05)),))
    assert messages(m) == [
        "Uitkomst 1 (Minder eenzaam): de deadweight is -5%; dat kan niet onder 0% liggen.",
        "Uitkomst 1 (Minder eenzaam): de toeschrijving is 120%; dat kan niet boven 100% "
        "liggen.",
    ]


def test_negative_quantity():
    (p,) = validate(single_map(outcomes=(outcome(quantity=-3),)))
    assert (p.row, p.field) == (1, "quantity")
    assert p.message == ("Uitkomst 1 (Minder eenzaam): het aantal is negatief (-3); vul 0 of "
                         "meer in.")


def test_duration_zero():
    (p,) = validate(single_map(outcomes=(outcome(duration=0),)))
    assert p.field == "duration"
    assert p.message == ("Uitkomst 1 (Minder eenzaam): de duur is 0 jaar; een effect duurt "
                         "minstens 1 jaar.")


def test_duration_must_be_whole_years():
    (p,) = validate(single_map(outcomes=(outcome(duration=2.5),)))
    assert p.message.endswith("de duur is 2.5 jaar; vul een heel aantal jaren in.")


def test_no_inputs_says_the_ratio_is_undefined():
    (p,) = validate(single_map(inputs=()))
    assert (p.section, p.row, p.field) == ("inputs", None, "inputs")
    assert p.message == ("Er zijn geen investeringen ingevuld. Zonder investering is de "
                         "SROI-ratio niet te berekenen (je kunt niet door nul delen).")


def test_inputs_of_zero_euros_say_the_ratio_is_undefined():
    m = single_map(inputs=(Input(stakeholder="Gemeente Haarlem", description="x", amount=0),))
    assert messages(m) == ["De investeringen zijn samen € 0. Zonder investering is de "
                           "SROI-ratio niet te berekenen (je kunt niet door nul delen)."]


def test_adjustment_without_evidence_grade():
    m = single_map(outcomes=(outcome(drop_off=Adjustment(0.1, None)),))
    (p,) = validate(m)
    assert p.field == "drop_off_grade"
    assert p.message == ("Uitkomst 1 (Minder eenzaam): het bewijs bij de afname per jaar "
                         "ontbreekt; kies A (gemeten), B (uit onderzoek) of C (schatting).")


def test_missing_adjustment():
    (p,) = validate(single_map(outcomes=(outcome(displacement=None),)))
    assert p.message == ("Uitkomst 1 (Minder eenzaam): de verplaatsing ontbreekt; vul een "
                         "percentage van 0 tot 100% in (0% als er niets af gaat).")


def test_a_form_sees_all_problems_at_once():
    bad = outcome(description="", proxy=None, quantity=-1, duration=0, attribution=adj(1.5),
                  pocket="buurman", stakeholder="Onbekend")
    m = single_map(outcomes=(bad,), inputs=(), discount_rate=0.3,
                   stakeholders=(*STAKEHOLDERS, Stakeholder("Gemeente Haarlem", "stad")))
    fields = [(p.section, p.row, p.field) for p in validate(m)]
    assert fields == [
        ("stakeholders", 5, "name"), ("stakeholders", 5, "kind"),
        ("inputs", None, "inputs"),
        ("outcomes", 1, "stakeholder"), ("outcomes", 1, "quantity"),
        ("outcomes", 1, "duration"), ("outcomes", 1, "proxy"),
        ("outcomes", 1, "attribution"), ("outcomes", 1, "pocket"),
        ("map", None, "discount_rate"),
    ]
    msgs = messages(m)
    assert msgs[0] == ("Belanghebbende 5 (Gemeente Haarlem): deze naam staat er al; geef elke "
                       "belanghebbende een eigen naam.")
    assert msgs[1] == ("Belanghebbende 5 (Gemeente Haarlem): soort 'stad' bestaat niet; kies "
                       "gemeente, zorgverzekeraar, rijk, bewoners, aanbieder, overig.")
    assert msgs[3] == ("Uitkomst 1: belanghebbende 'Onbekend' staat niet in de lijst van "
                       "belanghebbenden.")
    assert msgs[-1] == ("De discontovoet is 30%; kies een waarde van -1% tot 20% "
                        "(standaard 2,25%).")


def test_input_problems_name_the_row():
    m = single_map(inputs=(
        Input(stakeholder="Gemeente Haarlem", description="Subsidie", amount=100),
        Input(stakeholder="Rijk", description="Impuls", amount=-5, year=0),
    ))
    assert messages(m) == [
        "Investering 2 (Impuls): belanghebbende 'Rijk' staat niet in de lijst van "
        "belanghebbenden.",
        "Investering 2 (Impuls): het bedrag is negatief; vul 0 of meer in.",
        "Investering 2 (Impuls): het jaar moet een heel getal van 1 tot 50 zijn (1 is het "
        "eerste jaar).",
    ]


def test_quantity_from_the_monitor_needs_no_other_source():
    m = single_map(outcomes=(outcome(quantity_source="", indicator_code="crises"),))
    assert validate(m) == []
    (p,) = validate(single_map(outcomes=(outcome(quantity_source=""),)))
    assert p.field == "quantity_source"


def test_compute_refuses_an_invalid_map_with_every_problem():
    m = single_map(inputs=(), outcomes=(outcome(proxy=None),))
    with pytest.raises(InvalidValueMap) as caught:
        compute(m)
    assert isinstance(caught.value, WijkkrachtError)
    assert [p.field for p in caught.value.problems] == ["inputs", "proxy"]
    assert str(caught.value) == ("De waardekaart is niet compleet: Er zijn geen investeringen "
                                 "ingevuld. Zonder investering is de SROI-ratio niet te "
                                 "berekenen (je kunt niet door nul delen). (en nog 1 punt)")


def test_no_outcomes_is_a_problem():
    assert messages(single_map(outcomes=())) == [
        "Er zijn geen uitkomsten ingevuld; zonder uitkomst is er geen maatschappelijke waarde "
        "te berekenen."]


# ------------------------------------------------------------------------ properties


fractions = st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.75, 0.9])


@settings(max_examples=60, deadline=None)
@given(q=st.integers(0, 200), p=st.integers(1, 5000), d=st.integers(1, 6), dw=fractions,
       at=fractions, do=fractions, amount=st.integers(1, 400_000), year=st.integers(1, 3),
       r=st.sampled_from([0.0, 0.0225, 0.035, 0.1]))
@example(q=2, p=2, d=1, dw=0.0, at=0.0, do=0.0, amount=162, year=1, r=0.0)  # 45 years: 0.99...91
def test_payback_exists_exactly_when_the_ratio_reaches_one(q, p, d, dw, at, do, amount, year, r):
    m = single_map(outcomes=(outcome(quantity=q, proxy=p, duration=d, deadweight=adj(dw),
                                     attribution=adj(at), drop_off=adj(do)),),
                   inputs=(Input(stakeholder="Gemeente Haarlem", description="x",
                                 amount=amount, year=year),),
                   discount_rate=r)
    res = compute(m)
    assert (res.payback_months is not None) == (res.ratio >= 1 - 1e-9)
    # A break-even value, put back into the map, gives a ratio of 1.
    for s in res.sensitivity:
        if s.break_even is None:
            continue
        if s.estimate == "duration":  # the shortest whole number of years that pays back
            # "pays back" within the rounding the search allows (a ratio of 0.9999999999999991
            # for 45 years of 3.6 against 162 is 1)
            assert compute(with_estimate(m, 1, "duration", int(s.break_even))).ratio >= 1 - 1e-12
            assert compute(with_estimate(m, 1, "duration", int(s.break_even) - 1)).ratio < 1
        else:
            changed = compute(with_estimate(m, s.row, s.estimate, s.break_even))
            assert changed.ratio == pytest.approx(1, abs=1e-6)
