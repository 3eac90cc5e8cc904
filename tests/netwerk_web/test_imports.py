"""CSV imports: all or nothing, problems named by row and column, and the published research
networks round-tripped through the import into the same matrix as the readers give."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest
from django.utils.translation import gettext

from tests.conftest import SHARED
from wijkkracht.netwerk import services, snapshot
from wijkkracht.netwerk.core.levels import ladder_densities
from wijkkracht.netwerk.core.readers import (
    read_knoke,
    read_krackhardt,
    read_lazega,
    scan_from_relation,
)
from wijkkracht.netwerk.imports import CsvImportError, answers_import, participants_import
from wijkkracht.netwerk.models import Answer, Participant, Submission

from .conftest import links_for, make_team

NETWORKS = SHARED / "networks"
ROW = "Rij %d, kolom '%s'"  # how the Dutch interface names the cell at fault


def network_path(*parts: str):
    """A published research network beside the repository, or skip the test with the reason."""
    path = NETWORKS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"research network not available: {path} is absent "
                    "(../shared/data/networks beside the repository)")
    return path


def csv_bytes(rows: list[list], delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode(encoding)


def refused(call, *args) -> list[str]:
    with pytest.raises(CsvImportError) as exc:
        call(*args)
    return [str(p) for p in exc.value.problems]


PARTICIPANTS = [["naam", "organisatie", "sector", "rol", "toestemming"],
                ["Anouk de Vries", "Huisartsenpraktijk", "huisartsenzorg", "huisarts", "ja"],
                ["Ahmed Yilmaz", "Sociaal wijkteam", "Sociaal wijkteam", "", "nee"],
                ["Esther Kok", "Welzijn Haarlem", "welzijn", "opbouwwerker", ""]]


@pytest.fixture
def empty_scan(team, coordinator):
    return services.scan_create(team=team, name="Leeg", area_codes=[], user=coordinator)


def test_participants_are_imported_with_dutch_sector_names(empty_scan, coordinator):
    result = participants_import(empty_scan, csv_bytes(PARTICIPANTS, ";"), user=coordinator)
    assert (result.rows, result.created) == (3, 3)
    people = {p.display_name: p for p in empty_scan.participants.all()}
    assert people["Anouk de Vries"].sector == "gp" and people["Anouk de Vries"].consent_named
    assert people["Ahmed Yilmaz"].sector == "social_team"
    assert not people["Esther Kok"].consent_named and people["Esther Kok"].role == "opbouwwerker"


def test_one_bad_row_means_nothing_is_imported_and_the_row_is_named(empty_scan):
    rows = [*PARTICIPANTS, ["Jan Bos", "Politie", "brandweer", "", "ja"],
            ["Anouk de Vries", "Huisartsenpraktijk", "gp", "", "ja"],
            ["Piet", "X", "gp", "", "misschien"]]
    problems = refused(participants_import, empty_scan, csv_bytes(rows))
    assert problems[0].startswith(ROW % (5, "sector"))
    assert "brandweer" in problems[0]
    assert problems[1].startswith(ROW % (6, "naam"))
    assert problems[2].startswith(ROW % (7, "toestemming"))
    assert not Participant.objects.filter(scan=empty_scan).exists()


@pytest.mark.parametrize(("content", "message"), [
    (b"naam,sector\nAnouk,gp\n", "Deze kolom(men) ontbreken: organisatie."),
    ("naam,organisatie,sector\nJosé,Café,gp\n".encode("latin-1"),
     "Het bestand is niet in UTF-8."),
    (b"", "Het bestand is leeg."),
    (b"naam,organisatie,sector\n", "Het bestand heeft geen rijen onder de eerste rij"),
])
def test_files_that_cannot_be_read_get_a_clear_message(empty_scan, content, message):
    problems = refused(participants_import, empty_scan, content)
    assert len(problems) == 1
    assert problems[0].startswith(message)
    assert not Participant.objects.filter(scan=empty_scan).exists()


def test_a_bom_and_excel_semicolons_are_fine(empty_scan):
    content = "\ufeff" + "naam;organisatie;sector\nJosé Álvarez;Café De Hoek;overig\n"
    participants_import(empty_scan, content.encode("utf-8"))
    assert empty_scan.participants.get().display_name == "José Álvarez"


def test_answers_name_row_and_column_of_an_invalid_level(scan_t0):
    _scan, t0, people = scan_t0
    a, b, c = (p.display_name for p in people[:3])
    rows = [["respondent", "genoemd", "niveau", "vertrouwen", "waarde"],
            [a, b, "2", "", ""], [a, c, "3", "4", "1"], [b, a, "1", "", ""],
            [b, c, "0", "", ""], [c, a, "4", "", ""], [c, b, "5", "", ""]]
    problems = refused(answers_import, t0, csv_bytes(rows))
    expected = gettext("Row %(row)d, column '%(column)s': %(message)s") % {
        "row": 7, "column": "niveau",
        "message": gettext("%(value)s is not a valid level (0–4).") % {"value": "5"}}
    assert problems == [expected]
    assert not Answer.objects.exists() and not Submission.objects.exists()


def test_answers_refuse_unknown_people_duplicates_self_and_bad_scores(scan_t0):
    _scan, t0, people = scan_t0
    a, b = people[0].display_name, people[1].display_name
    rows = [["respondent", "genoemd", "niveau", "vertrouwen"],
            [a, "Onbekend Persoon", "2", ""],
            ["Niemand", b, "2", ""],
            [a, a, "2", ""],
            [a, b, "2", ""], [a.upper(), b, "3", ""],
            [b, a, "2", "7"]]
    problems = refused(answers_import, t0, csv_bytes(rows))
    assert [p.split(":")[0] for p in problems] == [
        ROW % (r, col)
        for r, col in ((2, "genoemd"), (3, "respondent"), (4, "genoemd"), (6, "genoemd"),
                       (7, "vertrouwen"))]
    assert "Onbekend Persoon" in problems[0]
    assert not Answer.objects.exists()


def test_answers_by_participant_number_and_an_ambiguous_name(scan_t0):
    scan, t0, people = scan_t0
    twin = services.participants_add(scan, [services.participant_build(
        scan, display_name=people[0].display_name, organisation_name="Andere praktijk",
        sector="gp")])[0]
    rows = [["respondent", "genoemd", "niveau"],
            [str(people[1].pk), people[0].display_name, "2"]]
    problems = refused(answers_import, t0, csv_bytes(rows))
    assert people[0].display_name in problems[0]
    rows[1][1] = str(twin.pk)
    answers_import(t0, csv_bytes(rows))
    assert Answer.objects.get().named == twin


def test_someone_who_answered_online_is_not_counted_twice(scan_t0):
    _scan, t0, people = scan_t0
    token = links_for(t0)[people[0].pk]
    services.survey_submit(token, [services.AnswerInput(people[1].pk, 3)], consent_named=True)
    rows = [["respondent", "genoemd", "niveau"],
            [people[0].display_name, people[1].display_name, "1"],
            [people[2].display_name, people[1].display_name, "1"]]
    problems = refused(answers_import, t0, csv_bytes(rows))
    assert len(problems) == 1 and problems[0].startswith(ROW % (2, "respondent"))
    assert Submission.objects.filter(moment=t0).count() == 1
    assert Answer.objects.get().level == 3


def test_a_closed_moment_takes_no_imports(scan_t0):
    _scan, t0, people = scan_t0
    services.moment_close(t0)
    rows = [["respondent", "genoemd", "niveau"],
            [people[0].display_name, people[1].display_name, "1"]]
    assert refused(answers_import, t0, csv_bytes(rows))
    assert not Answer.objects.exists()


# --- the published research networks through the import ----------------------------------

SECTOR_NAMES = ["gemeente", "vrijwilligers", "overig", "welzijn", "huisartsenzorg", "jeugd"]


def roster_csv(network, attribute: str) -> bytes:
    """Participants CSV: label as name; each attribute value becomes a sector (Dutch name)."""
    values = sorted(set(network.attributes[attribute]))
    sector = {v: SECTOR_NAMES[i] for i, v in enumerate(values)}
    rows = [["naam", "organisatie", "sector", "rol", "toestemming"]]
    rows += [[label, f"{network.name} {label}", sector[network.attributes[attribute][i]], "",
              "ja"] for i, label in enumerate(network.labels)]
    return csv_bytes(rows)


def answers_csv(network, relation: str, delimiter: str) -> bytes:
    """Every ordered pair: level 1 for a tie, 0 for none (so everyone is a respondent)."""
    matrix = network.relations[relation]
    rows = [["respondent", "genoemd", "niveau"]]
    rows += [[a, b, int(matrix[i, j])] for i, a in enumerate(network.labels)
             for j, b in enumerate(network.labels) if i != j]
    return csv_bytes(rows, delimiter)


def check_round_trip(network, relation: str, attribute: str, team, delimiter=","):
    scan = services.scan_create(team=team, name=f"{network.name} {relation}", area_codes=[],
                                user=None)
    participants_import(scan, roster_csv(network, attribute))
    moment = scan.moments.get()
    answers_import(moment, answers_csv(network, relation, delimiter))
    got = snapshot.core_scan(moment)
    expected = scan_from_relation(network, relation, attribute)
    pk_of = {p.display_name: str(p.pk) for p in scan.participants.all()}
    order = [got.index[pk_of[label]] for label in network.labels]
    assert np.array_equal(got.levels[np.ix_(order, order)], expected.levels)
    assert got.respondents == frozenset(pk_of.values())
    assert ladder_densities(got)[0].value == pytest.approx(ladder_densities(expected)[0].value)
    assert ladder_densities(got)[0].ties == int(network.relations[relation].sum()
                                               - np.trace(network.relations[relation]))
    by_sector = {}
    for label, person in zip(network.labels, (got.people[i] for i in order), strict=True):
        by_sector.setdefault(person.sector, set()).add(label)
    reference = {}
    for label, value in zip(network.labels, network.attributes[attribute], strict=True):
        reference.setdefault(value, set()).add(label)
    assert sorted(map(sorted, by_sector.values())) == sorted(map(sorted, reference.values()))


@pytest.mark.parametrize("relation", ["information", "money"])
def test_knoke_bureaucracies_survive_the_import(db, relation):
    network = read_knoke(network_path("knoke-bureaucracies", "knokbur.dat"))
    check_round_trip(network, relation, "sector", make_team(f"Knoke {relation}"))


@pytest.mark.parametrize("relation", ["advice", "friendship"])
def test_krackhardt_managers_survive_the_import(db, relation):
    network = read_krackhardt(network_path("krackhardt-hightech-managers"))
    check_round_trip(network, relation, "dept", make_team(f"Krackhardt {relation}"), ";")


def test_lazega_partners_survive_the_import(db):
    network = read_lazega(network_path("lazega-lawyers"))
    check_round_trip(network, "cowork", "office_name", make_team("Lazega"))
