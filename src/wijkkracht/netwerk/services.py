"""Writes of the netwerkscan (transactional, audited) and the mapping to the pure core.

Every write runs in one transaction and logs to the access log in that same transaction, so a
write that cannot be logged does not happen (NEN 7513). Survey links: the raw token is returned
once by :func:`invitations_issue` and never stored or logged; the audit trail names the
invitation by id.
"""

from __future__ import annotations

import enum
import hashlib
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.models import Team, User
from wijkkracht.audit import services as audit
from wijkkracht.audit.models import Action, Outcome
from wijkkracht.errors import WijkkrachtError

from .core.model import MAX_LEVEL
from .models import Answer, Invitation, Moment, NetwerkScan, Participant, Sector, Submission

ACTIVITY = "netwerkscan"
SECTOR_ORDER = {code: i for i, code in enumerate(Sector.values)}
TOKEN_BYTES = 32  # 256 bits: a link cannot be guessed
DEFAULT_OPEN_DAYS = 28


class NetwerkInputError(WijkkrachtError):
    """Input the netwerkscan cannot accept; the message says why in the user's language."""


class MomentOverlap(NetwerkInputError):
    """A new moment would run while another one is still open; the caller may confirm."""


class SurveyProblem(enum.StrEnum):
    NOT_FOUND = "not_found"
    NOT_OPEN = "not_open"
    CLOSED = "closed"
    EXPIRED = "expired"
    ALREADY_USED = "already_used"
    WITHDRAWN = "withdrawn"


SURVEY_PROBLEM_STATUS = {
    SurveyProblem.NOT_FOUND: 404,
    SurveyProblem.NOT_OPEN: 409,
    SurveyProblem.CLOSED: 410,
    SurveyProblem.EXPIRED: 410,
    SurveyProblem.ALREADY_USED: 409,
    SurveyProblem.WITHDRAWN: 410,
}
SURVEY_PROBLEM_TEXT = {
    SurveyProblem.NOT_FOUND: _("We do not know this link. Check that you copied the whole "
                               "link, or ask the coordinator for a new one."),
    SurveyProblem.NOT_OPEN: _("This survey is not open yet. Try again later."),
    SurveyProblem.CLOSED: _("This survey is closed. You can no longer fill it in."),
    SurveyProblem.EXPIRED: _("This link has expired. Ask the coordinator for a new link."),
    SurveyProblem.ALREADY_USED: _("This survey has already been filled in. Your answers have "
                                  "been counted once."),
    SurveyProblem.WITHDRAWN: _("You no longer take part in this network scan. Your answers "
                               "have been removed."),
}


class SurveyError(WijkkrachtError):
    """A survey link that cannot be used (now); ``status`` is the HTTP status to answer with."""

    def __init__(self, problem: SurveyProblem):
        self.problem = problem
        super().__init__(str(SURVEY_PROBLEM_TEXT[problem]))

    @property
    def status(self) -> int:
        return SURVEY_PROBLEM_STATUS[self.problem]


@dataclass(frozen=True)
class IssuedLink:
    """A freshly made survey link: the only moment the raw token exists."""

    participant: Participant
    invitation: Invitation
    token: str


@dataclass(frozen=True)
class AnswerInput:
    """One answer as entered (survey form, CSV row or demo generator)."""

    named_id: int
    level: int
    trust: int | None = None
    value: int | None = None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def log_access(action: str, operation: str, subject_type: str, subject_id, *,
               user: User | None = None, request: HttpRequest | None = None, role: str = "",
               detail: str = "", outcome: str = Outcome.OK) -> None:
    """One access-log record of the netwerkscan activity (codes and ids only, no token)."""
    audit.record(activity=ACTIVITY, operation=operation, action=action, outcome=outcome,
                 subject_type=subject_type, subject_id=subject_id, user=user, request=request,
                 role=role, detail=detail)


# --- scans and moments -------------------------------------------------------------------


