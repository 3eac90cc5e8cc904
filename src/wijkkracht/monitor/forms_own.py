"""Forms of a team's own indicators: the definition, one period's figure, a file of figures."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkkracht.inputs.forms import CleanTextMixin, FileUploadMixin

from .core.indicators import IndicatorError
from .core.manual import CHARTS_FOR, Figure, own_definition
from .core.manual_input import FigureError, figure
from .models import Indicator

MEASURE_CHOICES = [
    ("count", _("Count: a number per period (e.g. GP consultations)")),
    ("proportion", _("Share: numerator out of denominator (e.g. tenants who pay on time)")),
    ("rate", _("Rate: numerator per denominator (e.g. reports per 1,000 residents)")),
    ("mean", _("Mean: a sum over a number (e.g. waiting days over people)")),
]
MEASURE_NAMES = {"count": _("a count"), "proportion": _("a share"), "rate": _("a rate"),
                 "mean": _("a mean")}
# The Dutch column a figure's problem names, and the form field that shows it.
FIELD_OF_COLUMN = {"periode": "period", "wijk": "wijk", "teller": "numerator",
                   "noemer": "denominator"}


class IndicatorForm(CleanTextMixin, forms.ModelForm):
    """An own indicator's definition. On a new one the user picks the team (of those they keep
    indicators for); the code is unique within the team; the chart must fit the kind of figure;
    the kind cannot change once figures are entered (they were checked for the old kind)."""

    class Meta:
        model = Indicator
        fields = ["team", "code", "name", "description", "measure", "per", "polarity", "chart",
                  "unit", "source"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {"code": _("Short code"), "name": _("Name"), "description": _("Description"),
                  "measure": _("Kind of figure"), "per": _("Per"), "polarity": _("Direction"),
                  "chart": _("Chart"), "unit": _("Unit"), "source": _("Source")}
        help_texts = {
            "code": _("Letters, digits, - and _ only, e.g. gp_consults. Unique within the "
                      "team."),
            "per": _("1 for a count or a mean; 100 for a percentage; 1000 for a rate per "
                     "1,000."),
            "chart": _("Counts and means: run chart or I chart. Shares: also P or P' chart. "
                       "Rates: also U or U' chart."),
            "unit": _("Shown beside the figures, e.g. consultations, % or per 1,000 "
                      "residents."),
            "source": _("Who supplies the figures, e.g. the GP practice or the housing "
                        "corporation."),
        }

    def __init__(self, *args, teams=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = MEASURE_CHOICES
        self.fields["measure"].widget.choices = MEASURE_CHOICES
        self.fields["per"].min_value = 0
        if self.instance.pk:
            del self.fields["team"]
        else:
            self.fields["team"].queryset = teams
            self.fields["team"].empty_label = None
            self.fields["team"].label = _("Team")

    def clean(self):
        data = super().clean()
        team = self.instance.team if self.instance.pk else data.get("team")
        code = data.get("code")
        if team is not None and code and Indicator.objects.filter(team=team, code=code).exclude(
                pk=self.instance.pk).exists():
            self.add_error("code", _("This team already has an indicator with this code."))
        measure, chart = data.get("measure"), data.get("chart")
        if (self.instance.pk and measure and measure != self.instance.measure
                and self.instance.values.exists()):
            self.add_error("measure", _("Figures have been entered for the present kind. "
                                        "Make a new indicator for another kind of figure."))
        if measure and chart and chart not in CHARTS_FOR.get(measure, ()):
            self.add_error("chart", _("This chart does not fit the kind of figure."))
        per = data.get("per")
        if per is not None and per <= 0:
            self.add_error("per", _("Per must be more than 0."))
        if not self.errors and code and measure and chart:
            try:
                own_definition(code=code, name=data.get("name") or code, measure=measure,
                               chart=chart, per=per or 1)
            except IndicatorError as error:
                self.add_error(None, str(error))
        return data

    def save(self, *, user=None):  # type: ignore[override]
        indicator = super().save(commit=False)
        if not indicator.pk:
            indicator.organisation_id = indicator.team.organisation_id
            indicator.created_by = user
        indicator.save()
        return indicator


class FigureForm(CleanTextMixin, forms.Form):
    """One period's figure, typed: checked as a file's row is, so both say the same."""

    period = forms.CharField(label=_("Period"), max_length=20,
                             help_text=_("A month (2025-03) or a quarter (2025-K1)."))
    wijk = forms.ChoiceField(label=_("For"), required=False)
    numerator = forms.CharField(label=_("Numerator"), max_length=30,
                                help_text=_("The number, e.g. 12 or 12,5."))
    denominator = forms.CharField(label=_("Denominator"), max_length=30, required=False)

    def __init__(self, *args, measure: str, wijken: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure
        self.fields["wijk"].choices = [("", _("the whole team")), *wijken]
        if measure == "count":
            del self.fields["denominator"]
        else:
            self.fields["denominator"].required = True
            self.fields["denominator"].help_text = {
                "proportion": _("Out of how many, e.g. all tenants."),
                "rate": _("Per what, e.g. the number of residents."),
                "mean": _("The number of values the sum is over, e.g. people."),
            }[measure]
            if measure == "mean":
                self.fields["numerator"].help_text = _("The sum of the values, e.g. all "
                                                       "waiting days together.")

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            self.figure = figure(self.measure, period=data.get("period"), wijk=data.get("wijk"),
                                 numerator=data.get("numerator"),
                                 denominator=data.get("denominator"))
        except FigureError as error:
            self.add_error(FIELD_OF_COLUMN[error.column], str(error))
        return data

    @property
    def cleaned_figure(self) -> Figure:
        return self.figure


class FiguresUploadForm(FileUploadMixin, forms.Form):
    file = forms.FileField(label=_("CSV or Excel file"), widget=forms.ClearableFileInput(
        attrs={"accept": ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument"
                         ".spreadsheetml.sheet"}))
