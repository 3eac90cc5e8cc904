"""The wijkfoto in the browser: public pages over the same core as the command line."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wijkkracht.areas import selectors
from wijkkracht.areas.registry import find_area, search_areas
from wijkkracht.errors import WijkkrachtError
from wijkkracht.inputs.numbers import parse_int
from wijkkracht.jobs import views as jobs
from wijkkracht.jobs.registry import Output

from .core.overview import build_overview
from .core.profile import build_wijkfoto
from .core.wording import VERDICT_NL, VERDICT_SYMBOL
from .navigation import children, trail
from .report.html import report_context
from .report.mapsvg import PDOK_HOST, map_svg
from .services import render as render_wijkfoto

PDF_JOB = "wijkfoto.pdf"

MIN_YEAR, MAX_YEAR = 1900, 2999  # a jaar outside these is no year of CBS figures
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "json": "application/json; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}

# The map's sizes: 1 fits the column; 2 and 4 are wider than the window and scroll in their own
# focusable region, which is how a large gemeente is read without JavaScript.
ZOOMS = {"1": 1, "2": 2, "4": 4}
# WIJKKRACHT_BASEMAP: "" (none, the default) or a PDOK BRT-Achtergrondkaart layer.
BASEMAPS = {"pdok": "grijs", "pdok-grijs": "grijs", "pdok-pastel": "pastel",
            "pdok-standaard": "standaard"}


def _year(request: HttpRequest) -> int | None:
    """The year asked for, None for the latest; a value that is not a year is a 404."""
    raw = request.GET.get("jaar", "").strip()
    if not raw:
        return None
    year = parse_int(raw, minimum=MIN_YEAR, maximum=MAX_YEAR)
    if year is None:
        raise Http404(_("'%(value)s' is not a year.") % {"value": raw[:20]})
    return year


def _no_data(request: HttpRequest, exc: WijkkrachtError) -> HttpResponse:
    """No figures at all is a 503 (an operator must load them); a year that is not loaded while
    others are is the visitor's 404, with links to the years there are."""
    years = selectors.available_years()
    if years:
        return render(request, "wijkfoto/year_not_loaded.html", {
            "year": request.GET.get("jaar", "")[:10], "years": years,
            "path": request.path}, status=404)
    return render(request, "wijkfoto/no_data.html", {"message": str(exc)}, status=503)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    try:
        table = selectors.kwb_table(_year(request))
    except WijkkrachtError as exc:
        return _no_data(request, exc)
    results = search_areas(table, query, limit=50) if query else []
    gemeenten = [a for a in search_areas(table, "gm", limit=1000) if a.level == "GM"]
    return render(request, "wijkfoto/index.html", {
        "query": query, "results": [a for a in results if a.level != "NL"], "year": table.year,
        "years": selectors.available_years(), "gemeente_count": len(gemeenten)})


def _area_or_404(table, code: str):
    try:
        return find_area(table, code, levels=("GM", "WK", "BU"))
    except WijkkrachtError as exc:
        raise Http404(str(exc)) from None


