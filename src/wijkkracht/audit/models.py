"""The access log (NEN 7513), shaped after Logboek Dataverwerkingen: one row per processing.

Rows are append-only and hash-chained: each row's hash covers its own fields and the hash of the
row before it, so a row changed or removed behind the application's back breaks the chain.
Appending goes through ``ProcessingRecord.objects.append`` (used by ``services.record``), which
takes the one-row ``ChainHead`` lock to hand out the next sequence number and previous hash.

The hash is an HMAC-SHA256 keyed with ``settings.AUDIT_KEY``, a key kept outside the database,
so that whoever can write the database but lacks the key cannot rewrite the chain with the
application's own code. ``ChainStart`` (also keyed) records where the kept chain begins and how
many records the purge has removed, so that a missing start or a missing middle is found.
Records written before the key was introduced keep their plain SHA-256 (``keyed_from``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from typing import Any, ClassVar

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


def keyed_hash(payload: str) -> str:
    """HMAC-SHA256 of ``payload`` with the access-log key (kept outside the database)."""
    return hmac.new(settings.AUDIT_KEY, payload.encode("utf-8"), hashlib.sha256).hexdigest()


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove a record of the access log."""


class Action(models.TextChoices):
    """NEN 7513 / DICOM EventActionCode (CRUDE)."""

    CREATE = "C", _("Create")
    READ = "R", _("Read")
    UPDATE = "U", _("Update")
    DELETE = "D", _("Delete")
    EXECUTE = "E", _("Execute")


class Outcome(models.TextChoices):
    """Logboek Dataverwerkingen status_code (NEN 7513 EventOutcomeIndicator)."""

    OK = "ok", _("OK")
    ERROR = "error", _("Error")


