"""Writing and checking the access log. Every other app logs through ``record()``.

Only codes and pseudonymous identifiers go into a record: activity, operation, role and outcome
detail must be short codes, so that no free text (which could hold personal data) is logged.
"""

from __future__ import annotations

import datetime as dt
import enum
import hmac
import ipaddress
import json
import os
import re
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from wijkkracht.areas.store import data_home

from .models import (
    GENESIS_HASH,
    Action,
    ChainCheck,
    ChainHead,
    ChainStart,
    Outcome,
    ProcessingRecord,
    keyed_hash,
)

CODE_RE = re.compile(r"^[a-z][a-z0-9_.:-]{0,63}$")
TRACEPARENT_RE = re.compile(r"^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")
USER_AGENT_MAX = 200
_REQUEST_TRACE_ATTR = "_audit_trace"


@dataclass(frozen=True)
class TraceContext:
    """W3C trace context shared by the records of one request; each record gets its own span."""

    trace_id: str
    parent_span_id: str = ""

    @classmethod
    def new(cls) -> TraceContext:
        return cls(trace_id=_random_hex(16))

    @classmethod
    def from_traceparent(cls, header: str | None) -> TraceContext | None:
        """The caller's trace from a ``traceparent`` header, or None when it is absent/invalid."""
        match = TRACEPARENT_RE.match((header or "").strip())
        if not match:
            return None
        version, trace_id, parent_id, _flags = match.groups()
        if version == "ff" or set(trace_id) == {"0"} or set(parent_id) == {"0"}:
            return None
        return cls(trace_id=trace_id, parent_span_id=parent_id)


def _random_hex(n_bytes: int) -> str:
    """Random non-zero ids, as W3C trace context requires."""
    while True:
        value = secrets.token_hex(n_bytes)
        if set(value) != {"0"}:
            return value


def trace_for_request(request: HttpRequest | None) -> TraceContext:
    """One trace per request: taken from ``traceparent`` if sent, else new; kept on the request."""
    if request is None:
        return TraceContext.new()
    trace = getattr(request, _REQUEST_TRACE_ATTR, None)
    if trace is None:
        trace = (TraceContext.from_traceparent(request.headers.get("traceparent"))
                 or TraceContext.new())
        setattr(request, _REQUEST_TRACE_ATTR, trace)
    return trace


Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def _address(raw: str | None) -> Address | None:
    """An address, with IPv4 written as IPv6 (``::ffff:10.0.0.2``) taken as the IPv4 it is."""
    try:
        address = ipaddress.ip_address((raw or "").strip())
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def _trusted(address: Address) -> bool:
    return any(address in ipaddress.ip_network(net, strict=False)
               for net in getattr(settings, "WIJKKRACHT_TRUSTED_PROXIES", ()))


def client_ip(request: HttpRequest | None) -> str | None:
    """Where the request came from ("from where" in NEN 7513), normalised so its hash is stable.

    The peer address, unless the peer is one of our own reverse proxies
    (``WIJKKRACHT_TRUSTED_PROXIES``): then ``X-Forwarded-For`` is read from the right, and the
    first address that is not a trusted proxy is the client. Anything a client wrote further
    left is ignored, so a client cannot choose the address that is logged.
    """
    if request is None:
        return None
    peer = _address(request.META.get("REMOTE_ADDR"))
    if peer is None:
        return None
    if _trusted(peer):
        for hop in reversed(request.headers.get("X-Forwarded-For", "").split(",")):
            address = _address(hop)
            if address is None:
                break  # a malformed hop: believe nothing beyond the last trusted one
            peer = address
            if not _trusted(address):
                break
    return str(peer)


def client_device(request: HttpRequest | None) -> str:
    """A short, printable user-agent string (enough to recognise the device, no more)."""
    if request is None:
        return ""
    agent = request.headers.get("User-Agent", "")
    return "".join(ch for ch in agent if ch.isprintable())[:USER_AGENT_MAX]


def retention_until(activity: str, when: dt.datetime) -> dt.date:
    days = settings.AUDIT_RETENTION_DAYS
    return timezone.localdate(when) + dt.timedelta(days=days.get(activity, days["default"]))


def _code(name: str, value: str, *, required: bool = True) -> str:
    if (value or required) and not CODE_RE.match(value or ""):
        raise ValueError(f"{name} must be a short lower-case code, got {value!r}")
    return value


