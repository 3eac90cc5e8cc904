"""Forms of the own network and the plan. They validate what was typed (Dutch messages beside
the field); ``services_plan`` writes. Dates use the browser's date picker (ISO), so a date
that does not exist ("30 February") is refused by the field itself."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.models import User
from wijkkracht.inputs.forms import CleanTextMixin

from .models import Case, CaseMember, Goal, InstrumentDomain, NetworkMember, Plan, PlanAction
from .scoping import CASE_ROLES

TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
TEXTAREA = "utrecht-textarea utrecht-textarea--html-textarea"
SELECT = "utrecht-select utrecht-select--html-select"
EARLIEST = dt.date(2000, 1, 1)
YEARS_AHEAD = 5


class PlanDateField(forms.DateField):
    """A date in a plan: not before 2000 and at most five years ahead; ``past_only`` for
    what has happened (done, agreed), which cannot lie in the future."""

    widget = forms.DateInput(attrs={"type": "date", "class": TEXTBOX}, format="%Y-%m-%d")

    def __init__(self, *args, past_only: bool = False, **kwargs):
        self.past_only = past_only
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        today = timezone.localdate()
        if value < EARLIEST:
            raise forms.ValidationError(_("This date is too far in the past; check the year."))
        if self.past_only and value > today:
            raise forms.ValidationError(_("This date is in the future; fill in the day it "
                                          "happened."))
        if value > today.replace(year=today.year + YEARS_AHEAD, day=min(today.day, 28)):
            raise forms.ValidationError(_("This date is too far in the future; check the "
                                          "year."))


class VersionedForm(CleanTextMixin, forms.Form):
    """A plan form names the plan version it started from (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def _styled(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput):
            continue
        css = (TEXTAREA if isinstance(widget, forms.Textarea) else SELECT
               if isinstance(widget, forms.Select) else TEXTBOX)
        widget.attrs.setdefault("class", css)


class NetworkMemberForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = NetworkMember
        fields = ["name", "kind", "tie", "does", "could_do", "contact"]
        help_texts = {"tie": _("Strong: they can be counted on. Weak: occasional contact. "
                               "Stressful: the contact costs the resident energy."),
                      "does": _("For example: does the shopping on Saturdays.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class PlanForm(VersionedForm):
    agreed_on = PlanDateField(label=_("agreed with the resident on"), past_only=True,
                              help_text=_("The day the resident agreed to this plan."))
    resident_view = forms.CharField(
        label=_("what the resident says about the plan"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}), max_length=4000,
        help_text=_("In the resident's own words."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)

    @staticmethod
    def initial_for(plan: Plan) -> dict:
        return {"version": plan.version, "agreed_on": plan.agreed_on,
                "resident_view": plan.resident_view}


def domain_choices(case: Case):
    """Domains of the instruments the case's organisation uses (shipped or its own)."""
    return (InstrumentDomain.objects.filter(instrument__is_active=True)
            .filter(Q(instrument__organisation__isnull=True)
                    | Q(instrument__organisation_id=case.team.organisation_id))
            .select_related("instrument").order_by("instrument__name", "order"))


class DomainChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: InstrumentDomain) -> str:
        return f"{obj.instrument.name}: {obj.name}"


class GoalForm(VersionedForm):
    text = forms.CharField(label=_("goal"), max_length=300,
                           help_text=_("What the resident wants to reach, in their words."))
    domain = DomainChoiceField(queryset=InstrumentDomain.objects.none(), required=False,
                               label=_("domain"), empty_label=_("(no domain)"),
                               help_text=_("The assessment domain this goal works on."))
    state = forms.ChoiceField(label=_("state"), choices=Goal.State.choices,
                              initial=Goal.State.OPEN)

    def __init__(self, case: Case, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].queryset = domain_choices(case)
        _styled(self)

    @staticmethod
    def initial_for(goal: Goal, plan: Plan) -> dict:
        return {"version": plan.version, "text": goal.text, "domain": goal.domain_id,
                "state": goal.state}


def team_users(case: Case):
    """Who may own an action: the team's professionals and coordinators and the colleagues
    working on the case."""
    return (User.objects.filter(is_active=True)
            .filter(Q(memberships__team_id=case.team_id, memberships__role__in=CASE_ROLES)
                    | Q(case_memberships__case_id=case.pk,
                        case_memberships__role=CaseMember.Role.WORKER))
            .distinct().order_by("first_name", "last_name", "username"))


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.get_username()


class ActionForm(VersionedForm):
    text = forms.CharField(label=_("action"), max_length=300)
    who = forms.ChoiceField(label=_("who"), choices=PlanAction.Who.choices)
    who_name = forms.CharField(label=_("name"), max_length=120, required=False,
                               help_text=_("Who in the network, or which volunteer."))
    owner = OwnerChoiceField(queryset=User.objects.none(), required=False,
                             label=_("professional"), empty_label=_("(nobody)"),
                             help_text=_("The team member who does this or follows it up; "
                                         "they see it on their home page when it is late."))
    due_on = PlanDateField(label=_("by"))
    done_on = PlanDateField(label=_("done on"), past_only=True)

    def __init__(self, case: Case, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = team_users(case)
        _styled(self)

    def clean(self):
        data = super().clean()
        if data.get("who") == PlanAction.Who.PROFESSIONAL and not data.get("owner") \
                and not data.get("who_name"):
            self.add_error("owner", _("Choose the professional, or fill in a name."))
        return data

    @staticmethod
    def initial_for(action: PlanAction, plan: Plan) -> dict:
        return {"version": plan.version, "text": action.text, "who": action.who,
                "who_name": action.who_name, "owner": action.owner_id,
                "due_on": action.due_on, "done_on": action.done_on}
