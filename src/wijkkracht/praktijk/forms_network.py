"""Forms of the learning networks: a new network, a member, a meeting, a question, an answer.
Every text field refuses control characters (``inputs.forms.CleanTextMixin``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.models import User
from wijkkracht.inputs.forms import CleanTextMixin

from .models import NetworkMember

SELECT_CLASS = "utrecht-select utrecht-select--html-select"
CHECKBOX_CLASS = "utrecht-checkbox utrecht-checkbox--html-input"
TEXTBOX_CLASS = "utrecht-textbox utrecht-textbox--html-input"
TEXTAREA_CLASS = "utrecht-textarea utrecht-textarea--html-textarea"


def person_label(user: User) -> str:
    """'Marieke de Vries (Gemeente Haarlem)': members come from several organisations."""
    name = user.get_full_name() or user.username
    return f"{name} ({user.organisation.name})" if user.organisation_id else name


def _text(max_length: int, **kwargs) -> forms.CharField:
    return forms.CharField(max_length=max_length, widget=forms.TextInput(
        attrs={"class": TEXTBOX_CLASS}), **kwargs)


def _area(rows: int = 4, **kwargs) -> forms.CharField:
    return forms.CharField(widget=forms.Textarea(attrs={"class": TEXTAREA_CLASS, "rows": rows}),
                           **kwargs)


class PeopleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return person_label(obj)


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return person_label(obj)


class NetworkForm(CleanTextMixin, forms.Form):
    name = _text(160, label=_("Name"))
    description = _area(required=False, label=_("What the network is about"))
    leads = PeopleField(queryset=User.objects.none(), label=_("Leads"),
                        help_text=_("One or more people who keep the network: they add members "
                                    "and record meetings."),
                        widget=forms.SelectMultiple(attrs={"class": SELECT_CLASS, "size": 8}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leads"].queryset = (User.objects.filter(is_active=True)
                                         .select_related("organisation")
                                         .order_by("last_name", "first_name", "username"))


ROLE_CHOICES = [(NetworkMember.Role.MEMBER, _("member")), (NetworkMember.Role.LEAD, _("lead"))]


class MemberAddForm(forms.Form):
    user = PersonField(queryset=User.objects.none(), label=_("Person"),
                       help_text=_("Someone who already has an account, from any gemeente or "
                                   "organisation."),
                       widget=forms.Select(attrs={"class": SELECT_CLASS}))
    role = forms.ChoiceField(choices=ROLE_CHOICES, initial=NetworkMember.Role.MEMBER,
                             label=_("Role"), widget=forms.Select(attrs={"class": SELECT_CLASS}))

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates if candidates is not None \
            else User.objects.none()


class MeetingForm(CleanTextMixin, forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(
        format="%Y-%m-%d", attrs={"type": "date", "class": TEXTBOX_CLASS}))
    title = _text(160, label=_("Subject"))
    notes = _area(6, required=False, label=_("Notes"))
    decisions = _area(4, required=False, label=_("Decisions"))
    practices = forms.ModelMultipleChoiceField(
        queryset=None, required=False, label=_("Practices discussed"),
        help_text=_("Published practices and those of the members' organisations."),
        widget=forms.CheckboxSelectMultiple(attrs={"class": CHECKBOX_CLASS}))

    def __init__(self, *args, practices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practices"].queryset = practices
        self.fields["practices"].label_from_instance = lambda p: p.title


class QuestionForm(CleanTextMixin, forms.Form):
    title = _text(200, label=_("Your question"))
    text = _area(5, required=False, label=_("Explanation"),
                 help_text=_("What you already tried, and for which wijk or group. Write no "
                             "names or details of residents."))


class AnswerForm(CleanTextMixin, forms.Form):
    text = _area(5, label=_("Your answer"),
                 help_text=_("Write no names or details of residents."))
    practice = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Practice (if any)"),
        empty_label=_("— no practice —"),
        help_text=_("A practice that shows what you mean."),
        widget=forms.Select(attrs={"class": SELECT_CLASS}))

    def __init__(self, *args, practices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice"].queryset = practices
        self.fields["practice"].label_from_instance = lambda p: p.title