@transaction.atomic
def scan_create(*, team: Team, name: str, area_codes: Sequence[str], user: User | None,
                opens_at: datetime | None = None, closes_at: datetime | None = None,
                request: HttpRequest | None = None) -> NetwerkScan:
    """A scan for some of the team's wijken (all when none are given), with its first moment
    T0 (open from now unless ``opens_at`` says otherwise)."""
    codes = list(area_codes) or list(team.areas.values_list("area_code", flat=True))
    known = set(team.areas.values_list("area_code", flat=True))
    if not set(codes) <= known:
        raise NetwerkInputError(str(_("A scan can only cover the areas of its team.")))
    scan = NetwerkScan(team=team, name=name.strip(), area_codes=sorted(set(codes)),
                       created_by=user)
    scan.full_clean()
    scan.save()
    log_access(Action.CREATE, "scan_create", "netwerkscan", scan.pk, user=user, request=request,
               role="coordinator")
    moment_create(scan, opens_at=opens_at, closes_at=closes_at, user=user, request=request)
    return scan


@transaction.atomic
def moment_create(scan: NetwerkScan, *, opens_at: datetime | None = None,
                  closes_at: datetime | None = None, user: User | None = None,
                  request: HttpRequest | None = None, allow_overlap: bool = False) -> Moment:
    """The next moment (T0, T1, ...): the roster stays the scan's, so moments compare.

    While another moment is still open in the new one's period, people would get two links
    and the two moments would measure the same weeks: refused with :class:`MomentOverlap`
    unless ``allow_overlap`` (the coordinator confirmed).
    """
    NetwerkScan.objects.select_for_update().filter(pk=scan.pk).first()  # one label at a time
    opens_at = opens_at or timezone.now()
    closes_at = closes_at or opens_at + timedelta(days=DEFAULT_OPEN_DAYS)
    if closes_at <= opens_at:
        raise NetwerkInputError(str(_("The closing date must be after the opening date.")))
    running = scan.moments.filter(status=Moment.Status.OPEN, closes_at__gt=opens_at,
                                  opens_at__lt=closes_at).order_by("opens_at").first()
    if running is not None and not allow_overlap:
        last = timezone.localtime(running.closes_at - timedelta(seconds=1))
        raise MomentOverlap(str(_(
            "Moment %(label)s is still open (until %(date)s). A new moment now would ask the "
            "same people twice in the same weeks. Close %(label)s first, or confirm below "
            "that you want both open.") % {"label": running.label,
                                            "date": date_format(last, "j F Y")}))
    moment = Moment.objects.create(scan=scan, label=f"T{scan.moments.count()}",
                                   opens_at=opens_at, closes_at=closes_at)
    log_access(Action.CREATE, "moment_create", "netwerk_moment", moment.pk, user=user,
               request=request, role="coordinator")
    return moment


@transaction.atomic
def moment_close(moment: Moment, *, user: User | None = None,
                 request: HttpRequest | None = None) -> Moment:
    """Close a moment: its links stop working and nobody joins its roster any more. Its numbers
    still change when a participant withdraws: the right to be removed outlasts the moment."""
    moment = Moment.objects.select_for_update().get(pk=moment.pk)
    if not moment.is_closed:
        moment.status = Moment.Status.CLOSED
        moment.closed_at = timezone.now()
        moment.save(update_fields=["status", "closed_at"])
        log_access(Action.UPDATE, "moment_close", "netwerk_moment", moment.pk, user=user,
                   request=request, role="coordinator")
    return moment


# --- participants ------------------------------------------------------------------------


def participant_build(scan: NetwerkScan, *, display_name: str, organisation_name: str = "",
                      sector: str, role: str = "", consent_named: bool = False,
                      email: str = "") -> Participant:
    """A validated, unsaved participant (imports validate a whole file before saving)."""
    participant = Participant(scan=scan, display_name=display_name.strip(),
                              organisation_name=organisation_name.strip(), sector=sector,
                              role=role.strip(), consent_named=consent_named,
                              email=email.strip())
    participant.full_clean(exclude=["scan"], validate_constraints=False)
    if not participant.display_name:
        raise NetwerkInputError(str(_("A participant needs a name.")))
    return participant


@transaction.atomic
def participants_add(scan: NetwerkScan, participants: Iterable[Participant], *,
                     user: User | None = None, request: HttpRequest | None = None,
                     ) -> list[Participant]:
    """Save built participants in one go; a duplicate name refuses them all."""
    saved = []
    try:
        with transaction.atomic():
            for participant in participants:
                participant.scan = scan
                participant.save()
                saved.append(participant)
    except IntegrityError:
        raise NetwerkInputError(str(_("Someone with this name and organisation is already "
                                      "taking part in this scan."))) from None
    log_access(Action.CREATE, "participants_add", "netwerkscan", scan.pk, user=user,
               request=request, role="coordinator", detail=f"n{len(saved)}")
    return saved