def _identifier(name: str, value: Any, max_length: int) -> str:
    text = "" if value is None else str(value).strip()
    if len(text) > max_length or not text.isprintable():
        raise ValueError(f"{name} must be a printable identifier of at most {max_length} "
                         "characters")
    return text


def record(*, activity: str, operation: str, action: str, outcome: str = Outcome.OK,
           subject_type: str, subject_id: Any, user: Any = None,
           request: HttpRequest | None = None, role: str = "", organisation: Any = "",
           participant: Any = "", detail: str = "", trace: TraceContext | str | None = None,
           started_at: dt.datetime | None = None) -> ProcessingRecord:
    """Append one processing to the access log and return it.

    ``user`` defaults to the signed-in user of ``request``; ``organisation`` to that user's
    organisation. ``trace`` may be a TraceContext or a ``traceparent`` header value; without it
    the request's trace (or a new one) is used. Errors propagate on purpose: a processing that
    cannot be logged should not silently go ahead.
    """
    _code("activity", activity)
    _code("operation", operation)
    _code("subject_type", subject_type)
    _code("role", role, required=False)
    _code("detail", detail, required=False)
    if action not in Action.values:
        raise ValueError(f"action must be one of {Action.values}, got {action!r}")
    if outcome not in Outcome.values:
        raise ValueError(f"outcome must be one of {Outcome.values}, got {outcome!r}")

    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        if candidate is not None and candidate.is_authenticated:
            user = candidate
    if user is not None and not user.is_authenticated:
        user = None
    if not organisation and user is not None:
        organisation = getattr(user, "organisation_id", None) or ""

    if isinstance(trace, str):
        trace = TraceContext.from_traceparent(trace)
    if trace is None:
        trace = trace_for_request(request)

    ended_at = timezone.now()
    started_at = started_at or ended_at
    return ProcessingRecord.objects.append(
        trace_id=trace.trace_id,
        span_id=_random_hex(8),
        parent_span_id=trace.parent_span_id,
        activity=activity,
        operation=operation,
        action=action,
        outcome=outcome,
        outcome_detail=detail,
        started_at=started_at,
        ended_at=ended_at,
        subject_type=subject_type,
        subject_id=_identifier("subject_id", subject_id, 128),
        user_id=_identifier("user_id", user.pk if user is not None else "", 64),
        role=role,
        organisation=_identifier("organisation", organisation, 64),
        participant=_identifier("participant", participant, 128),
        ip_address=client_ip(request),
        user_agent=client_device(request),
        retention_until=retention_until(activity, started_at),
    )


class Problem(enum.StrEnum):
    """Why the chain does not verify; the view and the command word these for people."""

    HASH_MISMATCH = "hash_mismatch"  # the record's content no longer matches its hash
    LINK_MISMATCH = "link_mismatch"  # previous_hash is not the hash of the record before
    MISSING_RECORDS = "missing_records"  # a gap in sequences that retention cannot explain
    HEAD_MISMATCH = "head_mismatch"  # the newest records are gone or the head was altered
    START_MISSING = "start_missing"  # the oldest kept records are gone, or the start record
    COUNT_MISMATCH = "count_mismatch"  # more or fewer records than appended minus purged
    ANCHOR_MISMATCH = "anchor_mismatch"  # the head kept outside the database does not follow


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_sequence: int | None = None
    reason: Problem | None = None
    last_sequence: int | None = None
    head_hash: str = ""
    purged: int = 0


def _may_have_expired(earliest: dt.datetime) -> bool:
    """Could records made at or after ``earliest`` have passed their retention date by now?

    Records are removed only after retention (the database trigger refuses earlier deletes),
    so a gap is legitimate only if the shortest retention period could have run out. One day
    of slack covers the difference between local and database dates.
    """
    shortest = min(settings.AUDIT_RETENTION_DAYS.values())
    return timezone.localdate(earliest) + dt.timedelta(days=shortest + 1) < timezone.localdate()


