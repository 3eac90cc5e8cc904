"""The editing workflow of the sociale kaart: suggestions, the published history, reminders.

A suggestion holds the proposed values of the editable fields (``services_workflow.FIELDS``)
as JSON, so it survives changes to the service in the meantime and the reviewer sees what was
asked. Publishing writes a ``ServiceChange`` with the old and new values: the history is the
list of those records, also for a direct edit (a suggestion accepted at once) and for a
keeper's "still correct". User names are personal data: pages that show them are logged.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Suggestion(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for review")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    # None: a suggestion for a new service
    service = models.ForeignKey("kaart.Service", null=True, blank=True,
                                on_delete=models.CASCADE, related_name="suggestions")
    proposed = models.JSONField(default=dict)
    note = models.TextField(blank=True)
    suggested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    suggested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN,
                              db_index=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)  # why it was rejected

    class Meta:
        ordering = ["suggested_at", "pk"]

    def __str__(self) -> str:
        return f"{self.pk}: {self.service or self.proposed.get('name', '')}"


class ServiceChange(models.Model):
    """One published change of a service: its old and new values, who and when."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Added to the kaart")
        CHANGED = "changed", _("Changed")
        CONFIRMED = "confirmed", _("Confirmed as still correct")

    service = models.ForeignKey("kaart.Service", on_delete=models.CASCADE,
                                related_name="changes")
    suggestion = models.ForeignKey(Suggestion, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField()  # the service's version after this change

    class Meta:
        ordering = ["-changed_at", "-pk"]


class KeeperReminder(models.Model):
    """A reminder e-mail sent to a keeper about their stale services, one per period."""

    keeper = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="+")
    period = models.CharField(max_length=7)  # "2026-12": a calendar month
    sent_at = models.DateTimeField(default=timezone.now)
    services = models.PositiveIntegerField()  # how many stale services the mail listed

    class Meta:
        constraints = [models.UniqueConstraint(fields=["keeper", "period"],
                                               name="kaart_one_reminder_per_period")]
