"""Changes to learning networks: creating one, its members, following, meetings, questions,
answers, and the e-mail digest for members who follow a network.

The views check the permissions (``accounts.permissions``); these functions keep the network
sound (a network always has a lead) and the digest idempotent: each membership remembers up to
when it was sent (``digest_sent_until``), moved in the same transaction as the sending, so a
second run sends nothing twice and a failing mail server leaves it to the next run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wijkkracht.accounts.models import User
from wijkkracht.errors import WijkkrachtError

from . import selectors_network as select
from .models import Answer, Meeting, Network, NetworkMember, Practice, Question

# RFC 3834: no out-of-office replies to a mailbox that nobody reads.
HEADERS = {"Auto-Submitted": "auto-generated"}


class NetworkError(WijkkrachtError):
    """A change that would leave the network unsound; the message says why, in Dutch."""


@transaction.atomic
def network_create(*, name: str, description: str, leads: Iterable[User]) -> Network:
    leads = list(leads)
    if not leads:
        raise NetworkError(_("A learning network needs at least one lead."))
    network = Network.objects.create(name=name, description=description)
    NetworkMember.objects.bulk_create(
        NetworkMember(network=network, user=user, role=NetworkMember.Role.LEAD) for user in leads)
    return network


def member_add(network: Network, user: User, *, role: str) -> NetworkMember:
    try:
        with transaction.atomic():
            return NetworkMember.objects.create(network=network, user=user, role=role)
    except IntegrityError:
        raise NetworkError(_("%(name)s is already a member of this network.")
                           % {"name": user.get_full_name() or user.username}) from None


@transaction.atomic
def member_remove(network: Network, member: NetworkMember) -> None:
    """Remove a member; the last lead stays, so someone can still keep the network."""
    leads = NetworkMember.objects.select_for_update().filter(
        network=network, role=NetworkMember.Role.LEAD)
    if member.role == NetworkMember.Role.LEAD and list(leads) == [member]:
        raise NetworkError(_("This is the network's only lead. Make someone else lead first."))
    NetworkMember.objects.filter(pk=member.pk, network=network).delete()


def member_role_set(network: Network, member: NetworkMember, role: str) -> None:
    if role == member.role:
        return
    if member.role == NetworkMember.Role.LEAD and not network.members.filter(
            role=NetworkMember.Role.LEAD).exclude(pk=member.pk).exists():
        raise NetworkError(_("This is the network's only lead. Make someone else lead first."))
    NetworkMember.objects.filter(pk=member.pk).update(role=role)


def follow_set(member: NetworkMember, follows: bool, *, now: dt.datetime | None = None) -> None:
    """Start or stop the digest. Who starts gets what is new from now on, not the past."""
    now = now or timezone.now()
    if follows and not member.follows:
        member.follows = True
        member.digest_sent_until = max(filter(None, (member.digest_sent_until, now)))
    elif not follows:
        member.follows = False
    member.save(update_fields=["follows", "digest_sent_until"])


@transaction.atomic
def meeting_save(network: Network, meeting: Meeting | None, *, values: dict,
                 practices: Iterable[Practice], user: User | None) -> Meeting:
    if meeting is None:
        meeting = Meeting(network=network, created_by=user)
    for key in ("held_on", "title", "notes", "decisions"):
        setattr(meeting, key, values.get(key, getattr(meeting, key)) or "")
    meeting.save()
    meeting.practices.set(list(practices))
    return meeting


def question_ask(network: Network, *, title: str, text: str, user: User | None) -> Question:
    return Question.objects.create(network=network, title=title, text=text, asked_by=user)


def answer_give(question: Question, *, text: str, practice: Practice | None,
                user: User | None) -> Answer:
    return Answer.objects.create(question=question, text=text, practice=practice,
                                 answered_by=user)


# --- the digest ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Digest:
    member: NetworkMember
    practices: list[Practice]
    answers: list[Answer]
    sent: bool  # False on a dry run


def practice_link(practice: Practice) -> str:
    """The practice's page, when the praktijkbank has one; else nothing."""
    try:
        return reverse("praktijk:practice_detail", args=[practice.pk])
    except NoReverseMatch:
        return ""


def person_name(user: User | None) -> str:
    """Who wrote something; "someone" when the account is gone."""
    if user is None:
        return _("someone")
    return user.get_full_name() or user.username


def _absolute(base_url: str, path: str) -> str:
    return urljoin(base_url, path) if base_url and path else path


def digest_message(digest: Digest, *, base_url: str, connection=None) -> EmailMessage:
    network = digest.member.network
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Learning network %(name)s: what is new") % {"name": network.name}
        body = render_to_string("praktijk/email/network_digest.txt", {
            "member": digest.member, "network": network,
            "practices": [(p, _absolute(base_url, practice_link(p)))
                          for p in digest.practices],
            "answers": [(a, _absolute(base_url, reverse(
                "praktijk:network_question", args=[network.pk, a.question_id])),
                person_name(a.answered_by)) for a in digest.answers],
            "member_name": person_name(digest.member.user),
            "network_url": _absolute(base_url, reverse("praktijk:network_detail",
                                                       args=[network.pk])),
        }).strip() + "\n"
    return EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL,
                        to=[digest.member.user.email], headers=HEADERS, connection=connection)


def digest_send(*, now: dt.datetime | None = None, dry_run: bool = False,
                base_url: str = "") -> list[Digest]:
    """Send every following member the network's new practices and answers since their last
    digest (or since they started following). Nothing new: no e-mail. Without a mail server
    (``WIJKKRACHT_EMAIL_ENABLED``) nothing is sent or recorded, and the caller is told so."""
    now = now or timezone.now()
    if not dry_run and not settings.WIJKKRACHT_EMAIL_ENABLED:
        raise NetworkError(_("Sending e-mail is not set up on this server "
                             "(WIJKKRACHT_SMTP_HOST). Nothing was sent."))
    connection = None if dry_run else get_connection()
    result = []
    for member in select.followers():
        since = member.digest_sent_until or member.joined_at
        if since >= now:
            continue
        practices = select.digest_practices(member.network, since, now)
        answers = select.digest_answers(member.network, since, now, reader=member.user)
        if dry_run:
            if practices or answers:
                result.append(Digest(member, practices, answers, sent=False))
            continue
        digest = Digest(member, practices, answers, sent=True)
        with transaction.atomic():
            # moved only if no other run moved it meanwhile: then this one sends nothing
            moved = NetworkMember.objects.filter(
                pk=member.pk, digest_sent_until=member.digest_sent_until).update(
                digest_sent_until=now)
            if moved and (practices or answers):
                digest_message(digest, base_url=base_url, connection=connection).send()
                result.append(digest)
    return result
