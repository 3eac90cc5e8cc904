"""The netwerkscan report: pictures (SVG), sentences, tables; HTML page, web block and PDF.

Pure Python: no Django. The web layer calls :func:`build_report` with the scan moments it may
show and renders with :func:`report_html` (``standalone=False`` for the block a page embeds) or
:func:`report_pdf`.
"""

from .build import NetwerkReport, build_report
from .html import report_html
from .pdf import report_pdf

__all__ = ["NetwerkReport", "build_report", "report_html", "report_pdf"]
