"""What changed between two versions of a record, as people read it (for the case's history)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for every field whose value differs; fields in only one of the
    two count as changed from or to None."""
    fields = list(dict.fromkeys([*before, *after]))
    return {f: [before.get(f), after.get(f)] for f in fields if before.get(f) != after.get(f)}
