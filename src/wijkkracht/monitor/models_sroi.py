"""An SROI value map per initiative: stakeholders, inputs and outcome rows holding every field of
:mod:`wijkkracht.stats.sroi`. No personal data: amounts, counts and their sources only.

Percentages (deadweight, displacement, attribution, drop-off, the discount rate) are stored as
the user types them, 0-100, so a form shows back exactly what was entered; the selectors turn
them into fractions for the arithmetic. Fields the arithmetic needs are nullable: a map is only
saved when :func:`wijkkracht.stats.sroi.validate` finds nothing, but the result page must still
say what is wrong if a stored map no longer passes (rather than fail).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.models import Organisation
from wijkkracht.stats.sroi import MKBA_DISCOUNT_RATE

__all__ = ["EvidenceGrade", "SroiInitiative", "SroiInput", "SroiOutcome", "SroiStakeholder",
           "StakeholderKind"]


class StakeholderKind(models.TextChoices):
    """The pockets of :class:`wijkkracht.stats.sroi.StakeholderKind`, labelled for forms."""

    GEMEENTE = "gemeente", _("municipality")
    ZORGVERZEKERAAR = "zorgverzekeraar", _("health insurer")
    RIJK = "rijk", _("central government")
    BEWONERS = "bewoners", _("residents")
    AANBIEDER = "aanbieder", _("provider")
    OVERIG = "overig", _("other")


class EvidenceGrade(models.TextChoices):
    MEASURED = "A", _("A: measured")
    STUDY = "B", _("B: from research")
    ESTIMATE = "C", _("C: estimate")


class SroiInitiative(models.Model):
    """An initiative whose social return is estimated: the head of one value map."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="sroi_initiatives",
                                     verbose_name=_("organisation"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    period = models.CharField(_("period covered"), max_length=80, blank=True)
    discount_rate = models.FloatField(_("discount rate (%)"), null=True,
                                      default=round(MKBA_DISCOUNT_RATE * 100, 4))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("SROI initiative")
        verbose_name_plural = _("SROI initiatives")

    def __str__(self) -> str:
        return self.name


class SroiStakeholder(models.Model):
    initiative = models.ForeignKey(SroiInitiative, on_delete=models.CASCADE,
                                   related_name="stakeholders")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=StakeholderKind.choices)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["initiative", "name"],
                                               name="sroi_stakeholder_name_once")]
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")

    def __str__(self) -> str:
        return self.name


class SroiInput(models.Model):
    """Money (or time valued in money) a stakeholder puts in; year 1 is the first."""

    initiative = models.ForeignKey(SroiInitiative, on_delete=models.CASCADE,
                                   related_name="inputs")
    position = models.PositiveIntegerField(default=0)
    stakeholder = models.ForeignKey(SroiStakeholder, on_delete=models.CASCADE,
                                    related_name="inputs")
    description = models.CharField(_("description"), max_length=200, blank=True)
    amount = models.FloatField(_("amount (€)"), null=True)
    year = models.PositiveSmallIntegerField(_("year"), default=1)
    evidence = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("input")
        verbose_name_plural = _("inputs")


class SroiOutcome(models.Model):
    """One row of the value map: what changes for a stakeholder, how much, for how long, what it
    is worth, what would have happened anyway, and whose pocket the value lands in."""

    initiative = models.ForeignKey(SroiInitiative, on_delete=models.CASCADE,
                                   related_name="outcomes")
    position = models.PositiveIntegerField(default=0)
    stakeholder = models.ForeignKey(SroiStakeholder, on_delete=models.CASCADE,
                                    related_name="outcomes")
    description = models.CharField(_("outcome"), max_length=200)
    indicator = models.CharField(_("indicator"), max_length=200, blank=True)
    quantity = models.FloatField(_("quantity"), null=True)
    quantity_source = models.CharField(_("source of the quantity"), max_length=300, blank=True)
    indicator_code = models.CharField(_("monitor indicator"), max_length=80, blank=True)
    duration = models.PositiveSmallIntegerField(_("duration (years)"), null=True)
    proxy = models.FloatField(_("financial proxy (€ per unit)"), null=True)
    proxy_source = models.CharField(_("source of the proxy"), max_length=300, blank=True)
    deadweight = models.FloatField(_("deadweight (%)"), null=True)
    deadweight_grade = models.CharField(max_length=1, choices=EvidenceGrade.choices,
                                        blank=True)
    deadweight_source = models.CharField(max_length=300, blank=True)
    displacement = models.FloatField(_("displacement (%)"), null=True)
    displacement_grade = models.CharField(max_length=1, choices=EvidenceGrade.choices,
                                          blank=True)
    displacement_source = models.CharField(max_length=300, blank=True)
    attribution = models.FloatField(_("attribution (%)"), null=True)
    attribution_grade = models.CharField(max_length=1, choices=EvidenceGrade.choices,
                                         blank=True)
    attribution_source = models.CharField(max_length=300, blank=True)
    drop_off = models.FloatField(_("drop-off per year (%)"), null=True)
    drop_off_grade = models.CharField(max_length=1, choices=EvidenceGrade.choices, blank=True)
    drop_off_source = models.CharField(max_length=300, blank=True)
    pocket = models.CharField(_("benefits land with"), max_length=20,
                              choices=StakeholderKind.choices)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return self.description
