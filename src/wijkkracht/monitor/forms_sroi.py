"""The whole SROI value map in one form: the initiative, then formsets of stakeholders, inputs
and outcome rows, each with empty rows to add more (no JavaScript needed).

The fields only parse what was typed; whether the map holds together is decided by
:func:`wijkkracht.stats.sroi.validate` on exactly the map that would be saved, and each of its
Dutch problems is put beside the row and field it names. Fields are therefore not ``required``
here (the arithmetic's message says more than "this field is required"), and a bound form
always shows back what was typed, also when it is wrong.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wijkkracht.inputs.forms import CleanTextMixin
from wijkkracht.stats import sroi

from .models_sroi import EvidenceGrade, StakeholderKind
from .selectors_sroi import (
    INPUT_FIELDS,
    OUTCOME_FIELDS,
    STAKEHOLDER_FIELDS,
    build_value_map,
)

SELECT_CLASS = "utrecht-select utrecht-select--html-select"
TEXTBOX_CLASS = "utrecht-textbox utrecht-textbox--html-input"
NUMBER_CLASS = "utrecht-textbox utrecht-textbox--html-input wk-textbox--number"
TEXTAREA_CLASS = "utrecht-textarea utrecht-textarea--html-textarea"
STAKEHOLDER_LIST = "sroi-belanghebbenden"
EXTRA_STAKEHOLDERS, EXTRA_INPUTS, EXTRA_OUTCOMES = 2, 2, 1
# "1.500" and "1.500,25" are Dutch thousands; a lone dot elsewhere ("2.25") is a decimal point.
THOUSANDS = re.compile(r"^-?[1-9]\d{0,2}(\.\d{3})+(,\d+)?$")
NUMBER = re.compile(r"^-?(\d+([.,]\d*)?|[.,]\d+)$")


def parse_dutch_number(text: str) -> float | None:
    """'12,5' or '12.5' -> 12.5; '1.500' and '1.500,25' (Dutch thousands) -> 1500, 1500.25;
    '' -> None. Raises ValueError for anything else."""
    text = text.strip().replace(" ", "").replace("\u00a0", "").removeprefix("€")
    text = text.removesuffix("%")
    if not text:
        return None
    if THOUSANDS.match(text):
        text = text.replace(".", "")
    if not NUMBER.match(text):
        raise ValueError(text)
    return float(text.replace(",", "."))


def number_text(value: float | int | None) -> str:
    """How a stored number is shown back in a field: '2,25', '5000', '' for None."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.12g}".replace(".", ",")


class DutchNumberField(forms.CharField):
    """A number typed the Dutch way (decimal comma) or with a dot; empty is None."""

    def __init__(self, *, whole: bool = False, **kwargs: Any):
        self.whole = whole
        kwargs.setdefault("required", False)
        attrs = {"class": NUMBER_CLASS, "inputmode": "numeric" if whole else "decimal",
                 "autocomplete": "off"}
        super().__init__(widget=forms.TextInput(attrs=attrs), **kwargs)

    def prepare_value(self, value: Any) -> Any:
        return number_text(value) if isinstance(value, int | float) else value

    def to_python(self, value: Any) -> float | int | None:
        text = super().to_python(value)
        try:
            number = parse_dutch_number(text)
        except ValueError:
            raise ValidationError(_("Enter a number, such as 12 or 12,5."),
                                  code="number") from None
        if number is not None and self.whole and number.is_integer():
            return int(number)
        return number


def _text(max_length: int, label, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, required=False,
                           widget=forms.TextInput(attrs={"class": TEXTBOX_CLASS}), **kwargs)


def _choice(label, choices, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=False,
                             choices=[("", _("(choose)")), *choices],
                             widget=forms.Select(attrs={"class": SELECT_CLASS}), **kwargs)


def _stakeholder(label) -> forms.CharField:
    """A stakeholder by name, with the names of the map as suggestions (a datalist)."""
    return forms.CharField(label=label, max_length=120, required=False,
                           widget=forms.TextInput(attrs={"class": TEXTBOX_CLASS,
                                                         "list": STAKEHOLDER_LIST}),
                           help_text=_("The name as in the list of stakeholders."))


class InitiativeForm(CleanTextMixin, forms.Form):
    name = forms.CharField(label=_("Name of the initiative"), max_length=200,
                           widget=forms.TextInput(attrs={"class": TEXTBOX_CLASS}))
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(
        attrs={"class": TEXTAREA_CLASS, "rows": 3}))
    period = _text(80, _("Period covered"), help_text=_("For example 2025 or 2025-2027."))
    discount_rate = DutchNumberField(
        label=_("Discount rate (%)"),
        help_text=_("Standard 2,25%: the Dutch rate for social cost-benefit analysis (MKBA)."))
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int, required=False,
                                          widget=forms.Select(attrs={"class": SELECT_CLASS}))

    def __init__(self, *args: Any, organisations=(), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]
        if len(organisations) < 2:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].required = True