class ProcessingRecordQuerySet(models.QuerySet):
    """Refuses bulk changes: they would bypass the chain and the append-only rule."""

    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("The access log is append-only: update() is refused.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("The access log is append-only: delete() is refused.")

    def expired(self, today: dt.date) -> ProcessingRecordQuerySet:
        """Records whose retention date is before ``today``."""
        return self.filter(retention_until__lt=today)

    def purge_expired(self, today: dt.date) -> int:
        """The one way out of the log: the expired records (the database triggers refuse
        deleting any other). ``ChainStart`` moves forward with them, signed, in the same
        transaction, under the chain's lock: the check then knows where the kept chain begins
        and how many records it must hold."""
        with transaction.atomic(using=self.db):
            head = (ChainHead.objects.using(self.db).select_for_update()
                    .filter(pk=ChainHead.SINGLETON).first())
            expired = self.expired(today)
            if head is None or not expired.exists():
                return 0
            start = (ChainStart.objects.using(self.db).select_for_update()
                     .filter(pk=ChainStart.SINGLETON).first())
            if start is None or not start.is_authentic():
                raise AppendOnlyError("The start of the access log's chain is missing or was "
                                      "altered: nothing is purged (run audit_verify).")
            count = models.QuerySet.delete(expired)[0]
            first = self.model.objects.using(self.db).order_by("sequence").first()
            start.first_sequence = first.sequence if first else head.sequence + 1
            start.first_previous_hash = first.previous_hash if first else head.record_hash
            start.purged += count
            start.seal()
        return count

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> int:
        raise AppendOnlyError("The access log is append-only: bulk_update() is refused.")

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[Any]:
        raise AppendOnlyError("Records are appended one by one through the chain, "
                              "not with bulk_create().")


class ProcessingRecordManager(models.Manager.from_queryset(ProcessingRecordQuerySet)):
    def append(self, **fields: Any) -> ProcessingRecord:
        """Add one record at the end of the chain.

        The ``ChainHead`` row is locked (SELECT ... FOR UPDATE) for the rest of the transaction,
        so concurrent writers get consecutive sequence numbers and a correct previous hash. On
        SQLite the write lock serialises writers anyway.
        """
        with transaction.atomic(using=self.db):
            head, _created = (ChainHead.objects.using(self.db).select_for_update()
                              .get_or_create(pk=ChainHead.SINGLETON))
            if head.sequence == 0 and not ChainStart.objects.using(self.db).exists():
                ChainStart.objects.using(self.db).create(
                    pk=ChainStart.SINGLETON, first_sequence=1, first_previous_hash=GENESIS_HASH,
                    purged=0, keyed_from=1).seal()
            record = self.model(sequence=head.sequence + 1, previous_hash=head.record_hash,
                                **fields)
            # A missing ChainStart (removed behind our back) is reported by the check; the
            # record is keyed all the same.
            record.record_hash = record.compute_hash()
            record._chain_sealed = True
            record.save(using=self.db, force_insert=True)
            head.sequence = record.sequence
            head.record_hash = record.record_hash
            head.updated_at = timezone.now()
            head.save(using=self.db, update_fields=["sequence", "record_hash", "updated_at"])
        return record


class ProcessingRecord(models.Model):
    """One processing of personal data (a "Dataverwerking"), with the NEN 7513 fields."""

    # Position in the hash chain; also the primary key, so there is no second counter.
    sequence = models.PositiveBigIntegerField(_("sequence"), primary_key=True)
    # W3C trace context (Logboek Dataverwerkingen: trace_id, operation_id, parent_operation_id).
    trace_id = models.CharField(_("trace id"), max_length=32)
    span_id = models.CharField(_("span id"), max_length=16)
    parent_span_id = models.CharField(_("parent span id"), max_length=16, blank=True)
    # What: processing activity (dpl.core.processing_activity_id, NEN 7513 EventID), operation
    # name (Logboek "name") and the NEN 7513 EventActionCode.
    activity = models.CharField(_("processing activity"), max_length=64, db_index=True)
    operation = models.CharField(_("operation"), max_length=64)
    action = models.CharField(_("action"), max_length=1, choices=Action.choices)
    outcome = models.CharField(_("outcome"), max_length=5, choices=Outcome.choices)
    outcome_detail = models.CharField(_("outcome detail"), max_length=64, blank=True,
                                      help_text=_("A short code, never free text."))
    started_at = models.DateTimeField(_("started at"), db_index=True)
    ended_at = models.DateTimeField(_("ended at"))
    # Whose data (dpl.core.data_subject_id_type / data_subject_id): pseudonymous identifiers.
    subject_type = models.CharField(_("data subject type"), max_length=32)
    subject_id = models.CharField(_("data subject id"), max_length=128, blank=True)
    # Who (NEN 7513 users: userID, roleIDCode) and on whose behalf (the organisation).
    user_id = models.CharField(_("user id"), max_length=64, blank=True)
    role = models.CharField(_("role"), max_length=64, blank=True)
    organisation = models.CharField(_("organisation"), max_length=64, blank=True)
    # NEN 7513 participant object beyond the subject: the client (file) involved, if any.
    participant = models.CharField(_("participant"), max_length=128, blank=True)
    # Where from (NEN 7513 networkAccessPointID) and a short device description.
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=200, blank=True)
    retention_until = models.DateField(_("keep until"))
    previous_hash = models.CharField(_("previous hash"), max_length=64)
    record_hash = models.CharField(_("record hash"), max_length=64, unique=True)

    objects: ClassVar[ProcessingRecordManager] = ProcessingRecordManager()

    HASH_EXCLUDED: ClassVar[frozenset[str]] = frozenset({"previous_hash", "record_hash"})

    class Meta:
        ordering = ["-sequence"]
        verbose_name = _("processing record")
        verbose_name_plural = _("processing records")
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"#{self.sequence} {self.activity}/{self.operation} {self.outcome}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Only a new record sealed by ``objects.append`` may be written, and only once."""
        if not self._state.adding:
            raise AppendOnlyError("The access log is append-only: a saved record never changes.")
        if not getattr(self, "_chain_sealed", False):
            raise AppendOnlyError("Add records with audit.services.record(), which chains them.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("The access log is append-only: records are never deleted here.")

    def canonical_json(self) -> str:
        """All fields but the two hashes, as JSON with sorted keys and ISO timestamps (UTC)."""
        data: dict[str, Any] = {}
        for field in self._meta.concrete_fields:
            if field.name in self.HASH_EXCLUDED:
                continue
            data[field.name] = _canonical_value(field.value_from_object(self))
        return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    def compute_hash(self, *, keyed: bool = True) -> str:
        """HMAC-SHA256 (keyed with AUDIT_KEY) over the previous record's hash followed by this
        record's canonical JSON; ``keyed=False``: the plain SHA-256 of records written before
        the key was introduced (those below ``ChainStart.keyed_from``)."""
        payload = self.previous_hash + self.canonical_json()
        if keyed:
            return keyed_hash(payload)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _canonical_value(value: Any) -> Any:
    """Timestamps in UTC with microseconds, so SQLite and PostgreSQL give the same text."""
    if isinstance(value, dt.datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value, dt.UTC)
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class ChainHead(models.Model):
    """The end of the chain: one row, locked while a record is appended."""

    SINGLETON: ClassVar[int] = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    sequence = models.PositiveBigIntegerField(default=0)
    record_hash = models.CharField(max_length=64, default=GENESIS_HASH)
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("chain head")
        verbose_name_plural = _("chain head")
        default_permissions = ()
        constraints = [models.CheckConstraint(condition=models.Q(id=1),
                                              name="audit_chainhead_one_row")]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.record_hash[:12]}"


