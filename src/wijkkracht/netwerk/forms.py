"""Forms of the netwerkscan: the public survey, the coordinator's scan and moment forms, uploads.

Forms only validate what was typed; writing is done by ``services``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.models import Team, TeamArea
from wijkkracht.inputs.forms import CleanTextMixin, FileUploadMixin

from .models import Participant, Sector
from .selectors import area_names
from .services import AnswerInput
from .snapshot import sector_label

# The tie ladder of the core (core.model.LEVEL_LABELS), worded for the survey.
LEVEL_CHOICES = [
    (0, _("I do not know this person")),
    (1, _("I know this person")),
    (2, _("I have their phone number")),
    (3, _("We call or e-mail regularly")),
    (4, _("We work together on cases")),
]
TRUST_CHOICES = [("", _("(no answer)")), (1, _("1 – little")), (2, "2"), (3, "3"),
                 (4, _("4 – a lot"))]
VALUE_CHOICES = TRUST_CHOICES
RADIO_CLASS = "utrecht-radio-button utrecht-radio-button--html-input"
SELECT_CLASS = "utrecht-select utrecht-select--html-select"
CHECKBOX_CLASS = "utrecht-checkbox utrecht-checkbox--html-input"
TEXTBOX_CLASS = "utrecht-textbox utrecht-textbox--html-input"


def submitted(request):
    """The POST data, or None on a GET: an empty POST (nothing ticked) is still a submission,
    which ``request.POST or None`` would mistake for a first visit."""
    return request.POST if request.method == "POST" else None


@dataclass(frozen=True)
class SurveyRow:
    participant: Participant
    level: forms.BoundField
    trust: forms.BoundField
    value: forms.BoundField


@dataclass(frozen=True)
class SurveyGroup:
    """The people of one sector, with their place in the whole list ("people 4 to 6 of 25"),
    so a long survey shows how far the respondent is without JavaScript."""

    sector: str
    rows: list[SurveyRow]
    first: int
    last: int
    total: int


class SurveyForm(forms.Form):
    """One row per other participant: a level (radio group) and optional trust and value.

    A row left empty means "I do not know this person" (the core's level 0 for a respondent).
    """

    consent_named = forms.BooleanField(
        required=False, widget=forms.CheckboxInput(attrs={"class": CHECKBOX_CLASS}),
        label=_("My name may be shown in the results of this network scan."),
        help_text=_("If you do not tick this box, the results show your sector and a number "
                    "instead of your name."))

    # Asked only when nothing was filled in: an empty survey is recorded as "knows nobody",
    # which is a finding, not a slip of the mouse.
    knows_nobody = forms.BooleanField(
        required=False, widget=forms.CheckboxInput(attrs={"class": CHECKBOX_CLASS}),
        label=_("I really do not know anyone on this list."))

    def __init__(self, roster: list[Participant], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.roster = roster
        for p in roster:
            self.fields[f"level_{p.pk}"] = forms.TypedChoiceField(
                choices=LEVEL_CHOICES, coerce=int, required=False, empty_value=None,
                widget=forms.RadioSelect(attrs={"class": RADIO_CLASS}),
                label=_("How well do you know this person?"))
            self.fields[f"trust_{p.pk}"] = forms.TypedChoiceField(
                choices=TRUST_CHOICES, coerce=int, required=False, empty_value=None,
                widget=forms.Select(attrs={"class": SELECT_CLASS}),
                label=_("How much do you trust this person in your work? (optional)"))
            self.fields[f"value_{p.pk}"] = forms.TypedChoiceField(
                choices=VALUE_CHOICES, coerce=int, required=False, empty_value=None,
                widget=forms.Select(attrs={"class": SELECT_CLASS}),
                label=_("How valuable is this person for your work? (optional)"))

    def clean(self):
        data = super().clean()
        for p in self.roster:
            level = data.get(f"level_{p.pk}")
            scored = data.get(f"trust_{p.pk}") is not None or data.get(f"value_{p.pk}") is not None
            if scored and not level:
                self.add_error(f"level_{p.pk}", _(
                    "You gave a score for %(name)s. First choose how well you know this "
                    "person, or remove the score.") % {"name": p.display_name})
        empty = not any(data.get(f"level_{p.pk}") is not None for p in self.roster)
        if self.roster and empty and not data.get("knows_nobody"):
            self.add_error("knows_nobody", _(
                "You have not answered about anyone. Do you really know nobody on this list? "
                "Then tick the box below and send again; otherwise fill in the rows of the "
                "people you know."))
        return data

    @property
    def asks_knows_nobody(self) -> bool:
        """Show the "I really know nobody" box: after an empty send, or once it was ticked."""
        return self.is_bound and ("knows_nobody" in self.errors
                                  or self.data.get("knows_nobody") in ("on", "true", "1"))

    def error_summary(self) -> list[tuple[str, str]]:
        """(id of the first input of the row, message) for the summary above the form."""
        return [("" if name == forms.forms.NON_FIELD_ERRORS
                 else f"id_{name}_0" if name.startswith("level_") else f"id_{name}", message)
                for name, errors in self.errors.items() for message in errors]

    def answers(self) -> list[AnswerInput]:
        """The rows the respondent filled in (empty rows stay level 0 in the core)."""
        out = []
        for p in self.roster:
            level = self.cleaned_data.get(f"level_{p.pk}")
            if level is not None:
                out.append(AnswerInput(p.pk, level, self.cleaned_data.get(f"trust_{p.pk}"),
                                       self.cleaned_data.get(f"value_{p.pk}")))
        return out

    def groups(self) -> list[SurveyGroup]:
        """Rows grouped by sector, in the roster's order, numbered through the whole list."""
        grouped: dict[str, list[SurveyRow]] = {}
        for p in self.roster:
            grouped.setdefault(sector_label(p.sector), []).append(SurveyRow(
                p, self[f"level_{p.pk}"], self[f"trust_{p.pk}"], self[f"value_{p.pk}"]))
        out, seen = [], 0
        for sector, rows in grouped.items():
            out.append(SurveyGroup(sector, rows, seen + 1, seen + len(rows), len(self.roster)))
            seen += len(rows)
        return out


def _closing_moment(day: dt.date) -> dt.datetime:
    """A survey closes at the end of the chosen day (local time)."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


class ClosingDateField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date", "class": TEXTBOX_CLASS})

    def validate(self, value):
        super().validate(value)
        if value and value < timezone.localdate():
            raise forms.ValidationError(_("Choose a date from today on."))


class MomentForm(forms.Form):
    closes_on = ClosingDateField(
        label=_("Survey closes after"), required=False,
        help_text=_("Leave empty to keep the survey open for four weeks."))
    # Asked only when another moment of the scan is still open (services.MomentOverlap).
    confirm_overlap = forms.BooleanField(
        required=False, widget=forms.CheckboxInput(attrs={"class": CHECKBOX_CLASS}),
        label=_("Yes, add a moment while the other one is still open."))

    @property
    def asks_overlap(self) -> bool:
        return self.is_bound and ("confirm_overlap" in self.errors
                                  or self.data.get("confirm_overlap") in ("on", "true", "1"))

    def closes_at(self) -> dt.datetime | None:
        day = self.cleaned_data.get("closes_on")
        return _closing_moment(day) if day else None


class ScanForm(CleanTextMixin, MomentForm):
    """A new scan: team (one the user coordinates), name and the team's wijken it covers."""

    name = forms.CharField(label=_("Name of the scan"), max_length=200,
                           widget=forms.TextInput(attrs={"class": TEXTBOX_CLASS}))
    team = forms.ModelChoiceField(queryset=Team.objects.none(), label=_("Team"),
                                  empty_label=None,
                                  widget=forms.Select(attrs={"class": SELECT_CLASS}))
    area_codes = forms.MultipleChoiceField(
        label=_("Areas"), required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": CHECKBOX_CLASS}),
        help_text=_("Leave empty for all areas of the team."))

    field_order = ["name", "team", "area_codes", "closes_on"]

    def __init__(self, teams, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        areas = TeamArea.objects.filter(team__in=teams).select_related("team") \
            .order_by("area_code", "team__name")
        names = area_names(a.area_code for a in areas)
        self.fields["area_codes"].choices = sorted(names.items(), key=lambda kv: (kv[1], kv[0]))
        self._areas = {(a.team_id, a.area_code) for a in areas}

    def clean(self):
        data = super().clean()
        team = data.get("team")
        if team is not None:
            outside = [c for c in data.get("area_codes", []) if (team.pk, c) not in self._areas]
            if outside:
                self.add_error("area_codes", _("%(codes)s is not an area of this team.")
                               % {"codes": ", ".join(outside)})
        return data


class UploadForm(FileUploadMixin, forms.Form):
    """A CSV file, no larger than the site's upload limit."""

    file = forms.FileField(label=_("CSV file"), widget=forms.ClearableFileInput(
        attrs={"accept": ".csv,text/csv"}))


class ParticipantForm(CleanTextMixin, forms.Form):
    """One participant, typed in by the coordinator (the CSV import is for many at once)."""

    display_name = forms.CharField(label=_("Name"), max_length=200,
                                   widget=forms.TextInput(attrs={"class": TEXTBOX_CLASS,
                                                                 "autocomplete": "off"}))
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False,
                                        widget=forms.TextInput(attrs={"class": TEXTBOX_CLASS}))
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices,
                               widget=forms.Select(attrs={"class": SELECT_CLASS}))
    role = forms.CharField(label=_("Role"), max_length=200, required=False,
                           help_text=_("For example: huisarts, opbouwwerker, wijkagent."),
                           widget=forms.TextInput(attrs={"class": TEXTBOX_CLASS}))
    email = forms.EmailField(
        label=_("E-mail address"), required=False, max_length=254,
        help_text=_("Not required. With an e-mail address you can send this person their "
                    "survey link by e-mail. Only the coordinators of the team see it."),
        widget=forms.EmailInput(attrs={"class": TEXTBOX_CLASS, "autocomplete": "off"}))
    consent_named = forms.BooleanField(
        label=_("This person agrees to be named in the results."), required=False,
        help_text=_("Without consent the results show a sector and a number instead of the "
                    "name. The participant can change this in the survey."),
        widget=forms.CheckboxInput(attrs={"class": CHECKBOX_CLASS}))

