"""Every query parameter and CSV cell that holds a number, fed what visitors type (item 2).

"²" and a 5,000-digit string pass ``str.isdigit()`` and crash ``int()``; here they and
hypothesis's inventions go to every view that reads a number from the query string and to
every numeric column of the answers import: a clear 404/400 or a Dutch message, never a 500.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import KWB_2024, store_real_kwb
from wijkkracht.accounts.models import Membership
from wijkkracht.inputs.numbers import parse_int
from wijkkracht.netwerk import services
from wijkkracht.netwerk.imports import ANSWER_COLUMNS, CsvImportError, answers_import
from wijkkracht.netwerk.models import Answer, Submission

from .strategies import nasty_numbers

FIXTURES = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

# (path, query parameter that holds a number) for every view that reads one; the API's are
# parsed by its schema and included to prove that stays so.
WIJKFOTO_QUERIES = [
    ("/wijkfoto/", "jaar"),
    ("/wijkfoto/WK039210", "jaar"),
    ("/wijkfoto/WK039210.csv", "jaar"),
    ("/wijkfoto/WK039210.json", "jaar"),
    ("/wijkfoto/WK039210.pdf", "jaar"),
    ("/wijkfoto/GM0392/wijken", "jaar"),
    ("/api/v1/areas", "year"),
    ("/api/v1/areas", "page"),
    ("/api/v1/areas", "page_size"),
    ("/api/v1/areas/WK039210", "year"),
    ("/api/v1/wijkfoto/WK039210", "year"),
]
SHARP = ["²", "1" * 5000, "٣", "-1", "99999999999999999999"]  # each one a 500 before
NETWERK_QUERIES = [("/netwerkscan/{pk}/resultaten", "niveau"),
                   ("/netwerkscan/{pk}/resultaten.html", "niveau"),
                   ("/netwerkscan/{pk}/resultaten.csv", "niveau")]


@pytest.fixture
def loaded(db):
    store_real_kwb(KWB_2024)


def _no_server_error(response, path: str, raw: str) -> None:
    if response.status_code == 503:  # a real year that is not loaded (item 12 makes it a 404)
        assert parse_int(raw, minimum=1900, maximum=2999) is not None, (path, raw[:30])
        return
    assert response.status_code < 500, (path, raw[:30], response.status_code)
    assert b"Traceback" not in response.content


@pytest.mark.parametrize(("path", "param"), WIJKFOTO_QUERIES)
@pytest.mark.parametrize("raw", SHARP)
def test_public_numbers_in_the_query_are_never_a_500(client, loaded, path, param, raw):
    response = client.get(path, {param: raw})
    _no_server_error(response, path, raw)
    if path.startswith("/wijkfoto"):  # not a year: a 404 page (the API pages past the end)
        assert response.status_code == 404, (path, raw[:30], response.status_code)


def test_a_year_that_is_not_a_year_says_so_in_dutch(client, loaded):
    response = client.get("/wijkfoto/WK039210", {"jaar": "²"})
    assert response.status_code == 404
    response = client.get("/wijkfoto/WK039210", {"jaar": "2024"})
    assert response.status_code == 200


@FIXTURES
@given(raw=nasty_numbers, which=st.sampled_from(
    [q for q in WIJKFOTO_QUERIES if not q[0].endswith(".pdf")]))
def test_public_numbers_fuzzed(client, loaded, raw, which):
    path, param = which
    _no_server_error(client.get(path, {param: raw}), path, raw)


@pytest.fixture
def coordinator_with_answers(client, signed_in, scan_t0, coordinator):
    scan, moment, people = scan_t0
    for respondent in people[:3]:
        services.answers_save(moment, respondent, [
            services.AnswerInput(p.pk, 2, None, None) for p in people if p != respondent],
            source=Submission.Source.IMPORT)
    signed_in(coordinator)
    return scan, moment, people


@pytest.mark.parametrize(("path", "param"), NETWERK_QUERIES)
@pytest.mark.parametrize("raw", SHARP)
def test_the_results_level_is_never_a_500(client, coordinator_with_answers, path, param, raw):
    scan = coordinator_with_answers[0]
    url = path.format(pk=scan.pk)
    response = client.get(url, {param: raw})
    _no_server_error(response, url, raw)
    assert response.status_code == 200  # an unusable level shows the default level


@FIXTURES
@given(raw=nasty_numbers)
def test_the_results_level_fuzzed(client, coordinator_with_answers, raw):
    url = f"/netwerkscan/{coordinator_with_answers[0].pk}/resultaten"
    _no_server_error(client.get(url, {"niveau": raw}), url, raw)


@pytest.mark.parametrize("raw", ["99999999999999999999", "9" * 30, "1" * 5000])
def test_huge_ids_in_the_path_are_a_404(client, signed_in, coordinator, raw):
    signed_in(coordinator)
    for url in (f"/netwerkscan/{raw}/", f"/netwerkscan/{raw}/resultaten",
                f"/netwerkscan/meetmoment/{raw}/sluiten"):
        response = client.get(url)
        assert response.status_code == 404, (url[:40], response.status_code)


def _answers_file(people, column: str, raw: str) -> bytes:
    row = {"respondent": people[1].display_name, "genoemd": people[0].display_name,
           "niveau": "2", "vertrouwen": "", "waarde": ""}
    row[column] = raw
    cells = [row[c].replace('"', '""') for c in ANSWER_COLUMNS]
    return (",".join(ANSWER_COLUMNS) + "\n" + ",".join(f'"{c}"' for c in cells) + "\n"
            ).encode("utf-8")


@pytest.mark.parametrize("column", ["niveau", "vertrouwen", "waarde"])
@pytest.mark.parametrize("raw", [*SHARP, "1.0", "+1", "1\x00"])
def test_numeric_answer_cells_are_refused_by_row_and_column(scan_t0, column, raw):
    _scan, moment, people = scan_t0
    with pytest.raises(CsvImportError) as exc:
        answers_import(moment, _answers_file(people, column, raw))
    problems = exc.value.problems
    assert problems and all(p.row == 2 for p in problems)
    assert any(p.column == column for p in problems) or "\x00" in raw
    assert not Answer.objects.filter(moment=moment).exists()


@FIXTURES
@given(column=st.sampled_from(["niveau", "vertrouwen", "waarde"]), raw=nasty_numbers)
def test_numeric_answer_cells_fuzzed(scan_t0, column, raw):
    _scan, moment, people = scan_t0
    try:
        answers_import(moment, _answers_file(people, column, raw))
    except CsvImportError as exc:
        assert all(str(p) for p in exc.problems)
    else:  # only a real level (or an empty optional score) gets in
        answer = Answer.objects.get(moment=moment)
        assert 0 <= answer.level <= 4
        moment.submissions.all().delete()
        Answer.objects.filter(moment=moment).delete()


def test_the_answer_upload_page_shows_the_problem(client, signed_in, scan_t0, coordinator):
    _scan, moment, people = scan_t0
    signed_in(coordinator)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("a.csv", _answers_file(people, "niveau", "²"), "text/csv")
    response = client.post(f"/netwerkscan/meetmoment/{moment.pk}/antwoorden/import",
                           {"file": upload})
    assert response.status_code in (200, 400)
    assert "niveau" in response.content.decode()
    assert Membership.objects.exists()
