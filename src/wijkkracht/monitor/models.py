"""What the monitor keeps that casework does not: a team's own indicators and their figures per
period, targets, and the improvement steps that start a new phase of a chart. No personal data:
figures per wijk or team and period only."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.models import Organisation, Team

PERIOD_RE = r"^\d{4}-(0[1-9]|1[0-2]|K[1-4])$"
period_validator = RegexValidator(PERIOD_RE, _("Write a period as 2025-03 (a month) or 2025-K1 "
                                               "(a quarter)."), code="period")


class Measure(models.TextChoices):
    COUNT = "count", _("number")
    PROPORTION = "proportion", _("share (numerator of denominator)")
    RATE = "rate", _("rate (per denominator)")
    MEAN = "mean", _("mean")


class Polarity(models.TextChoices):
    UP = "up", _("higher is better")
    DOWN = "down", _("lower is better")
    NEUTRAL = "neutral", _("neither")


class Chart(models.TextChoices):
    RUN = "run", _("run chart")
    XMR = "xmr", _("I chart (XmR)")
    P = "p", _("P chart")
    PP = "pp", _("P' chart (Laney)")
    U = "u", _("U chart")
    UP = "up", _("U' chart (Laney)")


class Indicator(models.Model):
    """A team-defined indicator for what the platform does not hold: figures a GP practice or
    the housing corporation reports, entered per period by hand or from a CSV."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="monitor_indicators")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="monitor_indicators",
                             verbose_name=_("team"))
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    measure = models.CharField(_("kind of figure"), max_length=12, choices=Measure.choices,
                               default=Measure.COUNT)
    per = models.FloatField(_("per"), default=1, help_text=_("100 for a percentage or a rate "
                                                             "per 100."))
    polarity = models.CharField(_("direction"), max_length=8, choices=Polarity.choices,
                                default=Polarity.NEUTRAL)
    chart = models.CharField(_("chart"), max_length=4, choices=Chart.choices, default=Chart.XMR)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    source = models.CharField(_("source"), max_length=200,
                              help_text=_("Who supplies the figures, e.g. the GP practice."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "code"],
                                               name="monitor_indicator_code_per_team")]
        ordering = ["name"]
        verbose_name = _("own indicator")
        verbose_name_plural = _("own indicators")

    def __str__(self) -> str:
        return self.name


class IndicatorValue(models.Model):
    """One period's figure of a team-defined indicator, for the team or one wijk of it."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    wijk_code = models.CharField(_("wijk"), max_length=8, blank=True)
    period = models.CharField(_("period"), max_length=7, validators=[period_validator])
    numerator = models.FloatField(_("numerator"))
    denominator = models.FloatField(_("denominator"), null=True, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    entered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["indicator", "wijk_code", "period"],
                                               name="monitor_value_once_per_period")]
        ordering = ["period"]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")


class Target(models.Model):
    """A team's target for an indicator (built-in code or own code)."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="monitor_targets")
    indicator = models.CharField(max_length=80)
    value = models.FloatField(_("target"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "indicator"],
                                               name="monitor_one_target")]
        verbose_name = _("target")
        verbose_name_plural = _("targets")


class Step(models.Model):
    """An improvement step (a PDSA cycle's change): an annotation on the chart and, when it
    starts a new phase, a new baseline from its period on."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="monitor_steps")
    indicator = models.CharField(max_length=80)
    period = models.CharField(_("from period"), max_length=7, validators=[period_validator])
    label = models.CharField(_("what changed"), max_length=80)
    description = models.TextField(_("explanation"), blank=True)
    new_phase = models.BooleanField(_("new baseline from here"), default=True)
    baseline = models.PositiveSmallIntegerField(
        _("baseline length"), null=True, blank=True,
        help_text=_("Freeze the average and limits after this many periods of the new phase "
                    "(for example 12); empty: the whole phase."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["period", "pk"]
        verbose_name = _("improvement step")
        verbose_name_plural = _("improvement steps")

    def __str__(self) -> str:
        return f"{self.period}: {self.label}"


from .models_sroi import *  # noqa: E402, F403  (the SROI value map, in its own module)
