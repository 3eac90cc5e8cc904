"""The kaart's search form: GET parameters in, the arguments of ``search.find`` out.

It works without JavaScript and keeps everything typed. What the form can judge itself (a
postcode's shape, a distance without a place to measure from) it says beside the field; what only
the search can judge (an empty or too long question, a postcode that does not exist) the view
puts beside the field from the search's own Dutch message.
"""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkkracht.inputs.forms import CleanTextMixin

from . import search

TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
SELECT = "utrecht-select utrecht-select--html-select"
CHECKBOX = "utrecht-checkbox utrecht-checkbox--html-input"
RADIO = "utrecht-radio-button utrecht-radio-button--html-input"
POSTCODE = re.compile(r"^([1-9]\d{3})\s*([A-Z]{2})?$")
DISTANCES = ("1", "2", "5", "10")
MAX_PAGE = 1000  # far past the last page of any kaart; a larger number is a typing error
# Longer than the search accepts, so the search still says why; the cap keeps a pasted page of
# text from travelling further than the form.
MAX_QUERY_CHARS = 2000


class SearchForm(CleanTextMixin, forms.Form):
    q = forms.CharField(
        label=_("What do you need help with?"), required=False, strip=True,
        help_text=_("Say it in your own words, for example: lonely, debts, help with the "
                    "shopping."),
        widget=forms.TextInput(attrs={"class": TEXTBOX, "autocomplete": "off",
                                      "type": "search", "enterkeyhint": "search"}))
    onderwerp = forms.ChoiceField(
        label=_("Or choose a topic"), required=False,
        widget=forms.Select(attrs={"class": SELECT}))
    postcode = forms.CharField(
        label=_("Your postcode"), required=False,
        help_text=_("Optional. For example 2011 AB. Then we show help close by first."),
        widget=forms.TextInput(attrs={"class": TEXTBOX + " kaart-postcode",
                                      "autocomplete": "postal-code"}))
    wijk = forms.ChoiceField(
        label=_("Or choose your district"), required=False,
        widget=forms.Select(attrs={"class": SELECT}))
    afstand = forms.ChoiceField(
        label=_("At most this far away"), required=False,
        help_text=_("Needs your postcode or district."),
        choices=[("", _("Any distance"))] + [(d, _("%(km)s km") % {"km": d}) for d in DISTANCES],
        widget=forms.Select(attrs={"class": SELECT}))
    gratis = forms.BooleanField(label=_("Free"), required=False,
                                widget=forms.CheckboxInput(attrs={"class": CHECKBOX}))
    zonder_verwijzing = forms.BooleanField(
        label=_("No referral needed"), required=False,
        widget=forms.CheckboxInput(attrs={"class": CHECKBOX}))
    nu_open = forms.BooleanField(label=_("Open now"), required=False,
                                 widget=forms.CheckboxInput(attrs={"class": CHECKBOX}))
    # Choosing a wijk puts the help in and for it first; this keeps only the help located there
    in_wijk = forms.BooleanField(label=_("In your chosen district"), required=False,
                                 widget=forms.CheckboxInput(attrs={"class": CHECKBOX}))
    taal = forms.ChoiceField(label=_("Help in another language"), required=False,
                             widget=forms.Select(attrs={"class": SELECT}))
    vorm = forms.ChoiceField(
        label=_("Who helps"), required=False, initial="",
        choices=[("", _("Both")), ("formeel", _("Professionals")),
                 ("informeel", _("Volunteers and neighbours"))],
        widget=forms.RadioSelect(attrs={"class": RADIO}))
    pagina = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE,
                                widget=forms.HiddenInput)

    def __init__(self, *args, wijken: list[tuple[str, str]] = (),
                 languages: list[tuple[str, str]] = (), topics: list[tuple[str, str]] = (),
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["onderwerp"].choices = [("", _("No topic chosen")), *topics]
        self.fields["wijk"].choices = [("", _("No district chosen")), *wijken]
        self.fields["taal"].choices = [("", _("Dutch is fine")), *languages]
        self.origin: search.Origin | None = None

    def clean_q(self) -> str:
        value = self.cleaned_data.get("q", "")
        if len(value) > MAX_QUERY_CHARS:
            raise forms.ValidationError(
                _("Your question is too long. Use a few words, at most 200 letters."))
        return value

    def clean_postcode(self) -> str:
        raw = self.cleaned_data.get("postcode", "").strip().upper()
        if not raw:
            return ""
        match = POSTCODE.match(raw)
        if not match:
            raise forms.ValidationError(
                _("This is not a postcode. A postcode has four digits and two letters, "
                  "for example 2011 AB."))
        return f"{match[1]} {match[2]}" if match[2] else match[1]

    def clean(self) -> dict:
        data = super().clean()
        postcode, wijk = data.get("postcode"), data.get("wijk")
        if data.get("afstand") and not (postcode or wijk) and not self.has_error("postcode"):
            self.add_error("afstand", _("Fill in your postcode or choose your district to "
                                        "search by distance."))
        if data.get("in_wijk") and not wijk and not self.has_error("wijk"):
            self.add_error("in_wijk", _("Choose your district to see only the help there."))
        if (postcode or wijk) and not self.has_error("postcode") and not self.has_error("wijk"):
            try:
                self.origin = search.origin_for(postcode=postcode or None, wijk=wijk or None)
            except search.OriginError as exc:
                self.add_error("postcode" if postcode else "wijk", str(exc))
        return data

    def filters(self) -> search.SearchFilters:
        """The filters of a valid form."""
        data = self.cleaned_data
        vorm = data.get("vorm")
        return search.SearchFilters(
            wijk=(data.get("wijk") or None) if data.get("in_wijk") else None,
            free=bool(data.get("gratis")),
            no_referral=bool(data.get("zonder_verwijzing")),
            formal=None if not vorm else vorm == "formeel",
            language=data.get("taal") or None, open_now=bool(data.get("nu_open")),
            max_km=float(data["afstand"]) if data.get("afstand") else None)

    def page_number(self) -> int:
        return self.cleaned_data.get("pagina") or 1

    def filter_count(self) -> int:
        """How many filters are set: the page opens the filter section when any is."""
        if not self.is_bound:
            return 0
        names = ("afstand", "gratis", "zonder_verwijzing", "nu_open", "in_wijk", "taal", "vorm")
        return sum(1 for name in names if self.data.get(name) not in (None, "", "0"))