@transaction.atomic
def participant_withdraw(participant: Participant, *, user: User | None = None,
                         request: HttpRequest | None = None,
                         invitation: Invitation | None = None) -> Participant:
    """Take a participant out of the scan: their answers, the answers naming them, their
    responses, their name and e-mail address go; only the sector stays (AVG art. 17, right
    to erasure).

    Done by the coordinator (``user``) or by the participant through a survey link
    (``invitation``); the access log names whichever it was, never the token.
    """
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.is_withdrawn:
        return participant
    Answer.objects.filter(respondent=participant).delete()
    Answer.objects.filter(named=participant).delete()
    Submission.objects.filter(respondent=participant).delete()
    participant.display_name = participant.organisation_name = participant.role = ""
    participant.email = ""
    participant.consent_named = False
    participant.withdrawn_at = timezone.now()
    participant.save()
    if invitation is not None:
        log_access(Action.DELETE, "participant_withdraw", "netwerk_invitation", invitation.pk,
                   request=request, role="participant")
    else:
        log_access(Action.DELETE, "participant_withdraw", "netwerk_participant", participant.pk,
                   user=user, request=request, role="coordinator")
    return participant


# --- survey links ------------------------------------------------------------------------


@transaction.atomic
def invitations_issue(moment: Moment, *, user: User | None = None,
                      request: HttpRequest | None = None,
                      participants: Iterable[Participant] | None = None,
                      replace: bool = False) -> list[IssuedLink]:
    """Make personal links for a moment; returns each raw token once (it is not kept).

    Participants who already have a link get none, unless ``replace``: then their unused link
    is replaced by a new one (the old one stops working). Who already answered, or withdrew,
    gets no link. Sending them (print, e-mail) is up to the caller.
    """
    if moment.is_closed or timezone.now() >= moment.closes_at:
        raise NetwerkInputError(str(_("This moment is closed; it needs no new links.")))
    chosen = moment.scan.participants.filter(withdrawn_at__isnull=True)
    if participants is not None:
        chosen = chosen.filter(pk__in=[p.pk for p in participants])
    answered = set(moment.submissions.values_list("respondent_id", flat=True))
    existing = {inv.participant_id: inv for inv in
                Invitation.objects.select_for_update().filter(moment=moment)}
    issued = []
    for participant in in_roster_order(chosen):
        if participant.pk in answered:
            continue
        invitation = existing.get(participant.pk)
        if invitation is not None and (invitation.used_at or not replace):
            continue
        token = secrets.token_urlsafe(TOKEN_BYTES)
        if invitation is None:
            invitation = Invitation(moment=moment, participant=participant)
        invitation.token_hash = hash_token(token)
        invitation.expires_at = moment.closes_at
        invitation.save()
        issued.append(IssuedLink(participant, invitation, token))
    if issued:
        log_access(Action.CREATE, "invitations_issue", "netwerk_moment", moment.pk, user=user,
                   request=request, role="coordinator", detail=f"n{len(issued)}")
    return issued


def _invitation_for(token: str, *, lock: bool = False) -> Invitation:
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        raise SurveyError(SurveyProblem.NOT_FOUND)
    rows = Invitation.objects.select_related("moment__scan", "participant")
    if lock:  # only the invitation: submissions of other people go on in parallel
        rows = rows.select_for_update(of=("self",))
    invitation = rows.filter(token_hash=hash_token(token)).first()
    if invitation is None:
        raise SurveyError(SurveyProblem.NOT_FOUND)
    return invitation


def _check_usable(invitation: Invitation, now: datetime) -> None:
    """The order matters: "already filled in" says more than "expired" or "closed"."""
    moment = invitation.moment
    if invitation.participant.is_withdrawn:
        raise SurveyError(SurveyProblem.WITHDRAWN)
    if invitation.used_at is not None:
        raise SurveyError(SurveyProblem.ALREADY_USED)
    if moment.is_closed or now >= moment.closes_at:
        raise SurveyError(SurveyProblem.CLOSED)
    if now >= invitation.expires_at:
        raise SurveyError(SurveyProblem.EXPIRED)
    if now < moment.opens_at:
        raise SurveyError(SurveyProblem.NOT_OPEN)


def survey_invitation(token: str) -> Invitation:
    """The invitation behind a link that can be answered now, or a SurveyError."""
    invitation = _invitation_for(token)
    _check_usable(invitation, timezone.now())
    return invitation


