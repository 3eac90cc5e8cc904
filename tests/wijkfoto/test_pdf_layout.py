"""The wijkfoto PDF's layout (issue 7, item 14): page 1 carries the headline and the chart of
what stands out, every page is numbered, the legend stays on one page, links print without
underlines. Read from WeasyPrint's laid-out pages, the very boxes the PDF is drawn from."""

import pytest

from tests.conftest import KWB_2024, real_computed, real_kwb
from wijkkracht.wijkfoto.report.headline import headline
from wijkkracht.wijkfoto.report.html import render_wijkfoto_html
from wijkkracht.wijkfoto.services import make_wijkfoto


def _boxes(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def _classes(box) -> str:
    element = getattr(box, "element", None)
    return (element.get("class") or "") if element is not None else ""


def _text(page) -> str:
    return " ".join(b.text for b in _boxes(page._page_box) if getattr(b, "text", None))


@pytest.fixture(scope="module")
def laid_out():
    weasyprint = pytest.importorskip("weasyprint")
    table = real_kwb(KWB_2024)
    w = make_wijkfoto(table, "WK039210", computed=real_computed(KWB_2024))
    try:
        doc = weasyprint.HTML(string=render_wijkfoto_html(w)).render()
    except OSError:
        pytest.skip("PDF needs Pango and HarfBuzz (see README)")
    return w, doc


def test_page_one_carries_the_headline_and_the_chart_not_a_block_of_text(laid_out):
    w, doc = laid_out
    first = _text(doc.pages[0])
    assert " ".join(headline(w).split()[:6]) in " ".join(first.split())
    assert "Wat opvalt" in first
    assert sum(1 for b in _boxes(doc.pages[0]._page_box)
               if (getattr(b, "element_tag", None) or "").endswith("svg")) >= 4
    assert "In het kort" not in first and w.narrative[0][:40] not in first


def test_every_page_is_numbered(laid_out):
    _w, doc = laid_out
    total = len(doc.pages)
    assert total >= 3
    for number, page in enumerate(doc.pages, start=1):
        assert f"pagina {number} van {total}" in _text(page)


def test_the_legend_is_not_split_over_two_pages(laid_out):
    _w, doc = laid_out
    pages = [i for i, page in enumerate(doc.pages)
             if any("legend-section" in _classes(b) for b in _boxes(page._page_box))]
    assert len(pages) == 1


def test_links_print_without_underlines(laid_out):
    _w, doc = laid_out
    links = [b for page in doc.pages for b in _boxes(page._page_box)
             if getattr(b, "element_tag", "") == "a"]
    assert links
    assert all(b.style["text_decoration_line"] in ("none", None, frozenset()) for b in links)
