"""A netwerkscan in the database: scan, moments, participants, survey links and answers.

The pure core (``netwerk.core``) computes on a ``Scan``; ``snapshot.core_scan`` maps these rows
to it. Tokens of survey links are never stored, only their SHA-256 hash. A ``Submission`` row per
(moment, respondent) is the database's guarantee that a survey is counted once, whatever
happens in parallel.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wijkkracht.accounts.models import Team, wijk_code_validator

from .core.model import MAX_LEVEL


class Sector(models.TextChoices):
    """The sectors of a wijk network; ascii codes, Dutch wording in the catalogue."""

    GP = "gp", _("GP care")
    DISTRICT_NURSING = "district_nursing", _("District nursing")
    SOCIAL_TEAM = "social_team", _("Social neighbourhood team")
    WELFARE = "welfare", _("Welfare")
    MUNICIPALITY = "municipality", _("Municipality")
    MENTAL_HEALTH = "mental_health", _("Mental health care (GGZ)")
    YOUTH = "youth", _("Youth care")
    HOUSING = "housing", _("Housing / housing association")
    VOLUNTEERS = "volunteers", _("Volunteers / residents' initiative")
    SCHOOL = "school", _("School / childcare")
    POLICE = "police", _("Police")
    OTHER = "other", _("Other")


class NetwerkScan(models.Model):
    """One network scan of a team's wijk (or wijken); the team's coordinators run it."""

    name = models.CharField(_("name"), max_length=200)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="netwerkscans",
                             verbose_name=_("team"))
    area_codes = models.JSONField(_("CBS area codes"), default=list, blank=True,
                                  help_text=_("The wijken of the team this scan covers."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # Sector code -> domain for pooling small sectors in the anonymous report; empty: the usual
    # domains (netwerk.domains.DEFAULT_DOMAINS), and only the sectors named here change.
    sector_domains = models.JSONField(
        _("domains of sectors"), default=dict, blank=True,
        help_text=_("For the anonymous report: which sectors are pooled together when they are "
                    "too small on their own, as {\"sector code\": \"domain\"}. Empty: the usual "
                    "domains (zorg, sociaal domein, gemeenschap en informeel, veiligheid, "
                    "gemeente)."))
    # Picture positions by participant id, [x, y] in [0, 1]: the same place in every report.
    layout = models.JSONField(_("layout of the pictures"), default=dict, blank=True,
                              editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("network scan")
        verbose_name_plural = _("network scans")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not isinstance(self.area_codes, list):
            raise ValidationError({"area_codes": _("The area codes must be a list.")})
        for code in self.area_codes:
            wijk_code_validator(code)
        domains = self.sector_domains
        if not isinstance(domains, dict) or any(
                code not in Sector.values or not isinstance(domain, str)
                or not 0 < len(domain.strip()) <= 60 or not domain.isprintable()
                for code, domain in domains.items()):
            raise ValidationError({"sector_domains": _(
                "Give the domains as {\"sector code\": \"domain\"}, with the codes %(codes)s "
                "and a domain name of at most 60 characters.") % {
                    "codes": ", ".join(Sector.values)}})


class Moment(models.Model):
    """A measurement moment (T0, T1, ...): the survey is open between opens_at and closes_at."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    scan = models.ForeignKey(NetwerkScan, on_delete=models.CASCADE, related_name="moments")
    label = models.CharField(_("label"), max_length=10)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.OPEN)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["scan", "opens_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scan", "label"], name="netwerk_moment_label_unique"),
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")),
                                   name="netwerk_moment_closes_after_opening"),
        ]
        verbose_name = _("measurement moment")
        verbose_name_plural = _("measurement moments")

    def __str__(self) -> str:
        return f"{self.scan}: {self.label}"

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    def accepts_answers(self, now=None) -> bool:
        now = now or timezone.now()
        return not self.is_closed and self.opens_at <= now < self.closes_at


class Participant(models.Model):
    """A person on the scan's roster. Withdrawn participants keep only their sector (name,
    organisation, role and e-mail address are blanked)."""

    scan = models.ForeignKey(NetwerkScan, on_delete=models.CASCADE, related_name="participants")
    display_name = models.CharField(_("name"), max_length=200, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    role = models.CharField(_("role"), max_length=200, blank=True)
    # Personal data like the name: only on the coordinator's pages, never in a log.
    email = models.EmailField(
        _("e-mail address"), blank=True,
        help_text=_("To send the participant their survey link by e-mail."))
    consent_named = models.BooleanField(
        _("may be named"), default=False,
        help_text=_("The participant agreed that their name appears in the named results."))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["scan", "sector", "display_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["scan", "display_name", "organisation_name"],
                condition=Q(withdrawn_at__isnull=True),
                name="netwerk_participant_unique_per_scan"),
        ]
        verbose_name = pgettext_lazy("netwerkscan", "participant")
        verbose_name_plural = pgettext_lazy("netwerkscan", "participants")

    def __str__(self) -> str:
        return self.display_name or str(_("(withdrawn)"))

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class Invitation(models.Model):
    """A personal survey link for one moment. Only the SHA-256 of its token is kept."""

    moment = models.ForeignKey(Moment, on_delete=models.CASCADE, related_name="invitations")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE,
                                    related_name="invitations")
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["moment", "participant"],
                                    name="netwerk_invitation_unique_per_moment"),
        ]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.moment} #{self.pk}"


class Submission(models.Model):
    """One completed survey per (moment, respondent): the unique row that counts a response."""

    class Source(models.TextChoices):
        SURVEY = "survey", _("Survey link")
        IMPORT = "import", _("CSV import")

    moment = models.ForeignKey(Moment, on_delete=models.CASCADE, related_name="submissions")
    respondent = models.ForeignKey(Participant, on_delete=models.CASCADE,
                                   related_name="submissions")
    invitation = models.ForeignKey(Invitation, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["moment", "respondent"],
                                    name="netwerk_submission_once_per_moment"),
        ]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")

    def __str__(self) -> str:
        return f"{self.moment} #{self.respondent_id}"


def _score_field(label) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)])


class Answer(models.Model):
    """What the respondent says about the named participant: a ladder level (0-4) and
    optional PARTNER-style trust and value items (1-4)."""

    moment = models.ForeignKey(Moment, on_delete=models.CASCADE, related_name="answers")
    respondent = models.ForeignKey(Participant, on_delete=models.CASCADE,
                                   related_name="answers_given")
    named = models.ForeignKey(Participant, on_delete=models.CASCADE,
                              related_name="answers_received")
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(0), MaxValueValidator(MAX_LEVEL)])
    trust = _score_field(_("trust"))
    value = _score_field(_("value"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["moment", "respondent", "named"],
                                    name="netwerk_answer_once_per_pair"),
            models.CheckConstraint(condition=~Q(respondent=models.F("named")),
                                   name="netwerk_answer_not_about_self"),
            models.CheckConstraint(condition=Q(level__gte=0, level__lte=MAX_LEVEL),
                                   name="netwerk_answer_level_range"),
            models.CheckConstraint(condition=Q(trust__isnull=True)
                                   | Q(trust__gte=1, trust__lte=4),
                                   name="netwerk_answer_trust_range"),
            models.CheckConstraint(condition=Q(value__isnull=True)
                                   | Q(value__gte=1, value__lte=4),
                                   name="netwerk_answer_value_range"),
        ]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.moment}: {self.respondent_id} -> {self.named_id} = {self.level}"
