"""Plain-Dutch sentences for the SROI report: what a euro yields, payback, the assumption that
matters most and its break-even, and who invests versus who benefits (the "wrong pocket").

Pure: reads a :class:`wijkkracht.stats.sroi.SroiResult` and returns sentences (B1 Dutch, with a
decimal comma and thousands dots from :func:`wijkkracht.reports.numbers.fmt_number`). The
figures are estimates, so the sentences say "naar schatting", and a payback is rounded up to
whole months so the text never promises it sooner than the arithmetic does (the SROI principle
"do not over-claim", SROI guide 2012).
"""

from __future__ import annotations

import math

from wijkkracht.reports.numbers import fmt_number
from wijkkracht.stats.sroi import ADJUSTMENTS, FIELD_NL, GRADE_NL, Sensitivity, SroiResult

# (at the start of a sentence, within a sentence, plural?) per stakeholder kind.
KIND_WORDS = {
    "gemeente": ("De gemeente", "de gemeente", False),
    "zorgverzekeraar": ("De zorgverzekeraar", "de zorgverzekeraar", False),
    "rijk": ("Het Rijk", "het Rijk", False),
    "bewoners": ("De bewoners", "de bewoners", True),
    "aanbieder": ("De aanbieder", "de aanbieder", False),
    "overig": ("Overige partijen", "overige partijen", True),
}
ARTICLE = {"quantity": "het"}  # every other estimate takes "de"
ORDINAL = ("De aanname die het meest uitmaakt, is", "Op de tweede plaats staat",
           "Op de derde plaats staat", "Op de vierde plaats staat", "Op de vijfde plaats staat")
NOT_PAID = "is de investering niet meer terugverdiend."
PAID = "wordt de investering terugverdiend."


def euros(amount: float, decimals: int = 0) -> str:
    """148997.4 -> '€ 148.997'; 2.4 with decimals=2 -> '€ 2,40'."""
    return f"€ {fmt_number(amount, decimals)}"


def share(fraction: float) -> str:
    """A share as whole percents ('80%'); one decimal below 10 % so a small share is not 0%."""
    value = fraction * 100
    decimals = 1 if 0 < abs(value) < 9.95 else 0
    return f"{fmt_number(value, decimals)}%"


def rate(fraction: float) -> str:
    """A discount rate with at most two decimals: '2,25%', '3,5%', '0%'."""
    text = fmt_number(fraction * 100, 2).rstrip("0").rstrip(",")
    return f"{text}%"


def _amount(estimate: str, value: float) -> str:
    if estimate in ADJUSTMENTS:
        return share(value)
    if estimate == "discount_rate":
        return rate(value)
    if estimate == "duration":
        return f"{fmt_number(value, 0)} jaar"
    if estimate == "proxy":
        return euros(value, 0 if value >= 100 else 2)
    if value >= 100:
        return fmt_number(value, 0)
    text = fmt_number(value, 1)  # 8,8 people; 95 rather than 95,0
    return text.removesuffix(",0")


def estimate_text(estimate: str, value: float) -> str:
    """An estimate as the report writes it: '20%', '2,25%', '3 jaar', '€ 1.000', '8,8'."""
    return _amount(estimate, value)


def ratio_sentence(result: SroiResult) -> str:
    """'Elke euro die wordt geïnvesteerd levert naar schatting € 2,40 aan maatschappelijke
    waarde op (netto € 1,40).'"""
    per_euro = round(result.ratio, 2)
    net = per_euro - 1
    start = ("Elke euro die wordt geïnvesteerd levert naar schatting "
             f"{euros(per_euro, 2)} aan maatschappelijke waarde op")
    if net >= 0:
        return f"{start} (netto {euros(net, 2)})."
    return f"{start}; dat is minder dan de investering (netto {euros(-net, 2)} verlies)."


def value_sentence(result: SroiResult) -> str:
    """The totals: present value against the investment, and the difference."""
    start = (f"De maatschappelijke waarde is naar schatting {euros(result.present_value)} "
             f"(contante waarde), tegen een investering van {euros(result.investment)}")
    if result.npv >= 0:
        return f"{start}: netto {euros(result.npv)} meer dan de investering."
    return f"{start}: netto {euros(-result.npv)} minder dan de investering."


