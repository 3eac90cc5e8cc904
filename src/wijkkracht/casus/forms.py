"""Forms of the case pages. Every text field refuses control characters (``CleanTextMixin``);
a form that fails keeps everything typed, and the page says what is wrong beside the field."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkkracht.accounts.models import User
from wijkkracht.inputs.forms import CleanTextMixin

from .core import workflow
from .models import Case, Household, Outcome, Person, Status

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def not_in_future(value: dt.date | None) -> dt.date | None:
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("This date lies in the future."))
    return value


class HouseholdForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Household
        fields = ["name", "street", "house_number", "postcode", "city", "buurt_code", "phone",
                  "email"]

    def __init__(self, *args, buurten: list[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        if buurten:
            self.fields["buurt_code"] = forms.ChoiceField(
                label=self.fields["buurt_code"].label, required=False,
                choices=[("", _("(unknown)")), *buurten],
                help_text=_("The CBS buurt of the address; the wijk follows from it."))

    def clean_postcode(self) -> str:
        code = self.cleaned_data.get("postcode", "").strip().upper()
        if len(code) == 6 and code[:4].isascii():
            code = f"{code[:4]} {code[4:]}"
        return code


class PersonForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = ["given_name", "family_name", "date_of_birth", "relation", "bsn", "phone",
                  "email"]
        widgets = {"date_of_birth": DATE}

    def __init__(self, *args, bsn: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not bsn:
            del self.fields["bsn"]
        else:
            self.fields["bsn"].widget.attrs.update(inputmode="numeric", autocomplete="off")

    def clean_date_of_birth(self) -> dt.date | None:
        born = not_in_future(self.cleaned_data.get("date_of_birth"))
        if born and born.year < 1900:
            raise forms.ValidationError(_("This date of birth is too long ago."))
        return born


class SignalForm(CleanTextMixin, forms.ModelForm):
    """The signal and the question: the first thing the team writes down."""

    class Meta:
        model = Case
        fields = ["signal_source", "signalled_on", "urgency", "question", "question_behind",
                  "lead", "first_contact_on"]
        widgets = {"signalled_on": DATE, "first_contact_on": DATE,
                   "question": forms.Textarea(attrs={"rows": 4}),
                   "question_behind": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, colleagues=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = colleagues if colleagues is not None \
            else User.objects.none()
        self.fields["lead"].label_from_instance = lambda u: u.get_full_name() or u.username

    def clean_signalled_on(self) -> dt.date:
        return not_in_future(self.cleaned_data.get("signalled_on"))

    def clean(self) -> dict:
        data = super().clean()
        first = data.get("first_contact_on")
        if first:
            not_in_future(first)
            if data.get("signalled_on") and first < data["signalled_on"]:
                self.add_error("first_contact_on",
                               _("The first contact cannot be before the signal."))
        return data


class RegisterTeamForm(forms.Form):
    team = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Team"))

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        if teams.count() == 1:  # nothing to choose: the one team, also when not sent
            self.fields["team"].initial = teams.first()
            self.fields["team"].required = False


class VersionForm(forms.Form):
    """The version the user started from, sent back with the form (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class StatusForm(CleanTextMixin, VersionForm):
    status = forms.ChoiceField(label=gettext_lazy("New status"))
    outcome = forms.ChoiceField(label=gettext_lazy("Outcome (when closing)"), required=False,
                                choices=[("", "–"), *Outcome.choices])
    reason = forms.CharField(label=gettext_lazy("Reason for closing"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Status.choices)
        self.fields["status"].choices = [(s, labels[s]) for s in workflow.allowed_moves(current)]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("status") == workflow.CLOSED and not data.get("outcome"):
            self.add_error("outcome", _("Say how the case ends."))
        return data


class SearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Name"), required=False, max_length=100)
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False,
                               choices=[("", gettext_lazy("all open")), *Status.choices])
    mine = forms.BooleanField(label=gettext_lazy("only where I am the contact person"),
                              required=False)


class BreakGlassForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(label=gettext_lazy("Why do you need this case now?"),
                             widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)


class MemberForm(forms.Form):
    user = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Professional"))
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=())

    def __init__(self, *args, candidates, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates
        self.fields["user"].label_from_instance = (
            lambda u: f"{u.get_full_name() or u.username} ({u.organisation or '–'})")
        self.fields["role"].choices = roles
