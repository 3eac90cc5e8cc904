"""The fixed vocabulary: the shipped file loads, and a broken file is refused with a Dutch
reason. Numbers from "MensenZorg in de wijk" (WBW, maart 2012): 3 development principles
(pp. 13-17), 10 lessons of the project leaders (p. 18)."""

from __future__ import annotations

import copy
import json

import pytest

from wijkkracht.praktijk.core.vocabulary import PATH, VocabularyError, parse, vocabulary


def _data() -> dict:
    return json.loads(PATH.read_text(encoding="utf-8"))


def test_shipped_vocabulary_has_the_programmes_principles():
    v = vocabulary()
    assert [p.code for p in v.of_kind("ontwikkelprincipe")] == [
        "ont-wikkelen", "ont-regelen", "ont-schotten"]
    assert len(v.of_kind("werkprincipe")) == 10
    assert all(p.source == "Verbredingsprogramma Wijk- en Buurtgericht Werken"
               for p in v.principles)
    assert v.target_group("mantelzorgers").name == "Mantelzorgers"
    assert v.principle("maatwerk").kind == "werkprincipe"
    assert v.principle("bestaat-niet") is None


def test_check_orders_codes_and_refuses_unknown_ones():
    v = vocabulary()
    assert v.check_principles(["ont-schotten", "ont-wikkelen", "ont-schotten"]) == [
        "ont-wikkelen", "ont-schotten"]
    with pytest.raises(VocabularyError, match="Onbekende doelgroep: katten"):
        v.check_target_groups(["ouderen", "katten"])


def test_double_code_is_refused():
    data = _data()
    data["target_groups"].append(copy.deepcopy(data["target_groups"][0]))
    with pytest.raises(VocabularyError, match="dubbel"):
        parse(data)


def test_missing_principle_or_empty_field_is_refused():
    data = _data()
    data["principles"] = [p for p in data["principles"] if p["code"] != "maatwerk"]
    with pytest.raises(VocabularyError, match="9 keer 'werkprincipe'"):
        parse(data)
    data = _data()
    data["principles"][0]["explanation"] = " "
    with pytest.raises(VocabularyError, match="'explanation' bij principe 1"):
        parse(data)


def test_unknown_kind_is_refused():
    data = _data()
    data["principles"][0]["kind"] = "wens"
    with pytest.raises(VocabularyError, match="soort 'wens'"):
        parse(data)
