"""The need taxonomy file: it loads, its references hold, and a broken file is named in Dutch."""

import json

import pytest

from wijkkracht.kaart.core.search.needs import DEFAULT_PATH, TaxonomyError, load, parse


def test_shipped_taxonomy_loads_with_needs_and_categories():
    taxonomy = load()
    assert 30 <= len(taxonomy.needs) <= 60
    assert len(taxonomy.categories) >= 20
    codes = {n.code for n in taxonomy.needs}
    assert {"eenzaamheid", "schulden", "mantelzorg", "geheugen", "vervoer"} <= codes


def test_every_referenced_category_exists_and_every_category_is_used():
    raw = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    categories = {c["code"] for c in raw["categories"]}
    used = {c for need in raw["needs"] for c in need["categories"]}
    assert used <= categories
    assert categories <= used, f"unused categories: {sorted(categories - used)}"


def test_needs_carry_everyday_phrases():
    taxonomy = load()
    assert "komt de deur niet uit" in taxonomy.need("eenzaamheid").phrases
    assert "kan de rekeningen niet betalen" in taxonomy.need("schulden").phrases
    assert "vergeet steeds dingen" in taxonomy.need("geheugen").phrases
    assert sum(len(n.phrases) for n in taxonomy.needs) >= 100


def _minimal():
    return {
        "categories": [{"code": "ontmoeting", "label": "Ontmoeting"}],
        "needs": [{"code": "eenzaamheid", "label": "Eenzaamheid", "terms": ["eenzaam"],
                   "phrases": [], "categories": ["ontmoeting"]}],
    }


def test_unknown_category_is_named():
    data = _minimal()
    data["needs"][0]["categories"] = ["ontmoting"]
    message = r"behoefte 1 \(eenzaamheid\): onbekende categorie 'ontmoting'"
    with pytest.raises(TaxonomyError, match=message):
        parse(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["needs"].append(dict(d["needs"][0])), "komt twee keer voor"),
        (lambda d: d["needs"][0].update(terms=[]), "'terms' mag niet leeg zijn"),
        (lambda d: d["needs"][0].update(terms="eenzaam"), "'terms' moet een lijst"),
        (lambda d: d["needs"][0].update(code="Een zaam"), "is ongeldig"),
        (lambda d: d.pop("categories"), "'categories' ontbreekt"),
        (lambda d: d["needs"][0].update(fallback="ja"), "'fallback' moet true of false zijn"),
        (lambda d: d["needs"][0].update(other_meanings="alleen thuis werken"),
         "'other_meanings' moet een lijst"),
    ],
)
def test_broken_files_are_refused_with_a_dutch_message(change, message):
    data = _minimal()
    change(data)
    with pytest.raises(TaxonomyError, match=message):
        parse(data)


def test_invalid_json_names_line(tmp_path):
    path = tmp_path / "needs.json"
    path.write_text('{"categories": [\n,]}', encoding="utf-8")
    with pytest.raises(TaxonomyError, match="geen geldige JSON \\(regel 2"):
        load(path)
    with pytest.raises(TaxonomyError, match="kan niet worden gelezen"):
        load(tmp_path / "missing.json")
