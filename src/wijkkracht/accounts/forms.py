"""Sign-in forms: the password step and the TOTP step."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkkracht.inputs.forms import CleanTextMixin
from wijkkracht.inputs.numbers import is_ascii_digits


class TokenForm(CleanTextMixin, forms.Form):
    wrong_code_message = _("This code is not correct or has expired. Try the new code.")

    token = forms.CharField(
        label=_("Code from your authenticator app"), min_length=6, max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "autofocus": True}),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].replace(" ", "")
        if not is_ascii_digits(token, max_digits=8):
            raise forms.ValidationError(_("The code consists of digits only."))
        return token


class RecoveryCodeForm(CleanTextMixin, forms.Form):
    """One of the one-time recovery codes shown at enrolment (django-otp static tokens)."""

    wrong_code_message = _("This recovery code is not correct or has been used already.")
    token = forms.CharField(
        label=_("Recovery code"), max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none",
                                      "spellcheck": "false", "autofocus": True}),
    )

    def clean_token(self) -> str:
        return "".join(self.cleaned_data["token"].split()).replace("-", "").lower()
