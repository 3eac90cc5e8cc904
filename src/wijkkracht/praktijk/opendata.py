"""The open-data record of a published practice: one shape for the JSON download, the CSV and
the API (documented in docs/praktijkbank.md). Vocabulary fields carry codes
(``principles.json``); the contact's e-mail stays on the page, out of bulk downloads."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .models import Practice
from .selectors import practice_results

FIELDS = ("id", "title", "summary", "description", "place", "gemeente_code", "wijk_codes",
          "organisations", "started_on", "ended_on", "target_groups", "goals",
          "intended_results", "achieved_results", "lessons", "advice", "principles", "status",
          "status_reason", "contact_name", "monitor_indicators", "sroi_ratio", "source",
          "published_at", "updated_at")
CSV_COLUMNS = FIELDS
LIST_FIELDS = ("wijk_codes", "target_groups", "principles", "monitor_indicators")


def record(p: Practice) -> dict[str, Any]:
    """The practice as open data (only ever called for published practices)."""
    ratio = practice_results(p).sroi_ratio if p.sroi_initiative_id else None
    return {
        "id": p.pk, "title": p.title, "summary": p.summary, "description": p.description,
        "place": p.place, "gemeente_code": p.gemeente_code, "wijk_codes": list(p.wijk_codes),
        "organisations": p.organisations,
        "started_on": p.started_on.isoformat() if p.started_on else None,
        "ended_on": p.ended_on.isoformat() if p.ended_on else None,
        "target_groups": list(p.target_groups), "goals": p.goals,
        "intended_results": p.intended_results, "achieved_results": p.achieved_results,
        "lessons": p.lessons, "advice": p.advice, "principles": list(p.principles),
        "status": p.status, "status_reason": p.status_reason, "contact_name": p.contact_name,
        "monitor_indicators": list(p.monitor_indicators),
        "sroi_ratio": round(ratio, 4) if ratio is not None else None,
        "source": p.source,
        "published_at": p.published_at.isoformat() if p.published_at else None,
        "updated_at": p.updated_at.isoformat(),
    }


def csv_rows(practices: Iterable[Practice]) -> list[list[Any]]:
    """One row per practice; lists joined with "|" (codes never hold one)."""
    rows = []
    for p in practices:
        r = record(p)
        r["id"] = str(r["id"])  # an id, not a number to format ("1.234")
        rows.append(["|".join(r[f]) if f in LIST_FIELDS else ("" if r[f] is None else r[f])
                     for f in FIELDS])
    return rows