def verify_chain(chunk_size: int = 2000, *, newest: int | None = None) -> VerifyResult:
    """Recompute every hash (keyed) and link, oldest first; stop at the first broken record.

    The full check also holds the chain to its signed ``ChainStart``: the oldest record must
    be the recorded first one and link to the recorded hash, and the number of records must be
    the number appended minus the number purged. So the oldest records cannot go unnoticed,
    and neither can expired records removed other than by ``audit_purge``. Gaps in the middle
    (activities with a shorter retention) are accepted where the missing records could have
    expired. The chain head must match the newest record.
    ``newest``: check only that many of the newest records and the hash of the one before
    them (so the first link in the window is checked too), for pages that must stay fast; the
    full check is ``audit_verify``.
    """
    checked = 0
    previous: ProcessingRecord | None = None
    head = ChainHead.objects.filter(pk=ChainHead.SINGLETON).first()
    head_sequence = head.sequence if head else 0
    start = ChainStart.objects.filter(pk=ChainStart.SINGLETON).first()
    full = newest is None
    keyed_from = start.keyed_from if start is not None else 1
    records = ProcessingRecord.objects.order_by("sequence")
    if full:
        if start is None and (head_sequence or records.exists()):
            first = records.values_list("sequence", flat=True).first()
            return VerifyResult(False, 0, first or 1, Problem.START_MISSING)
        if start is not None and not start.is_authentic():
            return VerifyResult(False, 0, start.first_sequence, Problem.START_MISSING)
    else:
        records = records.filter(sequence__gte=head_sequence - newest)
    for rec in records.iterator(chunk_size=chunk_size):
        checked += 1
        if rec.compute_hash(keyed=rec.sequence >= keyed_from) != rec.record_hash:
            return VerifyResult(False, checked, rec.sequence, Problem.HASH_MISMATCH)
        if previous is None:
            if full and start is not None and (
                    rec.sequence != start.first_sequence
                    or rec.previous_hash != start.first_previous_hash):
                return VerifyResult(False, checked, start.first_sequence, Problem.START_MISSING)
            if rec.sequence == 1 and rec.previous_hash != GENESIS_HASH:
                return VerifyResult(False, checked, rec.sequence, Problem.LINK_MISMATCH)
        elif rec.sequence != previous.sequence + 1:
            if not _may_have_expired(previous.started_at):
                return VerifyResult(False, checked, previous.sequence + 1,
                                    Problem.MISSING_RECORDS)
        elif rec.previous_hash != previous.record_hash:
            return VerifyResult(False, checked, rec.sequence, Problem.LINK_MISMATCH)
        previous = rec

    last = previous.sequence if previous else 0
    broken_at: int | None = None
    if full and start is not None and previous is None and start.first_sequence <= head_sequence:
        return VerifyResult(False, 0, start.first_sequence, Problem.START_MISSING)
    if head_sequence < last:  # records appended behind the lock's back
        broken_at = head_sequence + 1
    elif head_sequence > last:  # newest records gone: only fine if even they have expired
        if head is None or head.updated_at is None or not _may_have_expired(head.updated_at):
            broken_at = last + 1
    elif previous is not None and head is not None and head.record_hash != previous.record_hash:
        broken_at = last
    if broken_at is not None:
        return VerifyResult(False, checked, broken_at, Problem.HEAD_MISMATCH, last or None)
    purged = start.purged if start is not None else 0
    if full and checked != head_sequence - purged:
        return VerifyResult(False, checked, None, Problem.COUNT_MISMATCH, last or None)
    return VerifyResult(True, checked, last_sequence=last or None,
                        head_hash=head.record_hash if head and last else "", purged=purged)


# --- the head kept outside the database -------------------------------------------------


def anchor_path() -> Path:
    """``WIJKKRACHT_AUDIT_ANCHOR``, or ``audit_anchor.json`` in the data directory."""
    configured = getattr(settings, "AUDIT_ANCHOR_FILE", "")
    return Path(configured) if configured else data_home() / "audit_anchor.json"


def _anchor_payload(anchor: dict[str, Any]) -> str:
    return "anchor:" + json.dumps({k: anchor[k] for k in ANCHOR_FIELDS}, sort_keys=True,
                                  separators=(",", ":"))


ANCHOR_FIELDS = ("sequence", "record_hash", "count", "purged")


def anchor_of(result: VerifyResult) -> dict[str, Any]:
    """What an operator keeps of a verified chain: its head, its size and the purges so far."""
    anchor: dict[str, Any] = {"sequence": result.last_sequence or 0,
                              "record_hash": result.head_hash, "count": result.checked,
                              "purged": result.purged}
    anchor["mac"] = keyed_hash(_anchor_payload(anchor))
    return anchor


def anchor_line(anchor: dict[str, Any]) -> str:
    """The one line for cron mail or a log an operator keeps (``--expect`` takes it back)."""
    return (f"sequence={anchor['sequence']} hash={anchor['record_hash'] or '-'} "
            f"count={anchor['count']} purged={anchor['purged']}")


