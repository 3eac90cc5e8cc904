"""Render the wijkfoto and the gemeente overview as one self-contained HTML page each."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from wijkkracht import __version__
from wijkkracht.areas.codes import LEVEL_NAMES
from wijkkracht.wijkfoto.core.overview import Overview
from wijkkracht.wijkfoto.core.profile import Wijkfoto
from wijkkracht.wijkfoto.core.wording import (
    LEVEL_PCT,
    MISSING_NL,
    TREND_NL,
    VERDICT_NL,
    VERDICT_SYMBOL,
    fmt_interval,
    fmt_number,
    fmt_value,
)

from .headline import headline, standouts
from .spine import spine_svg


@lru_cache(maxsize=1)
def _env() -> Environment:
    """One environment per process: Jinja compiles each template once, not per request."""
    env = Environment(
        loader=FileSystemLoader(str(files("wijkkracht.wijkfoto.report") / "templates")),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(value=fmt_value, interval=fmt_interval, number=fmt_number)
    env.globals.update(
        verdict_nl=VERDICT_NL, verdict_symbol=VERDICT_SYMBOL, missing_nl=MISSING_NL,
        trend_nl=TREND_NL, level_pct=LEVEL_PCT, level_names=LEVEL_NAMES, spine=spine_svg,
        version=__version__, area_change_nl=area_change_nl, headline=headline,
        standouts=standouts,
    )
    return env


@lru_cache(maxsize=1)
def _css() -> str:
    return (files("wijkkracht.wijkfoto") / "static" / "wijkfoto" / "report.css").read_text("utf-8")


def area_change_nl(change: dict) -> str:
    """The Dutch note on an area's code or boundary change after its value's year."""
    kind, year = change["kind"], change["year"]
    if kind == "not_linked":
        return (f"code gewijzigd: de cijfers van {year} staan onder andere codes en zijn niet "
                "aan dit gebied te koppelen")
    if kind == "boundary_changed":
        return f"grens gewijzigd in {year}: dit cijfer gaat over de oude afbakening"
    return f"code gewijzigd in {year}"


def render_wijkfoto_html(w: Wijkfoto) -> str:
    return _env().get_template("wijkfoto.html").render(w=w, css=_css())


def render_overview_html(ov: Overview) -> str:
    return _env().get_template("overzicht.html").render(ov=ov, css=_css())


def _block(template: str, block: str, **context) -> Markup:
    """One block of a report template: the web pages embed exactly what the report shows."""
    tmpl = _env().get_template(template)
    return Markup("".join(tmpl.blocks[block](tmpl.new_context(context))))


def report_context(w: Wijkfoto | None = None, ov: Overview | None = None,
                   links: dict[str, str] | None = None) -> dict:
    """Context for a web page that embeds the wijkfoto or the overview heat map; ``links``
    maps area codes to their page (the similar areas)."""
    ctx = {}
    if w is not None:
        ctx["report_head"] = _block("wijkfoto.html", "report_head", w=w, links=links)
        ctx["report_body"] = _block("wijkfoto.html", "report_main", w=w, links=links)
    if ov is not None:
        ctx["heatmap_body"] = _block("overzicht.html", "report", ov=ov)
    return ctx
