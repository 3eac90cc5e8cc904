"""The taxonomy terms a template may name: the kaart's categories, access routes and forms.

Known are the terms already in the kaart and the built-in scheme of kaart/demo.py (the
category codes in docs/kaart-demo.md). A category is named by its code or its name, in any
case; a term the kaart does not hold yet is added with the import.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from wijkkracht.kaart import models as m
from wijkkracht.kaart.hsds.importer import Plan, Row
from wijkkracht.kaart.spreadsheet.columns import ACCESS, CATEGORY, FORMALITY

TAXONOMIES = (CATEGORY, ACCESS, FORMALITY)


@dataclass
class Terms:
    # (taxonomy, code) -> the term as HSDS JSON (id, code, name, description, taxonomy_id)
    by_code: dict[tuple[str, str], dict] = field(default_factory=dict)
    stored: set = field(default_factory=set)  # (taxonomy, code) in the database

    def code(self, taxonomy: str, word: str) -> str | None:
        word = word.strip().lower()
        for (tax, code), term in self.by_code.items():
            if tax == taxonomy and word in (code.lower(), term["name"].lower()):
                return code
        return None

    def codes(self, taxonomy: str) -> list[str]:
        return sorted(code for tax, code in self.by_code if tax == taxonomy)

    def ensure(self, plan: Plan, taxonomy: str, code: str) -> uuid.UUID:
        """The term's id; put it in the plan when the kaart does not hold it yet."""
        term = self.by_code[(taxonomy, code)]
        tid = uuid.UUID(term["id"])
        if (taxonomy, code) not in self.stored and tid not in plan.rows["taxonomy_term"]:
            plan.rows["taxonomy_term"][tid] = Row(
                fields={"code": code, "name": term["name"], "description": term["description"],
                        "taxonomy": taxonomy, "language": term.get("language")},
                fks={"taxonomy_detail": uuid.UUID(term["taxonomy_id"])
                     if term.get("taxonomy_id") else None},
                where="ingebouwde categorieën")
        return tid


def known_terms() -> Terms:
    from wijkkracht.kaart import demo

    terms = Terms()
    for term in demo.taxonomy_terms():
        terms.by_code[(term["taxonomy"], term["code"])] = term
    stored = m.TaxonomyTerm.objects.filter(taxonomy__in=TAXONOMIES).exclude(code=None)
    for term in stored.order_by("pk"):
        key = (term.taxonomy, term.code)
        if key in terms.stored:
            continue
        terms.stored.add(key)
        terms.by_code[key] = {"id": str(term.pk), "code": term.code, "name": term.name,
                              "description": term.description}
    return terms
