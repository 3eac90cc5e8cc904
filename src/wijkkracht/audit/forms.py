"""The filter form of the access log page (plain GET, works without JavaScript)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateRangeForm(forms.Form):
    """From and up to a date, both optional (NEN 7513 asks the log to be read by period)."""

    date_from = forms.DateField(label=_("From (date)"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Up to and including (date)"), required=False,
                              widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise ValidationError(_("The start date is after the end date."))
        return data


class FilterForm(DateRangeForm):
    activity = forms.ChoiceField(label=_("Processing activity"), required=False)

    def __init__(self, *args: Any, activities: list[tuple[str, str]], **kwargs: Any) -> None:
        """``activities``: (code, label) of the activities in the log."""
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = [("", _("All activities")), *activities]
