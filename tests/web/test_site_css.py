"""Our own stylesheet: verdict badges readable (WCAG 1.4.3), map fills distinguishable from the
page (1.4.11), a visible focus style (2.4.7)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SITE_CSS = (Path(__file__).resolve().parents[2] / "src" / "wijkkracht" / "web" / "static"
            / "wijkkracht" / "site.css").read_text(encoding="utf-8")
VERDICTS = ["better", "worse", "higher", "lower", "similar", "not_compared"]


def _variables() -> dict[str, str]:
    root = re.search(r":root\s*{([^}]*)}", SITE_CSS).group(1)
    return dict(re.findall(r"(--[\w-]+):\s*([^;]+);", root))


def _declarations(selector: str) -> dict[str, str]:
    match = re.search(rf"(?:^|\n){re.escape(selector)}\s*{{([^}}]*)}}", SITE_CSS)
    assert match, selector
    values = dict(re.findall(r"([\w-]+):\s*([^;]+);", match.group(1)))
    variables = _variables()
    return {k: variables.get(v[4:-1], v) if v.startswith("var(") else v
            for k, v in values.items()}


def _luminance(hex_colour: str) -> float:
    hex_colour = hex_colour.lstrip("#")
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("verdict", VERDICTS)
def test_verdict_badges_have_dark_text_on_a_light_background(verdict):
    style = _declarations(f".v-{verdict}")
    background, text = style["background-color"], style["color"]
    assert contrast(text, background) >= 4.5, (verdict, text, background)
    assert _luminance(background) > 0.5, "a light fill"
    # The certainty "(95%)" inside a badge is muted grey: still readable.
    assert contrast(_variables()["--wk-muted"], background) >= 4.5


@pytest.mark.parametrize("verdict", VERDICTS[:-1])
def test_map_fills_stand_out_from_the_white_page(verdict):
    fill = _declarations(f".wijkmap path.v-{verdict}")["fill"]
    assert contrast(fill, "#ffffff") >= 3, (verdict, fill)


def test_report_helpers_exist():
    for selector in (".strong", ".muted", ".table-wrap", "svg.spine", "table.heat", ".vh"):
        assert re.search(rf"(?:^|\n|,\s){re.escape(selector)}[\s,{{]", SITE_CSS), selector
    assert _declarations(".table-wrap")["overflow-x"] == "auto"


def test_focus_is_always_visible():
    rule = re.search(r"a:focus-visible, button:focus-visible[^{]*{([^}]*)}", SITE_CSS)
    assert rule and "outline: 3px solid" in rule.group(1) and "box-shadow" in rule.group(1)
    variables = _variables()
    # The dark outline shows on white; the yellow halo shows on the dark bars.
    assert contrast(variables["--wk-ink"], "#ffffff") >= 3
    assert contrast(variables["--wk-focus"], "#245a8f") >= 3
    assert contrast(variables["--wk-focus"], "#262626") >= 3


def test_every_hiding_class_a_template_uses_is_defined():
    """Text meant for screen readers only ("wijzigen (de bijeenkomst van 3 mei)") must be
    hidden by a class the stylesheet defines, or sighted users see it twice."""
    templates = Path(__file__).resolve().parents[2] / "src" / "wijkkracht"
    used = set()
    for path in templates.rglob("*.html"):
        for classes in re.findall(r'class="([^"]*)"', path.read_text(encoding="utf-8")):
            used.update(c for c in classes.split() if c == "vh" or "hidden" in c)
    defined = set(re.findall(r"\.([\w-]+)\s*[{,]", SITE_CSS))
    assert "vh" in used
    assert used <= defined, used - defined
