"""The wijkfoto as JSON, in the versioned schema shipped beside this module."""

from __future__ import annotations

import json
from importlib.resources import files

from wijkkracht.wijkfoto.core.profile import Wijkfoto


def wijkfoto_json(w: Wijkfoto) -> str:
    return json.dumps(w.to_dict(), ensure_ascii=False, indent=2, allow_nan=False)


def wijkfoto_schema() -> dict:
    return json.loads((files("wijkkracht.wijkfoto.report") / "wijkfoto.schema.json").read_text())