@require_GET
def area(request: HttpRequest, code: str, fmt: str | None = None) -> HttpResponse:
    try:
        computed = selectors.latest_years(_year(request))
    except WijkkrachtError as exc:
        return _no_data(request, exc)
    found = _area_or_404(computed.table, code)
    compare = request.GET.get("vergelijk")
    if compare not in (None, "gemeente", "nl"):
        compare = None
    try:
        w = build_wijkfoto(computed, found, compare)
    except WijkkrachtError as exc:
        raise Http404(str(exc)) from None
    if fmt == "pdf":  # 5-10 s of layout: made in the background, offered on the job's page
        params = {"code": found.code, "jaar": w.year, "vergelijk": compare or ""}
        back = reverse("wijkfoto:area", args=[found.code])
        return jobs.start(request, PDF_JOB, params,
                          back=f"{back}?jaar={w.year}" if request.GET.get("jaar") else back)
    if fmt:
        payload = render_wijkfoto(w, fmt)
        response = HttpResponse(payload, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = (
            f'attachment; filename="wijkfoto-{w.area.code}-{w.year}.{fmt}"')
        return response
    links = {a.code: reverse("wijkfoto:area", args=[a.code])
             for a in (w.similar.areas if w.similar else [])}
    return render(request, "wijkfoto/area.html", {
        **report_context(w, links=links), "w": w, "years": selectors.available_years(),
        "trail": trail(computed.table, found), "children": children(computed.table, found)})


@require_GET
def gemeente(request: HttpRequest, code: str) -> HttpResponse:
    try:
        computed = selectors.computed_year(_year(request))
    except WijkkrachtError as exc:
        return _no_data(request, exc)
    found = _area_or_404(computed.table, code)
    if found.level != "GM":
        raise Http404(_("This overview is for a municipality."))
    ov = build_overview(computed, found)
    indicator_id = request.GET.get("kenmerk") or "aandeel_65plus"
    ids = [i.id for i in ov.indicators]
    column = ids.index(indicator_id) if indicator_id in ids else 0
    chosen = ov.indicators[column] if ov.indicators else None
    styles = {}
    counts: dict[str, int] = {}
    for row_code, name, _inwoners, cells in ov.rows:
        cell = cells[column] if cells else None
        verdict = cell.verdict if cell else "not_compared"
        counts[verdict] = counts.get(verdict, 0) + 1
        styles[row_code] = (f"v-{verdict}", f"{name}: {VERDICT_NL[verdict]} "
                            f"{VERDICT_SYMBOL[verdict]}",
                            reverse("wijkfoto:area", args=[row_code]), VERDICT_SYMBOL[verdict])
    zoom = ZOOMS.get(request.GET.get("zoom", ""), 1)
    basemap = BASEMAPS.get(settings.WIJKKRACHT_BASEMAP, "")
    geo = selectors.boundaries(computed.table.year, "WK")
    wijkmap = map_svg(geo["features"], styles, _("Map of the districts of %(name)s")
                      % {"name": found.name}, zoom=zoom, basemap=basemap) if geo and chosen else ""
    legend = [(v, VERDICT_NL[v], VERDICT_SYMBOL[v], counts[v]) for v in VERDICT_NL if v in counts]
    if request.GET.get("formaat") == "csv":
        from .services import render_overview

        response = HttpResponse(render_overview(ov, "csv"), content_type=CONTENT_TYPES["csv"])
        response["Content-Disposition"] = (
            f'attachment; filename="overzicht-{found.code}-{ov.year}.csv"')
        return response
    response = render(request, "wijkfoto/gemeente.html", {
        **report_context(ov=ov), "ov": ov, "area": found, "chosen": chosen, "wijkmap": wijkmap,
        "legend": legend, "zoom": zoom, "zooms": sorted(set(ZOOMS.values())),
        "basemap": bool(basemap and wijkmap), "years": selectors.available_years()})
    if basemap and wijkmap:
        # The tile host is allowed only on a page that shows tiles, and only when configured.
        response._csp_update = {"img-src": [PDOK_HOST]}
    return response


def pdf_job(params: dict, owner, progress) -> Output:
    """The wijkfoto of ``params["code"]`` as PDF, in the background (see :func:`area`)."""
    progress(10, _("Gathering the figures"))
    computed = selectors.latest_years(params.get("jaar"))
    try:
        found = find_area(computed.table, params["code"], levels=("GM", "WK", "BU"))
    except WijkkrachtError:
        raise WijkkrachtError(_("This area is no longer in the figures.")) from None
    w = build_wijkfoto(computed, found, params.get("vergelijk") or None)
    progress(50, _("Making the PDF"))
    return Output(render_wijkfoto(w, "pdf"), f"wijkfoto-{w.area.code}-{w.year}.pdf",
                  CONTENT_TYPES["pdf"])
