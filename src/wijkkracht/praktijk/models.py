"""The praktijkbank: local practices with their goals, results (figures with their source where
the monitor or an SROI value map has them), lessons and advice, the principles they apply, and
the learning network that keeps and shares them. No personal data of residents: a practice is
about an approach; its contact is a professional who chose to be named."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.models import Organisation


class Status(models.TextChoices):
    PILOT = "pilot", _("pilot")
    STRUCTURAL = "structureel", _("structural")
    STOPPED = "gestopt", _("stopped")


class Practice(models.Model):
    """A local practice. ``principles`` and ``target_groups`` hold codes of the fixed
    vocabularies (``praktijk/principles.json``); ``wijk_codes`` CBS wijk codes; the monitor
    indicators and the SROI value map are referred to by code and id (the praktijkbank reads
    them through the monitor's selectors, never its tables)."""

    title = models.CharField(_("name"), max_length=160)
    summary = models.CharField(_("in one sentence"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    gemeente_code = models.CharField(_("gemeente"), max_length=6, blank=True)
    wijk_codes = models.JSONField(_("wijken"), default=list, blank=True)
    place = models.CharField(_("place"), max_length=120, blank=True)
    organisations = models.TextField(_("organisations involved"), blank=True)
    started_on = models.DateField(_("started"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    goals = models.TextField(_("goals"), blank=True)
    intended_results = models.TextField(_("intended results"), blank=True)
    achieved_results = models.TextField(_("achieved results"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
    advice = models.TextField(_("advice for others"), blank=True)
    principles = models.JSONField(_("principles"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.PILOT)
    status_reason = models.TextField(_("why this status"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    monitor_indicators = models.JSONField(_("monitor indicators"), default=list, blank=True)
    sroi_initiative_id = models.PositiveIntegerField(_("SROI value map"), null=True, blank=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="practices", null=True, blank=True,
                                     verbose_name=_("owner organisation"))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="practices", verbose_name=_("owner"))
    is_public = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True,
                              help_text=_("Where the facts come from, e.g. a programme report."))
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["title"]
        verbose_name = _("practice")
        verbose_name_plural = _("practices")

    def __str__(self) -> str:
        return self.title


class Attachment(models.Model):
    """A PDF or an image of a practice, recognised by its content (``inputs.filetypes``)."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(_("file name"), max_length=150)
    description = models.CharField(_("description"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


class Network(models.Model):
    """A learning network: members from several gemeenten and organisations."""

    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("learning network")
        verbose_name_plural = _("learning networks")

    def __str__(self) -> str:
        return self.name


class NetworkMember(models.Model):
    class Role(models.TextChoices):
        MEMBER = "lid", _("member")
        LEAD = "trekker", _("lead")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="learning_networks")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    follows = models.BooleanField(_("receives the digest"), default=False)
    joined_at = models.DateTimeField(default=timezone.now)
    digest_sent_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["network", "user"],
                                               name="praktijk_one_membership")]
        verbose_name = _("network member")
        verbose_name_plural = _("network members")


class Meeting(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("date"))
    title = models.CharField(_("subject"), max_length=160)
    notes = models.TextField(_("notes"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    practices = models.ManyToManyField(Practice, blank=True, related_name="meetings",
                                       verbose_name=_("practices discussed"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("network meeting")
        verbose_name_plural = _("network meetings")


class Question(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="questions")
    title = models.CharField(_("question"), max_length=200)
    text = models.TextField(_("explanation"), blank=True)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                 null=True, related_name="+")
    asked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-asked_at", "-pk"]
        verbose_name = _("question to the network")
        verbose_name_plural = _("questions to the network")


class Answer(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(_("answer"))
    practice = models.ForeignKey(Practice, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="answers", verbose_name=_("practice"))
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, related_name="+")
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["answered_at", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