def in_roster_order(participants: Iterable[Participant]) -> list[Participant]:
    """Sectors in the order of ``Sector`` (care, social domain, then the rest), then by name:
    the order of the survey, the scan page and the link list."""
    return sorted(participants, key=lambda p: (SECTOR_ORDER[p.sector], p.display_name, p.pk))


def survey_roster(invitation: Invitation) -> list[Participant]:
    """The other participants the respondent is asked about (withdrawn people are gone)."""
    return in_roster_order(invitation.moment.scan.participants
                           .filter(withdrawn_at__isnull=True)
                           .exclude(pk=invitation.participant_id))


def survey_opened(invitation: Invitation, *, request: HttpRequest | None = None) -> None:
    """Log that a respondent was shown the roster (other people's names and roles)."""
    with transaction.atomic():
        log_access(Action.READ, "survey_read", "netwerk_invitation", invitation.pk,
                   request=request, role="participant")


def answers_save(moment: Moment, respondent: Participant, answers: Iterable[AnswerInput], *,
                 source: str, invitation: Invitation | None = None) -> Submission:
    """Store one respondent's answers for a moment; call inside a transaction.

    The unique Submission row is created first: if the respondent was already counted for this
    moment, the IntegrityError it raises undoes everything, so a survey counts once.
    """
    answers = list(answers)
    allowed = set(moment.scan.participants.filter(withdrawn_at__isnull=True)
                  .exclude(pk=respondent.pk).values_list("pk", flat=True))
    seen: set[int] = set()
    for item in answers:
        if item.named_id not in allowed or item.named_id in seen:
            raise NetwerkInputError(str(_("An answer names someone who is not on the roster, "
                                          "or names someone twice.")))
        seen.add(item.named_id)
        if not 0 <= item.level <= MAX_LEVEL:
            raise NetwerkInputError(str(_("A level is a whole number from 0 to 4.")))
        for score in (item.trust, item.value):
            if score is not None and not 1 <= score <= 4:
                raise NetwerkInputError(str(_("Trust and value are whole numbers from 1 to "
                                              "4.")))
    with transaction.atomic():  # a savepoint: the caller may turn the IntegrityError into text
        submission = Submission.objects.create(moment=moment, respondent=respondent,
                                               source=source, invitation=invitation)
    Answer.objects.bulk_create(
        Answer(moment=moment, respondent=respondent, named_id=item.named_id, level=item.level,
               trust=item.trust, value=item.value) for item in answers)
    return submission


@transaction.atomic
def survey_submit(token: str, answers: Iterable[AnswerInput], *, consent_named: bool,
                  request: HttpRequest | None = None) -> Submission:
    """Store a filled-in survey, exactly once.

    The invitation row is locked first, so a second submission of the same link waits and
    then finds it used; the unique Submission row catches anything that slips past (two
    links of one person, or a database without row locks).
    """
    invitation = _invitation_for(token, lock=True)
    _check_usable(invitation, timezone.now())
    participant = invitation.participant
    try:
        submission = answers_save(invitation.moment, participant, answers,
                                  source=Submission.Source.SURVEY, invitation=invitation)
    except IntegrityError:
        raise SurveyError(SurveyProblem.ALREADY_USED) from None
    invitation.used_at = submission.submitted_at
    invitation.save(update_fields=["used_at"])
    if participant.consent_named != consent_named:
        participant.consent_named = consent_named
        participant.save(update_fields=["consent_named"])
    log_access(Action.CREATE, "survey_submit", "netwerk_invitation", invitation.pk,
               request=request, role="participant")
    return submission


def withdrawal_invitation(token: str, *, lock: bool = False) -> Invitation:
    """The invitation behind a link whose participant can withdraw: also after answering and
    after the moment closed, because the right to be removed does not end with the survey."""
    invitation = _invitation_for(token, lock=lock)
    if invitation.participant.is_withdrawn:
        raise SurveyError(SurveyProblem.WITHDRAWN)
    return invitation


def survey_withdraw(token: str, *, request: HttpRequest | None = None) -> Participant:
    """Withdraw through one's own link (see :func:`withdrawal_invitation`)."""
    with transaction.atomic():
        invitation = withdrawal_invitation(token, lock=True)
        return participant_withdraw(invitation.participant, request=request,
                                    invitation=invitation)
