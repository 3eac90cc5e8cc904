"""Organisations, professionals, teams bound to wijken, and roles within teams."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

wijk_code_validator = RegexValidator(r"^(GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})$",
                                     _("Enter a CBS area code such as WK039210."))


class Organisation(models.Model):
    class Kind(models.TextChoices):
        GEMEENTE = "gemeente", _("Municipality")
        CARE = "zorg", _("Care organisation")
        WELFARE = "welzijn", _("Welfare organisation")
        GP_PRACTICE = "huisarts", _("GP practice")
        VOLUNTEERS = "vrijwilligers", _("Volunteer organisation")
        OTHER = "overig", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    gemeente_code = models.CharField(_("CBS gemeente code"), max_length=6, blank=True,
                                     validators=[RegexValidator(r"^GM\d{4}$")])

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A professional. Belongs to one organisation; works in teams with a role per team."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="members",
                                     verbose_name=_("organisation"))
    is_privacy_officer = models.BooleanField(
        _("privacy officer"), default=False,
        help_text=_("May read the access log of the organisation (NEN 7513)."))

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Team(models.Model):
    class Kind(models.TextChoices):
        SOCIAL_TEAM = "sociaal_wijkteam", _("Social neighbourhood team")
        BREDE_HOED = "brede_hoed", _("Broad team for complex cases (Brede Hoed)")
        OTHER = "overig", _("Other team")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams",
                                     verbose_name=_("organisation"))
    members = models.ManyToManyField(User, through="Membership", related_name="teams")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"],
                                               name="team_name_unique_per_organisation")]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class TeamArea(models.Model):
    """A wijk (or buurt) a team works in, by CBS code."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="areas")
    area_code = models.CharField(_("CBS area code"), max_length=10,
                                 validators=[wijk_code_validator])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "area_code"],
                                               name="team_area_unique")]
        verbose_name = _("team area")
        verbose_name_plural = _("team areas")

    def __str__(self) -> str:
        return f"{self.team}: {self.area_code}"


class Membership(models.Model):
    class Role(models.TextChoices):
        PROFESSIONAL = "professional", _("Professional")
        COORDINATOR = "coordinator", _("Coordinator")
        ANALYST = "analyst", _("Analyst")
        ADMINISTRATOR = "administrator", _("Functional administrator")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "team"],
                                               name="one_role_per_team")]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} — {self.team} ({self.get_role_display()})"
