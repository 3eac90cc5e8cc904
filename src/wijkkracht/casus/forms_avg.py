"""Forms for the resident's rights: restricting the processing of a case and erasing it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from wijkkracht.inputs.forms import CleanTextMixin

from .services_avg import ERASURE_GROUNDS


class RestrictForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is the processing restricted?"), max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("For example: the resident contests the accuracy of the data "
                               "(AVG art. 18(1)(a)) or has objected (art. 18(1)(d))."))


class EraseForm(forms.Form):
    ground = forms.ChoiceField(label=gettext_lazy("Ground for erasure"),
                               choices=ERASURE_GROUNDS, widget=forms.RadioSelect)
    confirm = forms.BooleanField(
        label=gettext_lazy("I have checked that no legal duty to keep these data applies, and "
                           "I understand that the case cannot be restored."))