class ChainStart(models.Model):
    """Where the kept chain begins, signed with the access-log key: the oldest kept record's
    sequence and the hash it links to, how many records the purge has removed in all, and
    from which sequence records are keyed.

    Created with the first record; only ``audit_purge`` moves it forward. Without the key it
    cannot be forged, so deleting the oldest records (or all but the newest) leaves a chain
    that starts too late or holds too few records, and the check says so.
    """

    SINGLETON: ClassVar[int] = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    first_sequence = models.PositiveBigIntegerField()
    first_previous_hash = models.CharField(max_length=64)
    purged = models.PositiveBigIntegerField(default=0)
    keyed_from = models.PositiveBigIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)
    mac = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("chain start")
        verbose_name_plural = _("chain start")
        default_permissions = ()
        constraints = [models.CheckConstraint(condition=models.Q(id=1),
                                              name="audit_chainstart_one_row")]

    def __str__(self) -> str:
        return f"from #{self.first_sequence}, {self.purged} purged"

    def payload(self) -> str:
        return json.dumps({"first_sequence": self.first_sequence,
                           "first_previous_hash": self.first_previous_hash,
                           "purged": self.purged, "keyed_from": self.keyed_from},
                          sort_keys=True, separators=(",", ":"))

    def compute_mac(self) -> str:
        return keyed_hash("chain-start:" + self.payload())

    def seal(self) -> ChainStart:
        """Sign the current fields and save them."""
        self.mac = self.compute_mac()
        self.updated_at = timezone.now()
        self.save()
        return self

    def is_authentic(self) -> bool:
        return hmac.compare_digest(self.mac, self.compute_mac())


class ChainCheck(models.Model):
    """The result of a full check of the chain (``audit_verify``, run daily from cron).

    The privacy officer's page checks only the newest records on every view, so it stays fast
    on a log of millions; this row tells when the whole chain was last checked and how it was.
    """

    checked_at = models.DateTimeField(_("checked at"), default=timezone.now, db_index=True)
    ok = models.BooleanField(_("intact"))
    checked = models.PositiveBigIntegerField(_("records checked"))
    last_sequence = models.PositiveBigIntegerField(_("last record"), null=True, blank=True)
    broken_sequence = models.PositiveBigIntegerField(_("broken at record"), null=True,
                                                     blank=True)
    reason = models.CharField(_("reason"), max_length=30, blank=True)

    class Meta:
        ordering = ["-checked_at", "-pk"]
        verbose_name = _("full chain check")
        verbose_name_plural = _("full chain checks")
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.checked_at:%Y-%m-%d %H:%M} {'ok' if self.ok else 'broken'}"

