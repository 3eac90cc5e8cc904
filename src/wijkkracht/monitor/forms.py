"""Forms of the monitor's pages: an improvement step, a target."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.models import Team, User

from .models import Step, Target


class StepForm(forms.ModelForm):
    class Meta:
        model = Step
        fields = ["period", "label", "description", "new_phase", "baseline"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"period": _("The month (2025-03) or quarter (2025-K1) the change began."),
                      "new_phase": _("The chart computes a new average and new limits from "
                                     "this period on.")}

    def save(self, *, team: Team, indicator: str, user: User) -> Step:  # type: ignore[override]
        step = super().save(commit=False)
        step.team, step.indicator, step.created_by = team, indicator, user
        step.save()
        return step


class TargetForm(forms.Form):
    value = forms.FloatField(label=_("Target"), required=False,
                             help_text=_("In the indicator's unit (80 for 80%). Leave empty to "
                                         "remove the target."))

    def save(self, *, team: Team, indicator: str, user: User) -> None:
        value = self.cleaned_data["value"]
        if value is None:
            Target.objects.filter(team=team, indicator=indicator).delete()
            return
        Target.objects.update_or_create(team=team, indicator=indicator, defaults={
            "value": value, "set_by": user, "set_at": timezone.now()})
