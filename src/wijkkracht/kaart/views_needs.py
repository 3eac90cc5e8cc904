"""The need taxonomy for the functional administrator: read it, download it to edit, upload the
edited file. Saving checks the whole file first and re-indexes the kaart (``services``); a
refused file changes nothing and the page says why, in Dutch, naming the need and the field.
The page also shows what searches the taxonomy did not understand (``search_tally``), and
tries a question on the taxonomy in use (not counted as a search)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkkracht.accounts.permissions import is_functional_administrator

from . import search
from .core.search import QueryError, TaxonomyError
from .indexing import taxonomy
from .models import NeedTaxonomy
from .search import ResultPage
from .search_tally import (
    SHOWN_MONTHS,
    THRESHOLD,
    chosen_topics,
    recent_months,
    unmatched_words,
)
from .services import add_need_word, need_taxonomy_json, save_need_taxonomy

MAX_BYTES = 2_000_000


class TrialForm(forms.Form):
    """A question tried on the taxonomy in use: how the search reads it, and what it finds."""

    # no max_length: the search refuses a long question itself, in its own Dutch words
    proef = forms.CharField(label=gettext_lazy("Question to try"), required=False)


def _trial(request: HttpRequest) -> tuple[TrialForm, ResultPage | None]:
    form = TrialForm(request.GET or None)
    if not form.is_valid() or not form.cleaned_data["proef"]:
        return form, None
    try:
        return form, search.find(form.cleaned_data["proef"], tally=False)
    except QueryError as exc:
        form.add_error("proef", str(exc))
        return form, None


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Edited need taxonomy (JSON)"))
    note = forms.CharField(label=gettext_lazy("What changed (optional)"), required=False,
                           max_length=500)


def _administrator(request: HttpRequest) -> None:
    if not is_functional_administrator(request.user):
        raise PermissionDenied


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def needs(request: HttpRequest) -> HttpResponse:
    _administrator(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > MAX_BYTES:
                    raise TaxonomyError(_("The file is larger than 2 MB; nothing was changed."))
                text = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                form.add_error("file", _("The file is not UTF-8 text; nothing was changed."))
            except TaxonomyError as exc:
                form.add_error("file", str(exc))
            else:
                try:
                    save_need_taxonomy(text, request.user, form.cleaned_data["note"])
                except TaxonomyError as exc:
                    form.add_error("file", str(exc))
                else:
                    return redirect("kaart:needs")
        status = 400
    current = taxonomy()
    saved = NeedTaxonomy.objects.order_by("-pk").first()
    trial_form, trial = _trial(request)
    months = recent_months()
    labels = {need.code: need.label for need in current.needs}
    terms = {need.code: {t.lower() for t in need.terms} for need in current.needs}
    return render(request, "kaart/needs.html", {
        "form": form, "taxonomy": current, "saved": saved,
        "trial_form": trial_form, "trial": trial,
        "needs": [(need, [current.categories[c].label for c in need.categories])
                  for need in sorted(current.needs, key=lambda n: n.label)],
        "months": months, "unmatched": unmatched_words(months=months),
        "chosen": [(word, code, labels.get(code, code), count, word in terms.get(code, ()))
                   for word, code, count in chosen_topics(months)],
        "shown_months": SHOWN_MONTHS, "threshold": THRESHOLD,
    }, status=status)


@login_required
@never_cache
@require_GET
def needs_download(request: HttpRequest) -> HttpResponse:
    _administrator(request)
    response = HttpResponse(need_taxonomy_json(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="behoeftentaxonomie.json"'
    return response


@login_required
@require_POST
def needs_add_word(request: HttpRequest) -> HttpResponse:
    """One click from "kliko -> Huishouden" in the counts to the word in that need's terms."""
    _administrator(request)
    word = " ".join(request.POST.get("word", "").split()).lower()
    code = request.POST.get("need", "")
    try:
        label = add_need_word(word, code, request.user)
    except TaxonomyError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("“%(word)s” now names the need “%(need)s”.")
                         % {"word": word, "need": label})
    return redirect("kaart:needs")
