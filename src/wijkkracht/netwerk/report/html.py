"""The netwerkscan report as one self-contained HTML page, or as the block a web page embeds.

Same pattern as the wijkfoto report: Jinja templates with ``{% block report %}``, so the web
page embeds exactly what the page and the PDF show. The page inlines the shared report styles
(``wijkfoto/report.css``: type, tables, focus, print) and the netwerk ones
(``netwerk/report.css``); a web page that embeds the block links both files.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ..core.model import LEVEL_LABELS, TIE_LEVELS
from . import wording
from .build import NetwerkReport

TEMPLATE = "netwerk.html"


@lru_cache(maxsize=1)
def _env() -> Environment:
    """One environment per process: Jinja compiles the template once, not per report."""
    env = Environment(
        loader=FileSystemLoader(str(files("wijkkracht.netwerk.report") / "templates")),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(level_labels=LEVEL_LABELS, tie_levels=TIE_LEVELS, zip=zip,
                       min_people=wording.MIN_PEOPLE)
    return env


@lru_cache(maxsize=1)
def report_css() -> str:
    """The shared report styles followed by the netwerk ones (which win where both set)."""
    shared = (files("wijkkracht.wijkfoto") / "static" / "wijkfoto" / "report.css")
    own = (files("wijkkracht.netwerk") / "static" / "netwerk" / "report.css")
    return shared.read_text("utf-8") + "\n" + own.read_text("utf-8")


def report_html(report: NetwerkReport, *, standalone: bool = True) -> str:
    """The whole page (styles inlined, no external resources), or only the report block."""
    template = _env().get_template(TEMPLATE)
    if standalone:
        return template.render(r=report, css=report_css())
    context = template.new_context({"r": report})
    return Markup("".join(template.blocks["report"](context)))
