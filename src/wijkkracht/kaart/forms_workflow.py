"""Forms of the kaart's editing pages. ``ServiceFieldsForm`` is the one definition of the
editable fields: the suggest page, the review page and ``services_workflow.validated`` all use
it, so a value that passes one passes all. A form that fails keeps everything typed."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkkracht.inputs.forms import CleanTextMixin

from .models import Service

SELECT_CLASS = "utrecht-select utrecht-select--html-select"
CHECKBOX_CLASS = "utrecht-checkbox utrecht-checkbox--html-input"
TEXTBOX_CLASS = "utrecht-textbox utrecht-textbox--html-input"
TEXTAREA_CLASS = "utrecht-textarea utrecht-textarea--html-textarea"
PHONE = re.compile(r"^\+?[0-9][0-9 ()\-]{5,20}$")

ACCESS_CHOICES = [
    ("", gettext_lazy("(unknown)")),
    (Service.Access.OPEN, gettext_lazy("open to everyone")),
    (Service.Access.GP, gettext_lazy("through the GP")),
    (Service.Access.WMO, gettext_lazy("with a Wmo decision")),
    (Service.Access.WIJKTEAM, gettext_lazy("through the wijkteam")),
]
FORMALITY_CHOICES = [
    ("", gettext_lazy("(unknown)")),
    (Service.Formality.FORMAL, gettext_lazy("formal")),
    (Service.Formality.INFORMAL, gettext_lazy("informal")),
]


def _text(max_length: int, *, required: bool = False, **kwargs) -> forms.CharField:
    return forms.CharField(max_length=max_length, required=required, widget=forms.TextInput(
        attrs={"class": TEXTBOX_CLASS}), **kwargs)


def _area(rows: int = 4, **kwargs) -> forms.CharField:
    return forms.CharField(required=False, max_length=10000, widget=forms.Textarea(
        attrs={"class": TEXTAREA_CLASS, "rows": rows}), **kwargs)


def _choice(choices, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(choices=choices, required=False,
                             widget=forms.Select(attrs={"class": SELECT_CLASS}), **kwargs)


class ServiceFieldsForm(CleanTextMixin, forms.Form):
    name = _text(200, required=True, label=gettext_lazy("Name of the service"))
    description = _area(6, label=gettext_lazy("What the service offers"))
    email = forms.EmailField(required=False, max_length=254, label=gettext_lazy("E-mail"),
                             widget=forms.EmailInput(attrs={"class": TEXTBOX_CLASS}))
    url = forms.URLField(required=False, max_length=500, label=gettext_lazy("Website"),
                         assume_scheme="https",
                         widget=forms.URLInput(attrs={"class": TEXTBOX_CLASS}))
    phone = _text(30, label=gettext_lazy("Phone number"),
                  help_text=gettext_lazy("For example 023 511 51 15."))
    opening_hours = _text(300, label=gettext_lazy("Opening hours"), help_text=gettext_lazy(
        "For example \"di, do 10:00-12:00; vr 14:00-16:00\". Leave empty for \"by "
        "appointment\"."))
    access = _choice(ACCESS_CHOICES, label=gettext_lazy("How to get in"))
    fees_description = _text(300, label=gettext_lazy("Cost"), help_text=gettext_lazy(
        "For example \"Gratis.\" or \"Een maaltijd kost € 5.\""))
    formality = _choice(FORMALITY_CHOICES, label=gettext_lazy("Formal or informal"),
                        help_text=gettext_lazy("Formal: professional care or support. "
                                               "Informal: volunteers, neighbours, clubs."))
    defunct = forms.BooleanField(
        required=False, label=gettext_lazy("This service no longer exists"),
        widget=forms.CheckboxInput(attrs={"class": CHECKBOX_CLASS}))

    def clean_phone(self) -> str:
        phone = " ".join(self.cleaned_data.get("phone", "").split())
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(_("Enter a phone number of digits, for example "
                                          "023 511 51 15."))
        return phone

    def clean_opening_hours(self) -> str:
        return " ".join(self.cleaned_data.get("opening_hours", "").split())


class SuggestForm(ServiceFieldsForm):
    note = _area(3, label=gettext_lazy("Note for the keeper (optional)"),
                 help_text=gettext_lazy("What you know, and how: for example \"I called them "
                                        "on 3 March\"."))


class RejectForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(max_length=2000, label=gettext_lazy("Why do you reject it?"),
                             widget=forms.Textarea(attrs={"class": TEXTAREA_CLASS, "rows": 3}))
