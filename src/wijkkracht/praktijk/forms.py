"""Forms of the praktijkbank: one practice form (principles and target groups as checkboxes),
an attachment, and the search with its filters (a GET form: a search is a link)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkkracht.inputs.forms import CleanTextMixin

from .core.vocabulary import vocabulary
from .models import Status

TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
TEXTAREA = "utrecht-textarea utrecht-textarea--html-textarea"
SELECT = "utrecht-select utrecht-select--html-select"
CHECKBOX = "utrecht-checkbox utrecht-checkbox--html-input"
CHECKBOX_FIELDS = ("principles", "target_groups", "monitor_indicators")


def _text(label, max_length: int | None = None, required: bool = False, help_text: str = ""):
    return forms.CharField(label=label, max_length=max_length, required=required,
                           help_text=help_text, widget=forms.TextInput(attrs={"class": TEXTBOX}))


def _area(label, help_text: str = ""):
    return forms.CharField(label=label, required=False, help_text=help_text,
                           widget=forms.Textarea(attrs={"class": TEXTAREA, "rows": 4}))


def principle_choices() -> list[tuple[str, str]]:
    return [(p.code, f"{p.name}: {p.explanation}") for p in vocabulary().principles]


def target_group_choices() -> list[tuple[str, str]]:
    return [(t.code, t.name) for t in vocabulary().target_groups]


class PracticeForm(CleanTextMixin, forms.Form):
    title = _text(_("Name"), 160, required=True)
    summary = _text(_("In one sentence"), 300, required=True,
                    help_text=_("What the practice does, for whom, in one plain sentence."))
    description = _area(_("Description"))
    place = _text(_("Place or wijk"), 120)
    gemeente_code = _text(_("Gemeente (CBS code)"), 6,
                          help_text=_("For example GM0392 for Haarlem."))
    wijk_codes = _text(_("Wijken (CBS codes)"), 400,
                       help_text=_("One or more wijk codes, separated by spaces, e.g. "
                                   "WK039210. They decide which teams see the practice first."))
    organisations = _area(_("Organisations involved"))
    started_on = forms.DateField(label=_("Started on"), required=False,
                                 widget=forms.DateInput(attrs={"class": TEXTBOX, "type": "date"}))
    ended_on = forms.DateField(label=_("Ended on"), required=False,
                               widget=forms.DateInput(attrs={"class": TEXTBOX, "type": "date"}))
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"), required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": CHECKBOX}))
    goals = _area(_("Goals"))
    intended_results = _area(_("Intended results"))
    achieved_results = _area(_("Results achieved"))
    lessons = _area(_("Lessons learned"))
    advice = _area(_("Advice for others"))
    principles = forms.MultipleChoiceField(
        label=_("Principles"), required=False,
        help_text=_("The working principles of Wijk- en Buurtgericht Werken this practice "
                    "applies."),
        widget=forms.CheckboxSelectMultiple(attrs={"class": CHECKBOX}))
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices,
                               widget=forms.Select(attrs={"class": SELECT}))
    status_reason = _area(_("Why this status"))
    contact_name = _text(_("Contact person"), 120,
                         help_text=_("A professional who agrees to be named. No residents."))
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False,
                                     widget=forms.EmailInput(attrs={"class": TEXTBOX}))
    monitor_indicators = forms.MultipleChoiceField(
        label=_("Measured with monitor indicators"), required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": CHECKBOX}))
    sroi_initiative_id = forms.TypedChoiceField(
        label=_("SROI value map"), required=False, coerce=int, empty_value=None,
        help_text=_("A value map of your organisation; its SROI ratio is shown with the "
                    "practice."),
        widget=forms.Select(attrs={"class": SELECT}))
    source = _text(_("Source"), 300,
                   help_text=_("Where the facts come from, e.g. a programme report."))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, indicators: list[tuple[str, str]] = (),
                 value_maps: list[tuple[int, str]] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["principles"].choices = principle_choices()
        self.fields["target_groups"].choices = target_group_choices()
        self.fields["monitor_indicators"].choices = list(indicators)
        self.fields["sroi_initiative_id"].choices = [("", _("(none)"))] + [
            (pk, name) for pk, name in value_maps]

    def clean_wijk_codes(self) -> list[str]:
        raw = self.cleaned_data.get("wijk_codes") or ""
        return [c for c in raw.replace(",", " ").split() if c]

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}

    @staticmethod
    def initial_of(practice) -> dict[str, Any]:
        fields = [name for name in PracticeForm.base_fields if name != "version"]
        initial = {name: getattr(practice, name) for name in fields}
        initial["wijk_codes"] = " ".join(practice.wijk_codes or [])
        initial["version"] = practice.version
        return initial


class AttachmentForm(CleanTextMixin, forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("A PDF, PNG or JPEG of at most 10 MB."),
                           widget=forms.ClearableFileInput(attrs={"class": TEXTBOX}))
    description = _text(_("Description"), 200)


class SearchForm(CleanTextMixin, forms.Form):
    q = _text(_("Search words"), 200, help_text=_("For example: mantelzorgers, eenzaamheid."))
    principle = forms.ChoiceField(label=_("Principle"), required=False,
                                  widget=forms.Select(attrs={"class": SELECT}))
    target_group = forms.ChoiceField(label=_("Target group"), required=False,
                                     widget=forms.Select(attrs={"class": SELECT}))
    gemeente = _text(_("Gemeente (CBS code)"), 6)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("(all)")), *Status.choices],
                               widget=forms.Select(attrs={"class": SELECT}))
    measured = forms.BooleanField(label=_("Only practices with measured results"),
                                  required=False,
                                  widget=forms.CheckboxInput(attrs={"class": CHECKBOX}))
    wijk = _text(_("Your wijk (CBS code)"), 10,
                 help_text=_("Practices from wijken like yours come first, e.g. WK039210."))

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        everything = [("", _("(all)"))]
        self.fields["principle"].choices = everything + [
            (p.code, p.name) for p in vocabulary().principles]
        self.fields["target_group"].choices = everything + target_group_choices()

    def clean_gemeente(self) -> str:
        return (self.cleaned_data.get("gemeente") or "").strip().upper()

    def clean_wijk(self) -> str:
        return (self.cleaned_data.get("wijk") or "").strip().upper()
