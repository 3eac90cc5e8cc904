"""What the SROI page, its PDF and its spreadsheets show, worked out once from a value map and
its :class:`~wijkkracht.stats.sroi.SroiResult`: figures as Dutch text for the page and the PDF,
and the same tables as cells for CSV and XLSX (so every format says the same)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from wijkkracht.exports.spreadsheet import Number
from wijkkracht.exports.workbook import Sheet
from wijkkracht.reports.numbers import fmt_number
from wijkkracht.stats import sroi

from .models_sroi import EvidenceGrade, StakeholderKind
from .report.sroi_reading import estimate_text, euros, rate, share, sroi_reading

BAR_WIDTH = 200  # px of the SVG bar for a share of 100 %


def kind_label(kind: str | None) -> str:
    return str(dict(StakeholderKind.choices).get(kind or "", kind or ""))


def grade_label(grade: str | None) -> str:
    return str(dict(EvidenceGrade.choices).get(grade or "", ""))


def months_text(months: float | None) -> str:
    """Whole months rounded up (never sooner than the arithmetic), or that it is not paid back."""
    if months is None:
        return _("not within the duration of the effects")
    whole = max(1, math.ceil(months - 1e-9))
    return ngettext("%(n)d month", "%(n)d months", whole) % {"n": whole}


def ratio_text(ratio: float) -> str:
    return _("%(value)s per € 1") % {"value": euros(ratio, 2)}


def estimate_name(s: sroi.Sensitivity) -> str:
    name = sroi.FIELD_NL[s.estimate]
    name = name[:1].upper() + name[1:]
    return f"{name}: {s.description}" if s.row is not None and s.description else name


@dataclass(frozen=True)
class SroiReport:
    value_map: sroi.ValueMap
    result: sroi.SroiResult

    @property
    def sentences(self) -> tuple[str, ...]:
        return sroi_reading(self.result)

    @property
    def figures(self) -> list[tuple[str, str]]:
        r = self.result
        return [(_("Social value (present value)"), euros(r.present_value)),
                (_("Investment"), euros(r.investment)),
                (_("Net social value (NPV)"), euros(r.npv)),
                (_("SROI ratio"), ratio_text(r.ratio)),
                (_("Net SROI ratio"), ratio_text(r.net_ratio)),
                (_("Paid back within"), months_text(r.payback_months)),
                (_("Paid back within (the guide's simple formula)"),
                 months_text(r.payback_months_simple)),
                (_("Discount rate"), rate(r.discount_rate))]

    @property
    def inputs(self) -> list[dict]:
        r = self.value_map.discount_rate
        return [{"stakeholder": i.stakeholder, "description": i.description, "year": i.year,
                 "amount": euros(i.amount),
                 "present_value": euros(i.amount / (1 + r) ** (i.year - 1)),
                 "evidence": i.evidence}
                for i in self.value_map.inputs]

    @property
    def outcomes(self) -> list[dict]:
        rows = []
        for o, ov in zip(self.value_map.outcomes, self.result.outcomes, strict=True):
            rows.append({
                "row": ov.row, "description": o.description, "stakeholder": o.stakeholder,
                "indicator": o.indicator, "pocket": kind_label(o.pocket),
                "quantity": estimate_text("quantity", o.quantity),
                "proxy": estimate_text("proxy", o.proxy),
                "adjustments": [share(getattr(o, a).value) for a in sroi.ADJUSTMENTS],
                "duration": estimate_text("duration", o.duration),
                "impact": euros(ov.impact), "present_value": euros(ov.present_value)})
        return rows

    @property
    def sensitivity(self) -> list[dict]:
        return [{"name": estimate_name(s), "grade": grade_label(s.grade),
                 "value": estimate_text(s.estimate, s.value),
                 "low": estimate_text(s.estimate, s.low),
                 "ratio_low": fmt_number(s.ratio_low, 2),
                 "high": estimate_text(s.estimate, s.high),
                 "ratio_high": fmt_number(s.ratio_high, 2),
                 "break_even": ("–" if s.break_even is None
                                else estimate_text(s.estimate, s.break_even))}
                for s in self.result.sensitivity if s.swing > 0]

    @property
    def pockets(self) -> list[dict]:
        return [{"kind": kind_label(p.kind), "invested": euros(p.invested),
                 "invested_share": share(p.invested_share),
                 "benefits": euros(p.benefits), "benefit_share": share(p.benefit_share),
                 "invested_width": round(p.invested_share * BAR_WIDTH, 1),
                 "benefit_width": round(p.benefit_share * BAR_WIDTH, 1),
                 "y": 10 + 44 * i}
                for i, p in enumerate(self.result.pockets)]

    @property
    def chart_height(self) -> int:
        return 20 + 44 * len(self.result.pockets)

    @property
    def method(self) -> str:
        return self.result.method

    # ------------------------------------------------------------------ spreadsheets

    def sheets(self) -> list[Sheet]:
        """The value map and its results as tables: what CSV and XLSX hold."""
        m, r = self.value_map, self.result
        adjustment_header = [h for a in sroi.ADJUSTMENTS for h in (
            f"{sroi.FIELD_NL[a]} (%)", _("evidence: %(what)s") % {"what": sroi.FIELD_NL[a]},
            _("source: %(what)s") % {"what": sroi.FIELD_NL[a]})]
        outcome_rows = []
        for o, ov in zip(m.outcomes, r.outcomes, strict=True):
            adjustments = [c for a in sroi.ADJUSTMENTS for c in (
                Number(getattr(o, a).value * 100, 2), getattr(o, a).grade or "",
                getattr(o, a).source)]
            outcome_rows.append([
                ov.row, o.stakeholder, o.description, o.indicator, Number(o.quantity, 2),
                o.quantity_source, o.indicator_code or "", o.duration, Number(o.proxy, 2),
                o.proxy_source, *adjustments, o.pocket, Number(ov.impact, 2),
                Number(ov.present_value, 2)])
        figures = [
            (_("Social value (present value)"), Number(r.present_value, 2)),
            (_("Investment (present value)"), Number(r.investment, 2)),
            (_("Net social value (NPV)"), Number(r.npv, 2)),
            (_("SROI ratio"), Number(r.ratio, 4)),
            (_("Net SROI ratio"), Number(r.net_ratio, 4)),
            (_("Payback in months"), Number(r.payback_months, 1)),
            (_("Payback in months (the guide's simple formula)"),
             Number(r.payback_months_simple, 1)),
            (_("Discount rate (%)"), Number(r.discount_rate * 100, 2)),
            (_("Method"), r.method)]
        return [
            Sheet(_("Value map"), [
                _("No."), _("Stakeholder"), pgettext("sroi", "Outcome"), _("Indicator"),
                _("Quantity"),
                _("Source of the quantity"), _("Monitor indicator"), _("Duration (years)"),
                _("Financial proxy (€)"), _("Source of the proxy"), *adjustment_header,
                _("Benefits land with"), _("Impact per year (€)"),
                _("Present value (€)")], outcome_rows),
            Sheet(_("Inputs"), [_("No."), _("Stakeholder"), _("What"), _("Year"),
                                _("Amount (€)"), _("Source")],
                  [[n, i.stakeholder, i.description, i.year, Number(i.amount, 2), i.evidence]
                   for n, i in enumerate(m.inputs, 1)]),
            Sheet(_("Stakeholders"), [_("No."), _("Name"), _("Kind")],
                  [[n, s.name, s.kind] for n, s in enumerate(m.stakeholders, 1)]),
            Sheet(_("SROI result"), [_("Figure"), _("Value")], [list(f) for f in figures]),
            Sheet(_("Who invests and benefits"), [
                _("Kind"), _("Invested (€)"), _("Share of the investment (%)"),
                _("Benefits (€)"), _("Share of the benefits (%)")],
                [[p.kind, Number(p.invested, 2), Number(p.invested_share * 100, 1),
                  Number(p.benefits, 2), Number(p.benefit_share * 100, 1)]
                 for p in r.pockets]),
            Sheet(_("Sensitivity"), [
                _("Assumption"), _("Outcome no."), _("Evidence"), _("Value now"),
                _("Low value"), _("Ratio at low value"), _("High value"),
                _("Ratio at high value"), _("Break-even value")],
                [[sroi.FIELD_NL[s.estimate], s.row, s.grade or "", Number(_scaled(s, s.value), 4),
                  Number(_scaled(s, s.low), 4), Number(s.ratio_low, 4),
                  Number(_scaled(s, s.high), 4), Number(s.ratio_high, 4),
                  Number(None if s.break_even is None else _scaled(s, s.break_even), 4)]
                 for s in r.sensitivity]),
        ]

    def csv_rows(self) -> tuple[list[str], list[list]]:
        """All tables in one CSV, long: part, row label, column, value (a CSV has one table)."""
        header = [_("Part"), _("Row"), _("Item"), _("Value")]
        rows = []
        for sheet in self.sheets():
            for cells in sheet.rows:
                label = cells[0]
                for column, value in zip(sheet.header[1:], cells[1:], strict=True):
                    rows.append([sheet.title, label, column, value])
        return header, rows


def _scaled(s: sroi.Sensitivity, value: float) -> float:
    """Fractions as percentages, as they are typed."""
    return value * 100 if s.estimate in (*sroi.ADJUSTMENTS, "discount_rate") else value
