"""The public sociale kaart: search by need, a service's card and its printable version.

No sign-in; read-only. The search page is a GET form, so a search is a link that can be shared
and works without JavaScript. Whatever is typed, the page answers with the form (and what was
typed) and a Dutch message beside the field: never an error page.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wijkkracht.text.dutch import tokenize

from . import search, search_tally
from .forms import SearchForm
from .selectors_pages import language_choices, result_map, result_rows, service_card

PER_PAGE = 10


def _page_link(request: HttpRequest, number: int) -> str:
    params = request.GET.copy()
    params["pagina"] = str(number)
    return "?" + params.urlencode()


def search_page(request: HttpRequest, template: str, *, professional: bool) -> HttpResponse:
    """The search form and, when a question was asked, one page of results (shared with the
    professionals' page, which shows more of each service)."""
    asked = "q" in request.GET
    wijken = search.wijken()
    topics = search.topics()
    form = SearchForm(request.GET if asked else None, wijken=wijken,
                      languages=language_choices(), topics=topics)
    kept = request.GET.copy()  # a topic link keeps the place and the filters, not the words
    for name in ("q", "onderwerp", "pagina", "van"):
        kept.pop(name, None)
    context: dict = {"form": form, "asked": asked, "professional": professional,
                     "wijk_names": dict(wijken), "topics": topics,
                     "topic_query": kept.urlencode()}
    if asked and form.is_valid():
        number = form.page_number()
        try:
            found = search.find(form.cleaned_data["q"], filters=form.filters(),
                                origin=form.origin, offset=(number - 1) * PER_PAGE,
                                limit=PER_PAGE, topic=form.cleaned_data["onderwerp"] or None,
                                chosen_after=search_tally.words_of(request.GET.get("van", "")))
        except search.QueryError as exc:
            form.add_error("q", str(exc))
        else:
            offset = found.offset
            pages = max(1, -(-found.total // PER_PAGE))
            chosen = form.cleaned_data.get("wijk") or None
            if not found.needs and not form.cleaned_data["onderwerp"]:
                # the topic links beside the results remember the words, not the question
                context["choice_token"] = search_tally.choice_token(
                    tokenize(form.cleaned_data["q"]))
            context.update({
                "found": found, "pages": pages, "number": offset // PER_PAGE + 1,
                "rows": result_rows(found.results, offset, professional=professional),
                "previous": _page_link(request, number - 1) if number > 1 else "",
                "next": _page_link(request, number + 1) if offset + PER_PAGE < found.total
                else "",
                "result_map": result_map(found.results, offset + 1,
                                         _("Map with the places of the results on this page. "
                                           "The numbers are those of the list."), chosen)})
    return render(request, template, context, status=400 if form.errors else 200)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return search_page(request, "kaart/search.html", professional=False)


def _card_or_404(pk, professional: bool = False):
    card = service_card(pk, for_professional=professional)
    if card is None:
        raise Http404(_("This service is not on the social map (any more)."))
    return card


@require_GET
def service(request: HttpRequest, pk) -> HttpResponse:
    return render(request, "kaart/service.html", {"card": _card_or_404(pk)})


@require_GET
def card(request: HttpRequest, pk) -> HttpResponse:
    return render(request, "kaart/card.html", {"card": _card_or_404(pk)})
