"""Forms for consent, meetings and referrals. They only check what was typed; whether the
resident's consent covers a referral or a participant is decided by ``services_meet``, whose
Dutch messages the views put beside the field. A consent is chosen by its number, so a withdrawn
or unknown one reaches the service and gets its own message instead of a generic one."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wijkkracht.inputs.forms import CleanTextMixin

from .models import Consent, Meeting, Person
from .services_meet import RESULTS

SELECT_CLASS = "utrecht-select utrecht-select--html-select"
CHECKBOX_CLASS = "utrecht-checkbox utrecht-checkbox--html-input"
TEXTBOX_CLASS = "utrecht-textbox utrecht-textbox--html-input"
TEXTAREA_CLASS = "utrecht-textarea utrecht-textarea--html-textarea"


def _text(max_length: int, **kwargs) -> forms.CharField:
    return forms.CharField(max_length=max_length, widget=forms.TextInput(
        attrs={"class": TEXTBOX_CLASS}), **kwargs)


def _area(**kwargs) -> forms.CharField:
    return forms.CharField(widget=forms.Textarea(attrs={"class": TEXTAREA_CLASS, "rows": 4}),
                           **kwargs)


def _date(**kwargs) -> forms.DateField:
    # A date input reads and writes ISO dates, whatever the language of the page.
    return forms.DateField(widget=forms.DateInput(format="%Y-%m-%d", attrs={
        "type": "date", "class": TEXTBOX_CLASS}), **kwargs)


def consent_label(consent: Consent) -> str:
    return f"{consent.get_purpose_display()}: {consent.recipient} " \
           f"({date_format(consent.given_on, 'SHORT_DATE_FORMAT')})"


def consent_choices(consents, empty) -> list[tuple[str, str]]:
    return [("", empty), *[(str(c.pk), consent_label(c)) for c in consents]]


class ConsentForm(CleanTextMixin, forms.Form):
    purpose = forms.ChoiceField(label=_("Consent for"), choices=Consent.Purpose.choices,
                                widget=forms.Select(attrs={"class": SELECT_CLASS}))
    recipient = _text(200, label=_("With whom"),
                      help_text=_("The organisation or person, as you will name them in a "
                                  "referral or a meeting, e.g. 'GGZ Kennemerland'."))
    given_on = _date(label=_("Given on"), initial=timezone.localdate)
    person = forms.ChoiceField(label=_("Given by"), required=False,
                               widget=forms.Select(attrs={"class": SELECT_CLASS}))

    def __init__(self, members, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._members = {str(p.pk): p for p in members}
        self.fields["person"].choices = [("", _("(not recorded)"))] + [
            (pk, str(p)) for pk, p in self._members.items()]

    def clean_person(self) -> Person | None:
        return self._members.get(self.cleaned_data.get("person") or "")


class WithdrawForm(forms.Form):
    withdrawn_on = _date(label=_("Withdrawn on"), initial=timezone.localdate)


class ReferralForm(CleanTextMixin, forms.Form):
    to_organisation = _text(200, label=_("Refer to"), required=False,
                            help_text=_("The organisation for specialised care."))
    reason = _area(label=_("Reason"), required=False)
    referred_on = _date(label=_("Date of the referral"), initial=timezone.localdate)
    consent = forms.CharField(label=_("The resident's consent"), required=False,
                              widget=forms.Select(attrs={"class": SELECT_CLASS}),
                              help_text=_("An active consent to refer to this organisation."))
    move = forms.BooleanField(label=_("Move the case to the status 'referred'"),
                              required=False,
                              widget=forms.CheckboxInput(attrs={"class": CHECKBOX_CLASS}))

    def __init__(self, consents, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].widget.choices = consent_choices(
            consents, _("(choose the consent)"))


class ResultForm(forms.Form):
    result = forms.ChoiceField(label=_("Result"), widget=forms.Select(
        attrs={"class": SELECT_CLASS}), choices=[(r.value, r.label) for r in RESULTS])
    result_on = _date(label=_("Date of the result"), initial=timezone.localdate)


class EscalationForm(CleanTextMixin, forms.Form):
    broad_team = forms.ModelChoiceField(label=_("Broad team"), queryset=None,
                                        widget=forms.Select(attrs={"class": SELECT_CLASS}))
    reason = _area(label=_("Reason for the escalation"), required=False)
    referred_on = _date(label=_("Date"), initial=timezone.localdate)

    def __init__(self, teams, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["broad_team"].queryset = teams


class ReturnForm(CleanTextMixin, forms.Form):
    reason = _area(label=_("What the broad team decided"), required=False)
    returned_on = _date(label=_("Back on"), initial=timezone.localdate)


class MeetingForm(CleanTextMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=Meeting.Kind.choices,
                             widget=forms.Select(attrs={"class": SELECT_CLASS}))
    held_on = _date(label=_("Date"), initial=timezone.localdate)
    at_home = forms.BooleanField(label=_("At the resident's home"), required=False,
                                 widget=forms.CheckboxInput(attrs={"class": CHECKBOX_CLASS}))
    agenda = _area(label=_("Agenda"), required=False)
    decisions = _area(label=_("Decisions"), required=False)
    resident_voice = _area(label=_("The resident's own words"), required=False,
                           help_text=_("What the resident said, in their own words."))


class ParticipantForm(CleanTextMixin, forms.Form):
    name = _text(120, label=_("Name"), required=False)
    organisation = _text(120, label=_("Organisation"), required=False,
                         help_text=_("Empty for the team's own people and the resident."))
    consent = forms.CharField(label=_("The resident's consent"), required=False,
                              widget=forms.Select(attrs={"class": SELECT_CLASS}))

    def __init__(self, *args, consents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].widget.choices = consent_choices(
            consents, _("(not needed / choose the consent)"))

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any((data.get(f) or "").strip() for f in ("name", "organisation",
                                                               "consent"))


ParticipantFormSet = forms.formset_factory(ParticipantForm, extra=4, max_num=40,
                                           validate_max=True)



class DocumentForm(CleanTextMixin, forms.Form):
    file = forms.FileField(label=_("Document"), required=False,
                           help_text=_("A PDF, ODT or DOCX document, or a PNG or JPEG image."),
                           widget=forms.ClearableFileInput(attrs={
                               "accept": ".pdf,.odt,.docx,.png,.jpg,.jpeg"}))
    description = _text(200, label=_("Description"), required=False,
                        help_text=_("What the document is, e.g. 'letter from the GP'."))

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            raise forms.ValidationError(_("Choose the file to add."))
        return upload
