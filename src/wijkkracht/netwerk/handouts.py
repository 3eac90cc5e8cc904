"""Survey links to hand out without a mail server: a CSV for mail merge and printable letters.

A link exists only at the moment it is made (the database keeps its hash), so these are made
in the same request that makes the links, never later. Both hold names and personal links:
every download is logged in the access log by the caller, with the count, never the links.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib.resources import files

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from wijkkracht.exports.spreadsheet import csv_text

from .mailing import last_day, survey_url, withdraw_url
from .services import IssuedLink

CSV_COLUMNS = ("naam", "organisatie", "e-mailadres", "link", "link_niet_meedoen", "geldig_tot")


def links_csv(links: Sequence[IssuedLink], *, base_url: str) -> bytes:
    """For a mail merge in Dutch Excel or Word: UTF-8 with a BOM, separated by semicolons."""
    return csv_text(CSV_COLUMNS, [
        (link.participant.display_name, link.participant.organisation_name,
         link.participant.email, survey_url(base_url, link.token),
         withdraw_url(base_url, link.token), last_day(link).strftime("%d-%m-%Y"))
        for link in links]).encode("utf-8")


def qr_svg(url: str) -> str:
    """The link as a QR code, an inline SVG (no image file, no inline style)."""
    code = qrcode.QRCode(image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2,
                         error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(url)
    svg = code.make_image().to_string(encoding="unicode")
    return svg.replace("<svg ", '<svg role="img" aria-hidden="true" focusable="false" ', 1)


@lru_cache(maxsize=1)
def letters_css() -> str:
    return (files("wijkkracht.netwerk") / "static" / "netwerk" / "letters.css").read_text("utf-8")


def letters_html(links: Sequence[IssuedLink], *, base_url: str, inline_css: bool = False) -> str:
    """One letter per person, each on its own page: the e-mail's text, the link and its QR
    code. ``inline_css`` for the PDF (WeasyPrint); the web page links the stylesheet, as the
    Content-Security-Policy allows no inline style."""
    letters = []
    for link in links:
        scan = link.invitation.moment.scan
        url = survey_url(base_url, link.token)
        letters.append({
            "name": link.participant.display_name, "organisation":
            link.participant.organisation_name, "team": scan.team.name, "scan": scan.name,
            "survey_url": url, "withdraw_url": withdraw_url(base_url, link.token),
            "last": last_day(link), "qr": mark_safe(qr_svg(url))})  # our SVG
    moment = links[0].invitation.moment if links else None
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("netwerk/letters.html", {
            "letters": letters, "moment": moment, "scan": moment.scan if moment else None,
            "css": mark_safe(letters_css()) if inline_css else None})  # our file


def letters_pdf(links: Sequence[IssuedLink], *, base_url: str) -> bytes:
    from wijkkracht.reports.pdf import html_to_pdf

    return html_to_pdf(letters_html(links, base_url=base_url, inline_css=True))
