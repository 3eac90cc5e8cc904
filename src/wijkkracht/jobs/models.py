"""One row per job: its kind and arguments, who asked for it, where it stands, and its file."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    QUEUED = "queued", _("waiting in the queue")
    RUNNING = "running", _("being made")
    DONE = "done", _("ready")
    FAILED = "failed", _("failed")


WAITING = (Status.QUEUED, Status.RUNNING)


class Job(models.Model):
    """A unit of background work and its outcome.

    Who may see it: ``owner`` (a signed-in user) or, for a visitor of the public pages, the
    holder of the session whose key hashes to ``session_hash``. System jobs (the schedule) have
    neither and are seen by nobody in the web pages. ``slot`` names the scheduled run a system
    job is for; unique per kind, so two workers that both find it due enqueue it once.
    ``key`` identifies the same request (kind, arguments, requester): asked again while it is
    still waiting, the waiting job is shown rather than a second one made.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=64)
    params = models.JSONField(default=dict, blank=True)
    key = models.CharField(max_length=64, db_index=True)
    slot = models.CharField(max_length=32, blank=True, default="")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.CASCADE, related_name="jobs")
    session_hash = models.CharField(max_length=64, blank=True, default="")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    stage = models.CharField(max_length=200, blank=True, default="")
    error = models.TextField(blank=True, default="")
    attempts = models.PositiveSmallIntegerField(default=0)
    task_id = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    filename = models.CharField(max_length=200, blank=True, default="")
    content_type = models.CharField(max_length=100, blank=True, default="")
    content = models.BinaryField(null=True, blank=True)
    summary = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.UniqueConstraint(fields=["kind", "slot"], condition=~Q(slot=""),
                                    name="jobs_job_one_per_slot"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="jobs_job_progress"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk} ({self.status})"

    @property
    def waiting(self) -> bool:
        return self.status in WAITING

    @property
    def has_file(self) -> bool:
        return self.status == Status.DONE and bool(self.filename)
