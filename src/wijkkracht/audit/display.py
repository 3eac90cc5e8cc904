"""The access log as the privacy officer reads it: Dutch labels for the codes, names for ids.

Records hold only codes and pseudonymous ids (services.py); the page turns them into words and
names for the one person allowed to read the log. The privacy officer answers a person's
question "who looked at my data?" (AVG art. 15, NEN 7513), so people and participants are
named here; that reading is itself logged by the view. An id whose object is gone is shown
with "deleted"; a code without a label is shown as it is, so a new one is never hidden.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from wijkkracht.inputs.numbers import is_ascii_digits

from .models import ProcessingRecord

ACTIVITIES = {
    "authentication": gettext_lazy("Sign-in"),
    "audit": gettext_lazy("Access log"),
    "netwerkscan": gettext_lazy("Network scan"),
    "casework": gettext_lazy("Casework"),
    "administration": gettext_lazy("Administration"),
    "kaart": gettext_lazy("Sociale kaart"),
    "monitor": gettext_lazy("Monitor"),
    "operations": gettext_lazy("Operations"),
}
OPERATIONS = {
    "read": gettext_lazy("read"),
    "login": gettext_lazy("signed in"),
    "logout": gettext_lazy("signed out"),
    "login_failed": gettext_lazy("sign-in failed"),
    "password_ok": gettext_lazy("password accepted (first step)"),
    "otp_failed": gettext_lazy("wrong code in the second step"),
    "password_reset": gettext_lazy("password reset"),
    "recovery_codes_new": gettext_lazy("new recovery codes made"),
    "admin_list": gettext_lazy("list viewed"),
    "admin_read": gettext_lazy("viewed"),
    "admin_history": gettext_lazy("history viewed"),
    "admin_create": gettext_lazy("created in the admin"),
    "admin_change": gettext_lazy("changed in the admin"),
    "admin_delete": gettext_lazy("deleted in the admin"),
    "admin_password_set": gettext_lazy("password set"),
    "admin_2fa_reset": gettext_lazy("two-step verification reset"),
    "api_token_create": gettext_lazy("API token created"),
    "api_token_revoke": gettext_lazy("API token revoked"),
    "purge": gettext_lazy("records past their retention period removed"),
    "scan_create": gettext_lazy("scan created"),
    # Refusals are logged as the attempt: "scan_<what was needed>".
    "scan_manage": gettext_lazy("manage the scan"),
    "scan_named": gettext_lazy("open the named results"),
    "scan_anonymous": gettext_lazy("open the anonymous results"),
    "moment_create": gettext_lazy("measurement moment created"),
    "moment_close": gettext_lazy("measurement moment closed"),
    "participants_add": gettext_lazy("participants added"),
    "participants_read": gettext_lazy("participants viewed"),
    "participant_read": gettext_lazy("participant viewed"),
    "invitation_links_csv": gettext_lazy("survey links downloaded as CSV"),
    "invitation_links_letters": gettext_lazy("survey links printed as letters"),
    "invitation_links_letters_pdf": gettext_lazy("survey links downloaded as letters (PDF)"),
    "participant_withdraw": gettext_lazy("participant withdrawn"),
    "invitations_issue": gettext_lazy("survey links made"),
    "invitations_send": gettext_lazy("survey links sent"),
    "survey_read": gettext_lazy("survey opened"),
    "survey_submit": gettext_lazy("survey submitted"),
    "answers_import": gettext_lazy("answers imported"),
    "case_list": gettext_lazy("caseload viewed"),
    "case_create": gettext_lazy("case registered"),
    "case_read": gettext_lazy("case viewed"),
    "case_update": gettext_lazy("case changed"),
    "case_status": gettext_lazy("status of the case changed"),
    "household_update": gettext_lazy("household changed"),
    "person_save": gettext_lazy("household member added or changed"),
    "case_member_add": gettext_lazy("professional given access to the case"),
    "case_member_remove": gettext_lazy("professional's access to the case removed"),
    "break_glass": gettext_lazy("emergency access (break the glass)"),
    "case_policy": gettext_lazy("case policy of the organisation changed"),
    # Refusals are logged as the attempt: "case_<what was needed>".
    "case_write": gettext_lazy("change the case"),
    "case_manage": gettext_lazy("manage the case"),
    # casework: the own network and the plan
    "network_read": gettext_lazy("own network viewed"),
    "network_save": gettext_lazy("own network: person saved"),
    "network_remove": gettext_lazy("own network: person removed"),
    "plan_read": gettext_lazy("plan viewed"),
    "plan_update": gettext_lazy("plan agreement saved"),
    "plan_conflict": gettext_lazy("plan: conflicting change shown"),
    "plan_goal_save": gettext_lazy("plan: goal saved"),
    "plan_goal_remove": gettext_lazy("plan: goal removed"),
    "plan_action_save": gettext_lazy("plan: action saved"),
    "plan_action_remove": gettext_lazy("plan: action removed"),
    "plan_reminders": gettext_lazy("late plan actions shown on the home page"),
    "assessment_form": gettext_lazy("assessment form of a case opened"),
    "assessment_create": gettext_lazy("assessment recorded"),
    "assessment_read": gettext_lazy("assessment viewed"),
    # casework: the monitor, retention, the research extract and the API
    "monitor_export": gettext_lazy("casework monitor downloaded (figures only)"),
    "indicators_export": gettext_lazy("monitor indicators downloaded (figures only)"),
    "indicators_report": gettext_lazy("quarterly monitor report downloaded (figures only)"),
    "case_retention": gettext_lazy("closed cases past their retention period removed"),
    "case_retention_dry_run": gettext_lazy("retention of closed cases tried (dry run)"),
    "case_extract": gettext_lazy("pseudonymised casework extract made"),
    "api_case_list": gettext_lazy("case list read through the API"),
    "api_case_read": gettext_lazy("case read through the API"),
    # casework: consent, meetings and referrals (casus.services_meet)
    "consent_record": gettext_lazy("consent recorded"),
    "consent_withdraw": gettext_lazy("consent withdrawn"),
    "meeting_create": gettext_lazy("meeting recorded"),
    "meeting_update": gettext_lazy("meeting changed"),
    "referral_create": gettext_lazy("referral recorded"),
    "referral_result": gettext_lazy("result of a referral recorded"),
    "case_escalate": gettext_lazy("case escalated to a broad team"),
    "case_return": gettext_lazy("case back from the broad team"),
    "meet_form_read": gettext_lazy("consent, meeting or referral form opened"),
    "document_add": gettext_lazy("document added to the case"),
    "document_read": gettext_lazy("document of the case downloaded"),
    # casework: the resident's rights and the privacy officer's oversight
    "inzage_print": gettext_lazy("inzage for the resident viewed (printable page)"),
    "inzage_export": gettext_lazy("inzage for the resident prepared (JSON)"),
    "inzage_download": gettext_lazy("inzage file for the resident downloaded (JSON)"),
    # operations: the whole database copied (wijkkracht backup)
    "backup": gettext_lazy("back-up of the whole database made"),
    "case_inzage": gettext_lazy("give the resident inzage"),
    "case_restrict": gettext_lazy("processing of the case restricted"),
    "case_restrict_lift": gettext_lazy("restriction of the case lifted"),
    "case_erase": gettext_lazy("case erased at the resident's request"),
    "break_glass_review": gettext_lazy("emergency access reviewed by the privacy officer"),
    "emergency_list": gettext_lazy("emergency accesses viewed"),
    "case_log_read": gettext_lazy("access-log records about a case viewed"),
    # sociale kaart: the editing workflow (pages that name who suggested or reviewed)
    "kaart_review_list": gettext_lazy("sociale kaart: suggestions waiting for review viewed"),
    "kaart_review_read": gettext_lazy("sociale kaart: suggestion viewed"),
    "kaart_review_accept": gettext_lazy("sociale kaart: suggestion accepted and published"),
    "kaart_review_reject": gettext_lazy("sociale kaart: suggestion rejected"),
    "kaart_history_read": gettext_lazy("sociale kaart: history of a service viewed"),
}
RESULT_PARTS = {"named": gettext_lazy("named results"),
                "anonymous": gettext_lazy("anonymous results")}
SUBJECT_TYPES = {
    "user": gettext_lazy("user"),
    "organisation": gettext_lazy("organisation"),
    "team": gettext_lazy("team"),
    "username_hash": gettext_lazy("unknown user name (hashed)"),
    "unknown": gettext_lazy("unknown"),
    "audit_log": gettext_lazy("access log, records"),
    "netwerkscan": gettext_lazy("network scan"),
    "netwerk_moment": gettext_lazy("measurement moment"),
    "netwerk_participant": pgettext_lazy("netwerkscan", "participant"),
    "netwerk_invitation": gettext_lazy("survey link of"),
    "client": gettext_lazy("client"),
    "case": gettext_lazy("case"),
    "emergency_access": gettext_lazy("emergency accesses"),
    "kaart_suggestion": gettext_lazy("sociale kaart, suggestion"),
    "kaart_service": gettext_lazy("sociale kaart, service"),
}
ROLES = {
    "privacy_officer": gettext_lazy("privacy officer"),
    "administrator": gettext_lazy("functional administrator"),
    "coordinator": gettext_lazy("coordinator"),
    "analyst": gettext_lazy("analyst"),
    "participant": pgettext_lazy("netwerkscan", "participant"),
}
DETAILS = {"forbidden": gettext_lazy("not allowed"),
           "emergency": gettext_lazy("emergency access")}


def operation_label(code: str) -> str:
    if code in OPERATIONS:
        return str(OPERATIONS[code])
    if code.startswith("results_"):  # results_<named|anonymous>_<page|html|pdf|csv>
        _prefix, _sep, rest = code.partition("_")
        kind, _sep, fmt = rest.partition("_")
        if kind in RESULT_PARTS:
            return f"{RESULT_PARTS[kind]} ({fmt})" if fmt else str(RESULT_PARTS[kind])
    return code


@dataclass(frozen=True)
class Row:
    """One record in words."""

    record: ProcessingRecord
    activity: str
    operation: str
    detail: str
    subject_type: str
    subject: str
    user: str
    role: str
    organisation: str


def _names(queryset, name: Callable, ids: Iterable[str]) -> dict[str, str]:
    numeric = {i for i in ids if is_ascii_digits(i)}
    return {str(obj.pk): name(obj) for obj in queryset.filter(pk__in=numeric)}


def _user_name(user) -> str:
    full = user.get_full_name()
    return f"{full} ({user.username})" if full else user.username


def _participant_name(participant) -> str:
    if participant.withdrawn_at is not None:
        return _("participant %(id)s (withdrawn)") % {"id": participant.pk}
    return f"{participant.display_name} ({participant.scan.name})"


def _resolvers() -> dict[str, tuple[object, Callable]]:
    from wijkkracht.accounts.models import Organisation
    from wijkkracht.casus.models import Case
    from wijkkracht.netwerk.models import Invitation, Moment, NetwerkScan, Participant

    return {
        "user": (get_user_model().objects.all(), _user_name),
        "organisation": (Organisation.objects.all(), lambda o: o.name),
        "netwerkscan": (NetwerkScan.objects.all(), lambda s: s.name),
        "netwerk_moment": (Moment.objects.select_related("scan"),
                           lambda m: f"{m.scan.name}: {m.label}"),
        "netwerk_participant": (Participant.objects.select_related("scan"), _participant_name),
        # The privacy officer answers "who looked at my file?": the household is named.
        "case": (Case.unscoped.select_related("household"),
                 lambda c: f"{c.household.name} ({_('case')} {c.pk})"),
        "netwerk_invitation": (
            Invitation.objects.select_related("participant__scan", "moment"),
            lambda i: f"{_participant_name(i.participant)}, {i.moment.label}"),
    }


def describe(records: list[ProcessingRecord]) -> list[Row]:
    """The records in words, with one query per kind of object named."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for rec in records:
        if rec.subject_id:
            wanted[rec.subject_type].add(rec.subject_id)
        if rec.user_id:
            wanted["user"].add(rec.user_id)
        if rec.organisation:
            wanted["organisation"].add(rec.organisation)
    resolvers = _resolvers()
    found = {kind: _names(*resolvers[kind], ids) if kind in resolvers else {}
             for kind, ids in wanted.items()}
    found.setdefault("user", {})
    found.setdefault("organisation", {})

    def name(kind: str, ident: str) -> str:
        if not ident:
            return "–"
        if kind not in resolvers:
            return ident
        return found[kind].get(ident) or _("%(id)s (deleted)") % {"id": ident}

    return [Row(
        record=rec,
        activity=str(ACTIVITIES.get(rec.activity, rec.activity)),
        operation=operation_label(rec.operation),
        detail=str(DETAILS.get(rec.outcome_detail, rec.outcome_detail)),
        subject_type=str(SUBJECT_TYPES.get(rec.subject_type, rec.subject_type)),
        subject=name(rec.subject_type, rec.subject_id) if rec.subject_id else "",
        user=name("user", rec.user_id),
        role=str(ROLES.get(rec.role, rec.role)) if rec.role else "–",
        organisation=name("organisation", rec.organisation),
    ) for rec in records]


def activity_choices(codes: Iterable[str]) -> list[tuple[str, str]]:
    """The filter's choices: the activities in the log, by their Dutch label."""
    return sorted(((c, str(ACTIVITIES.get(c, c))) for c in codes), key=lambda c: c[1])