ADJUSTMENT_NAMES = {"deadweight": _("Deadweight: what would have happened anyway"),
                    "displacement": _("Displacement: what only moved elsewhere"),
                    "attribution": _("Attribution: what others brought about"),
                    "drop_off": _("Drop-off: how fast the effect fades")}


class StakeholderForm(CleanTextMixin, forms.Form):
    name = _text(120, _("Name"), help_text=_("For example: Gemeente Haarlem, Bewoners."))
    kind = _choice(_("Kind"), StakeholderKind.choices)


class InputForm(CleanTextMixin, forms.Form):
    stakeholder = _stakeholder(_("Who invests"))
    description = _text(200, _("What"))
    amount = DutchNumberField(label=_("Amount (€)"))
    year = DutchNumberField(label=_("Year"), whole=True,
                            help_text=_("1 is the first year of the initiative."))
    evidence = _text(300, _("Source"))


class OutcomeForm(CleanTextMixin, forms.Form):
    stakeholder = _stakeholder(_("For whom"))
    description = _text(200, pgettext_lazy("sroi", "Outcome"),
                        help_text=_("What changes, e.g. fewer crises."))
    indicator = _text(200, _("Indicator"), help_text=_("How you see the change."))
    quantity = DutchNumberField(label=_("Quantity"),
                                help_text=_("How many people or times, per year."))
    quantity_source = _text(300, _("Source of the quantity"))
    indicator_code = _choice(_("Or: monitor indicator"), [])
    duration = DutchNumberField(label=_("Duration (years)"), whole=True)
    proxy = DutchNumberField(label=_("Financial proxy (€ per unit)"))
    proxy_source = _text(300, _("Source of the proxy"),
                         help_text=_("For example the Werkwijzer MKBA sociaal domein."))
    deadweight = DutchNumberField(label=_("Deadweight (%)"),
                                  help_text=_("Share that would have happened anyway."))
    deadweight_grade = _choice(_("Evidence for the deadweight"), EvidenceGrade.choices)
    deadweight_source = _text(300, _("Source of the deadweight"))
    displacement = DutchNumberField(label=_("Displacement (%)"),
                                    help_text=_("Share that only moved elsewhere."))
    displacement_grade = _choice(_("Evidence for the displacement"), EvidenceGrade.choices)
    displacement_source = _text(300, _("Source of the displacement"))
    attribution = DutchNumberField(label=_("Attribution (%)"),
                                   help_text=_("Share that others brought about."))
    attribution_grade = _choice(_("Evidence for the attribution"), EvidenceGrade.choices)
    attribution_source = _text(300, _("Source of the attribution"))
    drop_off = DutchNumberField(label=_("Drop-off per year (%)"),
                                help_text=_("How much of the effect is lost each year."))
    drop_off_grade = _choice(_("Evidence for the drop-off"), EvidenceGrade.choices)
    drop_off_source = _text(300, _("Source of the drop-off"))
    pocket = _choice(_("Benefits land with"), StakeholderKind.choices,
                     help_text=_("Whose money is saved or earned, e.g. the health insurer's."))

    def __init__(self, *args: Any, indicators=(), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["indicator_code"].choices = [("", _("(none)")), *indicators]

    @property
    def adjustment_parts(self) -> list[tuple[str, list[forms.BoundField]]]:
        """Per adjustment its name and its value, evidence grade and source: one group on the
        page."""
        return [(ADJUSTMENT_NAMES[name],
                 [self[name], self[f"{name}_grade"], self[f"{name}_source"]])
                for name in sroi.ADJUSTMENTS]


# The outcome fields shown before the adjustments (the pocket comes after them).
OUTCOME_MAIN = ("stakeholder", "description", "indicator", "quantity", "quantity_source",
                "indicator_code", "duration", "proxy", "proxy_source")


StakeholderFormSet = forms.formset_factory(StakeholderForm, extra=EXTRA_STAKEHOLDERS,
                                           can_delete=True)


class _InputFormSet(forms.BaseFormSet):
    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if index is not None and index >= self.initial_form_count():
            kwargs["initial"] = {"year": 1}  # an empty row starts in year 1
        return kwargs


InputFormSet = forms.formset_factory(InputForm, formset=_InputFormSet, extra=EXTRA_INPUTS,
                                     can_delete=True)
OutcomeFormSet = forms.formset_factory(OutcomeForm, extra=EXTRA_OUTCOMES, can_delete=True)

# (section of stats.sroi.Problem, formset attribute, the row's fields)
SECTIONS = (("stakeholders", "stakeholder_forms", STAKEHOLDER_FIELDS),
            ("inputs", "input_forms", INPUT_FIELDS),
            ("outcomes", "outcome_forms", OUTCOME_FIELDS))


def _blank(values: dict) -> bool:
    return all(v in (None, "") for v in values.values())


class ValueMapForm:
    """The initiative form and the three formsets, checked as one value map.

    ``initial``: the stored map as rows (``selectors_sroi.value_map_rows``). After
    :meth:`is_valid`, ``rows`` holds (head, stakeholders, inputs, outcomes) for the service;
    ``section_errors`` the problems that belong to no single row.
    """

    def __init__(self, data=None, *, initial=None, organisations=(), indicators=()):
        head, stakeholders, inputs, outcomes = initial or ({}, [], [], [])
        head = {**head, "discount_rate": head.get("discount_rate",
                                                  round(sroi.MKBA_DISCOUNT_RATE * 100, 4))}
        self.form = InitiativeForm(data, initial=head, organisations=organisations)
        self.stakeholder_forms = StakeholderFormSet(data, initial=stakeholders,
                                                    prefix="belanghebbende")
        self.input_forms = InputFormSet(data, initial=inputs, prefix="investering")
        self.outcome_forms = OutcomeFormSet(data, initial=outcomes, prefix="uitkomst",
                                            form_kwargs={"indicators": indicators})
        self.section_errors: dict[str, list[str]] = {}
        self.rows = None
        self.outcome_main = OUTCOME_MAIN
        self._placed: set[str] = set()  # validate()'s messages, which name their row already

    @property
    def is_bound(self) -> bool:
        return self.form.is_bound

    def names(self) -> list[str]:
        """The stakeholder names for the datalist: typed (bound) or stored."""
        names = []
        for form in self.stakeholder_forms:
            value = (form["name"].value() or "").strip()
            if value and value not in names:
                names.append(value)
        return names

    def _included(self, formset) -> list[tuple[forms.Form, dict]]:
        rows = []
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE"):
                continue
            values = {k: v for k, v in data.items() if k != "DELETE"}
            typed = {k: v for k, v in values.items() if not (k == "year" and v == 1)}
            if (not values or _blank(typed)) and not form.errors:
                continue
            rows.append((form, values))
        return rows

    def is_valid(self) -> bool:
        parts = [self.form, self.stakeholder_forms, self.input_forms, self.outcome_forms]
        parsed = all([p.is_valid() for p in parts])  # every part checked: all errors at once
        included = {section: self._included(getattr(self, attr))
                    for section, attr, _fields in SECTIONS}
        head = dict(self.form.cleaned_data) if hasattr(self.form, "cleaned_data") else {}
        value_map = build_value_map(head, *([values for _f, values in included[section]]
                                            for section, _a, _fl in SECTIONS))
        for problem in sroi.validate(value_map):
            self._place(problem, included)
        if not parsed or self.total_error_count():
            return False
        self.rows = (head, *([values for _f, values in included[section]]
                             for section, _a, _fl in SECTIONS))
        return True

    def _place(self, problem: sroi.Problem, included) -> None:
        if problem.section == "map":
            if problem.field not in self.form.errors:
                self.form.add_error(problem.field, problem.message)
            return
        if problem.row is None:
            self.section_errors.setdefault(problem.section, []).append(problem.message)
            return
        form, _values = included[problem.section][problem.row - 1]
        self._placed.add(problem.message)
        if problem.field in form.fields and problem.field not in form.errors:
            form.add_error(problem.field, problem.message)
        elif problem.field not in form.fields:
            form.add_error(None, problem.message)

    def error_list(self) -> list[tuple[str | None, str]]:
        """Every problem as (id of the field or section to jump to, message), in page order,
        for the summary at the top of the page."""
        if not self.is_bound:
            return []
        found: list[tuple[str | None, str]] = []

        def of(form: forms.Form, row: str = "", anchor_all: str | None = None) -> None:
            for error in form.non_field_errors():
                found.append((anchor_all, str(error)))
            for name, field in form.fields.items():
                for error in form.errors.get(name, ()):
                    # A parse error ("Enter a number") says where, as validate()'s do.
                    message = str(error) if str(error) in self._placed else (
                        f"{row}, {field.label}: {error}" if row else f"{field.label}: {error}")
                    found.append((form[name].auto_id or None, message))

        of(self.form)
        anchors = {"stakeholders": "belanghebbenden", "inputs": "investeringen",
                   "outcomes": "uitkomsten"}
        words = {"stakeholders": _("Stakeholder %(number)s"), "inputs": _("Input %(number)s"),
                 "outcomes": _("Outcome %(number)s")}
        for section, attr, _fields in SECTIONS:
            formset = getattr(self, attr)
            for error in formset.non_form_errors():
                found.append((anchors[section], str(error)))
            for message in self.section_errors.get(section, ()):
                found.append((anchors[section], message))
            for number, form in enumerate(formset.forms, 1):
                if formset.can_delete and formset._should_delete_form(form):
                    continue
                of(form, str(words[section]) % {"number": number},
                   form[next(iter(form.fields))].auto_id)
        found += [(None, message) for message in self.section_errors.get("map", ())]
        return found

    def total_error_count(self) -> int:
        return (len(self.form.errors) + sum(len(v) for v in self.section_errors.values())
                + sum(fs.total_error_count() for fs in (
                    self.stakeholder_forms, self.input_forms, self.outcome_forms)))
