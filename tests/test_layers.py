"""The layers of docs/ARCHITECTURE: the shared parts below the capabilities never import a
capability, and the pure cores never import Django. A new import that breaks this fails here,
so it is a decision someone writes down (in KNOWN, with the reason) rather than a drift."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "wijkkracht"
CAPABILITIES = ("wijkfoto", "netwerk", "kaart", "casus", "monitor", "praktijk")
LOWER = ("stats", "reports", "text", "areas", "accounts", "audit", "inputs", "exports", "ops")
PURE = ("stats", "reports", "text", *(f"{c}/core" for c in CAPABILITIES))
# Imports that break the layering today, each with why it stays for now.
KNOWN = {
    # the cache of computed wijkfoto years is read through areas; it belongs in wijkfoto/
    ("areas/selectors.py", "wijkfoto"),
    # the access log names what was read ("dossier 12 (Jansen)"): labels need the models
    ("audit/display.py", "casus"),
    ("audit/display.py", "netwerk"),
}
# Pure modules that import Django today: casus migration 0001 names this module's validator.
KNOWN_DJANGO = {"casus/core/bsn.py"}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _files(part: str) -> list[Path]:
    return sorted((SRC / part).rglob("*.py")) if (SRC / part).exists() else []


@pytest.mark.parametrize("part", LOWER)
def test_lower_layers_import_no_capability(part):
    wrong = []
    for path in _files(part):
        rel = path.relative_to(SRC).as_posix()
        for name in _imports(path):
            bits = name.split(".")
            if len(bits) > 1 and bits[0] == "wijkkracht" and bits[1] in CAPABILITIES \
                    and (rel, bits[1]) not in KNOWN:
                wrong.append(f"{rel} imports {name}")
    assert not wrong, wrong


@pytest.mark.parametrize("part", [p for p in PURE if (SRC / p).exists()])
def test_pure_cores_import_no_django(part):
    wrong = [f"{path.relative_to(SRC)} imports {name}" for path in _files(part)
             for name in _imports(path) if name.split(".")[0] == "django"
             and path.relative_to(SRC).as_posix() not in KNOWN_DJANGO]
    assert not wrong, wrong


def test_known_exceptions_still_exist():
    """An exception that was mended leaves KNOWN, so the list never hides a new one."""
    for rel, capability in KNOWN:
        names = _imports(SRC / rel)
        assert any(n.startswith(f"wijkkracht.{capability}") for n in names), (rel, capability)