def payback_sentence(result: SroiResult) -> str:
    """Payback in whole months, rounded up; or that it is not paid back."""
    if result.payback_months is None:
        return "De investering wordt binnen de duur van de effecten niet terugverdiend."
    months = max(1, math.ceil(result.payback_months - 1e-9))
    unit = "maand" if months == 1 else "maanden"
    return f"De investering is naar schatting binnen {months} {unit} terugverdiend."


def _what(s: Sensitivity) -> str:
    """'de toeschrijving bij “Minder crises” (nu 20%, schatting)'."""
    article = ARTICLE.get(s.estimate, "de")
    where = f" bij “{s.description}”" if s.row is not None and s.description else ""
    now = _amount(s.estimate, s.value)
    grade = f", {GRADE_NL[s.grade]}" if s.grade else ""
    return f"{article} {FIELD_NL[s.estimate]}{where} (nu {now}{grade})"


def break_even_sentence(s: Sensitivity, paid: bool) -> str:
    """Where this estimate tips the ratio over 1:1, in the direction that matters now.

    ``paid``: the investment is paid back now (ratio >= 1), so the sentence says when it no
    longer is; otherwise it says what it would take.
    """
    label = f"{ARTICLE.get(s.estimate, 'de')} {FIELD_NL[s.estimate]}"
    if s.break_even is None:
        if paid:
            return f"Ook bij de uiterste waarde van {label} blijft de investering terugverdiend."
        return (f"Alleen {label} veranderen is niet genoeg om de investering terug te "
                "verdienen.")
    edge = _amount(s.estimate, s.break_even)
    if s.estimate == "duration":
        if paid:
            return f"Als het effect korter duurt dan {edge}, {NOT_PAID}"
        return f"Pas als het effect {edge} of langer duurt, {PAID}"
    if s.ratio_rises:
        if paid:
            return f"Als {label} lager is dan {edge}, {NOT_PAID}"
        return f"Pas als {label} hoger is dan {edge}, {PAID}"
    if paid:
        return f"Als {label} boven {edge} ligt, {NOT_PAID}"
    return f"Pas als {label} onder {edge} ligt, {PAID}"


def assumption_sentences(result: SroiResult, top: int = 3) -> tuple[str, ...]:
    """The ``top`` assumptions that move the ratio most, each with its break-even (STATISTICS.md
    section 13: report the break-even of the three most influential assumptions). Assumptions
    that do not move the ratio at all are left out."""
    paid = result.ratio >= 1
    sentences: list[str] = []
    moving = [s for s in result.sensitivity if s.swing > 0][:min(top, len(ORDINAL))]
    for place, s in enumerate(moving):
        sentences.append(f"{ORDINAL[place]} {_what(s)}.")
        sentences.append(break_even_sentence(s, paid))
    return tuple(sentences)


def pocket_sentence(result: SroiResult) -> str:
    """'De gemeente investeert 80%, de zorgverzekeraar krijgt 55% van de baten.' (the largest
    investor and the largest beneficiary, by stakeholder kind)."""
    investor = max(result.pockets, key=lambda p: p.invested_share)
    beneficiary = max(result.pockets, key=lambda p: p.benefit_share)
    subject, _, plural = KIND_WORDS[investor.kind]
    invests = (f"{subject} {'investeren' if plural else 'investeert'} "
               f"{share(investor.invested_share)}")
    if result.present_value <= 0:
        return f"{invests}; er zijn geen baten berekend."
    if beneficiary.kind == investor.kind:
        gets = "krijgen" if plural else "krijgt"
        return f"{invests} en {gets} ook {share(beneficiary.benefit_share)} van de baten."
    _, other, other_plural = KIND_WORDS[beneficiary.kind]
    gets = "krijgen" if other_plural else "krijgt"
    return f"{invests}, {other} {gets} {share(beneficiary.benefit_share)} van de baten."


def method_sentence(result: SroiResult) -> str:
    return f"Methode: {result.method}."


def sroi_reading(result: SroiResult) -> tuple[str, ...]:
    """Every sentence for the report, in reading order."""
    return (ratio_sentence(result), value_sentence(result), payback_sentence(result),
            *assumption_sentences(result), pocket_sentence(result), method_sentence(result))
