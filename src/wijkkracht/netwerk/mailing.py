"""Survey links sent by e-mail: one plain-text e-mail per person, with their own new link.

Only when the site has a mail server (``WIJKKRACHT_EMAIL_ENABLED``). The links are issued and
the e-mails sent in one transaction: if the mail server fails, the new links are rolled back
and the earlier links of these people keep working, so nothing is half done. E-mail addresses
and links go to the mail server only: never to the access log (it gets the count) nor to the
application log (it gets the kind of error).
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wijkkracht.accounts.models import User
from wijkkracht.audit.models import Action, Outcome

from .models import Moment, Participant
from .services import IssuedLink, NetwerkInputError, in_roster_order, invitations_issue, log_access

logger = logging.getLogger(__name__)

# RFC 3834: no out-of-office replies to a mailbox that nobody reads.
HEADERS = {"Auto-Submitted": "auto-generated"}


class MailError(NetwerkInputError):
    """The mail server did not take the e-mails; nothing was changed."""


@dataclass(frozen=True)
class SendResult:
    """Who got an e-mail with a new link, and who needs their link another way."""

    sent: list[Participant]
    without_address: list[Participant]

    @property
    def count(self) -> int:
        return len(self.sent)


def survey_url(base_url: str, token: str) -> str:
    return urljoin(base_url, reverse("netwerk:survey", args=[token]))


def withdraw_url(base_url: str, token: str) -> str:
    return urljoin(base_url, reverse("netwerk:survey_withdraw", args=[token]))


def last_day(link: IssuedLink):
    """The last minute the link works: a survey that closes "after 5 March" closes at the
    start of 6 March, and "until 6 March" would send people away a day early."""
    return timezone.localtime(link.invitation.expires_at - timedelta(seconds=1))


def invitation_message(link: IssuedLink, *, base_url: str, connection=None) -> EmailMessage:
    """The e-mail for one person, in the site's language (Dutch), whoever sends it."""
    moment = link.invitation.moment
    scan = moment.scan
    context = {
        "name": link.participant.display_name, "team": scan.team.name, "scan": scan.name,
        "survey_url": survey_url(base_url, link.token),
        "withdraw_url": withdraw_url(base_url, link.token),
        "last": last_day(link),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Network scan %(name)s: your personal survey") % {"name": scan.name}
        body = render_to_string("netwerk/email/invitation.txt", context).strip() + "\n"
    return EmailMessage(subject=" ".join(subject.split()), body=body,
                        from_email=settings.DEFAULT_FROM_EMAIL, to=[link.participant.email],
                        headers=HEADERS, connection=connection)


def _check(moment: Moment) -> None:
    if not settings.WIJKKRACHT_EMAIL_ENABLED:
        raise NetwerkInputError(_("Sending e-mail is not set up on this server. Make the "
                                  "links and hand them out yourself."))
    if moment.is_closed or timezone.now() >= moment.closes_at:
        raise NetwerkInputError(_("This moment is closed; it needs no new links."))


def invitations_send(moment: Moment, *, user: User | None, request: HttpRequest | None,
                     base_url: str) -> SendResult:
    """E-mail a new personal link to everyone with an e-mail address who has not answered.

    Their earlier unused link is replaced (it stops working). People without an address are
    returned, so the coordinator can give them their link another way. ``base_url`` is the
    site's address (``request.build_absolute_uri("/")``); the links are made from it.
    A failing mail server raises :class:`MailError` and leaves everything as it was.
    """
    _check(moment)
    answered = set(moment.submissions.values_list("respondent_id", flat=True))
    waiting = [p for p in moment.scan.participants.filter(withdrawn_at__isnull=True)
               if p.pk not in answered]
    with_address = [p for p in waiting if p.email]
    without_address = in_roster_order(p for p in waiting if not p.email)
    if not with_address:
        return SendResult(sent=[], without_address=without_address)
    connection = get_connection()
    try:
        connection.open()  # an unreachable server fails here, before any link is made
        with transaction.atomic():
            links = invitations_issue(moment, user=user, request=request,
                                      participants=with_address, replace=True)
            messages = [invitation_message(link, base_url=base_url, connection=connection)
                        for link in links]
            if messages:  # logged before sending: what cannot be logged is not sent
                log_access(Action.EXECUTE, "invitations_send", "netwerk_moment", moment.pk,
                           user=user, request=request, role="coordinator",
                           detail=f"n{len(messages)}")
                sent = connection.send_messages(messages)
                if sent != len(messages):
                    raise smtplib.SMTPException("the backend did not send every message")
    except (smtplib.SMTPException, OSError) as exc:
        # The exception's text may hold addresses (SMTPRecipientsRefused): only its kind.
        logger.warning("Netwerkscan survey e-mails for moment %s not sent: %s", moment.pk,
                       type(exc).__name__)
        with transaction.atomic():
            log_access(Action.EXECUTE, "invitations_send", "netwerk_moment", moment.pk,
                       user=user, request=request, role="coordinator",
                       outcome=Outcome.ERROR, detail="mail_failed")
        raise MailError(_(
            "Sending the e-mails failed, so nothing was changed: no new links were made and "
            "the earlier links still work. If an e-mail did get through, its link does not "
            "work. Try again later, or make the links and hand them out yourself.")) from None
    finally:
        connection.close()
    return SendResult(sent=[link.participant for link in links],
                      without_address=without_address)
