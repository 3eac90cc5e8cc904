"""The case page's sections on consent, meetings and referrals read their rows here, through
the scope the case page runs in (``views.scoped``), each in one or two queries."""

from __future__ import annotations

from functools import cached_property

from django import template
from django.db.models import Prefetch

from .. import services_meet as meet
from ..access import WRITE, allows
from ..core import workflow
from ..models import CaseDocument, Consent, Meeting, MeetingParticipant, Referral

register = template.Library()


class MeetSections:
    def __init__(self, case, user):
        self.case, self.user = case, user

    @cached_property
    def may_write(self) -> bool:
        return allows(self.user, self.case, WRITE)

    @cached_property
    def consents(self) -> list[Consent]:
        return list(Consent.objects.filter(case=self.case).select_related("person"))

    @cached_property
    def meetings(self) -> list[Meeting]:
        return list(Meeting.objects.filter(case=self.case).prefetch_related(Prefetch(
            "participants", queryset=MeetingParticipant.objects.select_related("consent"))))

    @cached_property
    def referrals(self) -> list[Referral]:
        return list(Referral.objects.filter(case=self.case).select_related("to_team",
                                                                            "consent"))

    @cached_property
    def documents(self) -> list[CaseDocument]:
        return list(CaseDocument.objects.filter(case=self.case).defer("content")
                    .select_related("uploaded_by"))

    @cached_property
    def may_escalate(self) -> bool:
        return self.may_write and workflow.can_move(self.case.status, workflow.ESCALATED)

    @cached_property
    def may_return(self) -> bool:
        return self.may_write and self.case.status == workflow.ESCALATED \
            and meet.open_escalation(self.case) is not None


@register.simple_tag
def meet_sections(case, user) -> MeetSections:
    return MeetSections(case, user)
