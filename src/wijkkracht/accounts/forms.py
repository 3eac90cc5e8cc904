"""Sign-in forms: the password step and the TOTP step."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkkracht.inputs.forms import CleanTextMixin
from wijkkracht.inputs.numbers import is_ascii_digits


class TokenForm(CleanTextMixin, forms.Form):
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
