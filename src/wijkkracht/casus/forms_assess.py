"""The form of an assessment: moment, date and one field per domain of the chosen instrument,
with the level names as choices (and the gemeente's own criteria text, when it loaded them).

The form validates what was typed; ``services_assess.assessment_record`` writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Assessment, Case, Instrument, InstrumentDomain
from .services_assess import check_date, domain_field

RADIO_CLASS = "utrecht-radio-button utrecht-radio-button--html-input"
SELECT_CLASS = "utrecht-select utrecht-select--html-select"
TEXTBOX_CLASS = "utrecht-textbox utrecht-textbox--html-input"


class InstrumentChoiceForm(forms.Form):
    """Which instrument to score (a GET form: it only changes the fields below)."""

    instrument = forms.TypedChoiceField(label=gettext_lazy("Instrument"), coerce=int,
                                        widget=forms.Select(attrs={"class": SELECT_CLASS}))

    def __init__(self, *args, instruments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].choices = [(i.pk, str(i)) for i in instruments]


@dataclass(frozen=True)
class LevelOption:
    widget: forms.boundfield.BoundWidget
    description: str


@dataclass(frozen=True)
class DomainRow:
    domain: InstrumentDomain
    field: forms.BoundField
    options: list[LevelOption]


class AssessmentForm(forms.Form):
    instrument = forms.IntegerField(widget=forms.HiddenInput)
    moment = forms.ChoiceField(label=gettext_lazy("Measurement moment"),
                               choices=[("", gettext_lazy("(choose)")),
                                        *Assessment.Moment.choices],
                               widget=forms.Select(attrs={"class": SELECT_CLASS}))
    assessed_on = forms.DateField(label=gettext_lazy("Date of the assessment"),
                                  widget=forms.DateInput(format="%Y-%m-%d",
                                                         attrs={"type": "date",
                                                                "class": TEXTBOX_CLASS}))

    def __init__(self, *args, case: Case, instrument: Instrument,
                 descriptions: Mapping[tuple[int, int], str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.instrument = instrument
        self.descriptions = descriptions or {}
        self.domains = list(instrument.domains.all())
        names = dict(instrument.levels.values_list("value", "name"))
        self.level_names = names
        values = range(instrument.scale_min, instrument.scale_max + 1)
        choices = [(v, f"{v} – {names[v]}" if v in names else str(v)) for v in values]
        wrong = _("This is not a level of %(instrument)s: choose from %(min)d to %(max)d.") % {
            "instrument": instrument.name, "min": instrument.scale_min,
            "max": instrument.scale_max}
        for domain in self.domains:
            self.fields[domain_field(domain.code)] = forms.TypedChoiceField(
                label=domain.name, coerce=int, choices=choices,
                widget=forms.RadioSelect(attrs={"class": RADIO_CLASS}),
                error_messages={"required": _("Score %(domain)s: every domain is scored.")
                                % {"domain": domain.name}, "invalid_choice": wrong})
        self.initial.setdefault("instrument", instrument.pk)

    def clean_instrument(self) -> int:
        value = self.cleaned_data["instrument"]
        if value != self.instrument.pk:
            raise forms.ValidationError(_("The instrument changed; choose it again."))
        return value

    def clean_assessed_on(self):
        value = self.cleaned_data["assessed_on"]
        problems = check_date(self.case, value)
        if problems:
            raise forms.ValidationError(problems)
        return value

    def scores(self) -> dict[str, int]:
        return {d.code: self.cleaned_data[domain_field(d.code)] for d in self.domains}

    def rows(self) -> list[DomainRow]:
        out = []
        for domain in self.domains:
            bound = self[domain_field(domain.code)]
            options = [LevelOption(widget, self.descriptions.get((domain.pk,
                                                                  int(widget.data["value"])), ""))
                       for widget in bound]
            out.append(DomainRow(domain, bound, options))
        return out

    @property
    def has_descriptions(self) -> bool:
        return bool(self.descriptions)
