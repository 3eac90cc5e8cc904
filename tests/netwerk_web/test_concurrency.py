"""Two submissions of the same link at the same moment: one counts, the other is told the
survey was already filled in. Real threads on PostgreSQL (row locks); SQLite serialises
writers at BEGIN, so there the sequential tests in test_services.py cover the same rule."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from wijkkracht.netwerk import services
from wijkkracht.netwerk.models import Answer, Submission
from wijkkracht.netwerk.services import AnswerInput, SurveyError, SurveyProblem

from .conftest import links_for, make_scan, make_team

THREADS = 2


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submissions_count_once():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite has no row locks and serialises whole "
                    "transactions, so two threads cannot race there")
    _scan, t0, people = make_scan(make_team())
    token = links_for(t0)[people[0].pk]
    answers = [AnswerInput(p.pk, 3) for p in people[1:]]
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []

    def submit() -> None:
        try:
            barrier.wait()
            services.survey_submit(token, answers, consent_named=True)
            outcomes.append("counted")
        except SurveyError as exc:
            outcomes.append(exc.problem)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == sorted(["counted", SurveyProblem.ALREADY_USED])
    assert Submission.objects.filter(moment=t0).count() == 1
    assert Answer.objects.filter(moment=t0).count() == len(people) - 1
