"""The report as PDF, from the same HTML (WeasyPrint), so paper says what the page says."""

from __future__ import annotations

from wijkkracht.reports.pdf import html_to_pdf

from .build import NetwerkReport
from .html import report_html


def report_pdf(report: NetwerkReport) -> bytes:
    """A4 portrait: the summary and the pictures first, the tables after."""
    return html_to_pdf(report_html(report))
