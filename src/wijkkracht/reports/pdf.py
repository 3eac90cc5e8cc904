"""PDF from the same HTML (WeasyPrint), so the printed report says exactly what the page says."""

from __future__ import annotations

import logging

from wijkkracht.errors import WijkkrachtError


def html_to_pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML
    except OSError:
        raise WijkkrachtError(
            "Voor PDF zijn de systeembibliotheken Pango en HarfBuzz nodig (Debian/Ubuntu: "
            "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0). HTML en JSON "
            "werken zonder."
        ) from None

    # WeasyPrint and fontTools log every font subset at INFO; users need none of that.
    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    return HTML(string=html).write_pdf()