def parse_anchor_line(line: str) -> dict[str, Any]:
    """An anchor line as written by :func:`anchor_line` (no MAC: the operator kept it)."""
    fields = dict(part.split("=", 1) for part in line.split() if "=" in part)
    try:
        return {"sequence": int(fields["sequence"]),
                "record_hash": "" if fields["hash"] == "-" else fields["hash"],
                "count": int(fields["count"]), "purged": int(fields["purged"])}
    except (KeyError, ValueError):
        raise ValueError(f"not an anchor line: {line!r}") from None


def read_anchor(path: Path) -> dict[str, Any] | None:
    """The anchor kept at ``path``, or None when there is none yet."""
    if not path.exists():
        return None
    try:
        anchor = json.loads(path.read_text(encoding="utf-8"))
        return {**{k: anchor[k] for k in ANCHOR_FIELDS}, "mac": str(anchor.get("mac", ""))}
    except (ValueError, KeyError, TypeError):
        return {"sequence": 0, "record_hash": "", "count": 0, "purged": 0, "mac": "invalid"}


def write_anchor(path: Path, anchor: dict[str, Any]) -> None:
    """Atomically, readable by the owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({**anchor, "written_at": timezone.now().isoformat(timespec="seconds")}, fh,
                  indent=2)
    os.replace(tmp, path)


def check_anchor(result: VerifyResult, anchor: dict[str, Any]) -> VerifyResult:
    """Does the verified chain continue the one anchored earlier?

    The anchored head must still be in the chain with the same hash (or have been purged),
    the purge count may only grow, and the number of records must be the anchored number
    plus the records appended since minus those purged since. A log emptied (or truncated)
    and written anew from the start fails this, however consistent it is in itself.
    """
    now_sequence = result.last_sequence or 0
    broken = VerifyResult(False, result.checked, anchor["sequence"], Problem.ANCHOR_MISMATCH,
                          result.last_sequence)
    if "mac" in anchor and not hmac.compare_digest(str(anchor["mac"]),
                                                   keyed_hash(_anchor_payload(anchor))):
        return broken
    if now_sequence < anchor["sequence"] or result.purged < anchor["purged"]:
        return broken
    appended = now_sequence - anchor["sequence"]
    purged_since = result.purged - anchor["purged"]
    if result.checked != anchor["count"] + appended - purged_since:
        return broken
    if anchor["sequence"]:
        kept = (ProcessingRecord.objects.filter(sequence=anchor["sequence"])
                .values_list("record_hash", flat=True).first())
        if kept is None and not purged_since:
            return broken
        if kept is not None and kept != anchor["record_hash"]:
            return broken
    return result


def full_check(*, anchor_file: Path | None = None,
               expect: dict[str, Any] | None = None) -> tuple[VerifyResult, dict[str, Any]]:
    """Check the whole chain, its continuity with the anchor kept outside the database (the
    anchor file, and ``expect``: an anchor line an operator kept), and keep the result for
    the privacy officer's page. When all is well the anchor file moves to the new head;
    when not, it stays, so the next run fails too until someone has looked."""
    path = anchor_file or anchor_path()
    result = verify_chain()
    for anchor in (read_anchor(path), expect):
        if result.ok and anchor is not None:
            result = check_anchor(result, anchor)
    new_anchor = anchor_of(result)
    if result.ok:
        write_anchor(path, new_anchor)
    ChainCheck.objects.create(ok=result.ok, checked=result.checked,
                              last_sequence=result.last_sequence,
                              broken_sequence=result.broken_sequence,
                              reason=result.reason.value if result.reason else "")
    return result, new_anchor


def purge_expired(*, today: dt.date | None = None, dry_run: bool = False) -> int:
    """Remove the records whose retention date has passed; return how many (would) go.

    The only way records leave the log: the database triggers refuse any earlier delete, and
    :func:`verify_chain` accepts the gaps this leaves because those records could expire and
    because the signed ``ChainStart`` counts them. The purge itself is logged as a record.
    """
    today = today or timezone.localdate()
    if dry_run:
        return ProcessingRecord.objects.expired(today).count()
    count = ProcessingRecord.objects.purge_expired(today)
    if count:
        record(activity="audit", operation="purge", action=Action.DELETE,
               subject_type="audit_log", subject_id=str(count))
    return count
