"""A scan's report keeps its picture layout: people stay where they were in earlier reports."""

from __future__ import annotations

from wijkkracht.netwerk import services
from wijkkracht.netwerk.models import NetwerkScan
from wijkkracht.netwerk.reports import scan_report
from wijkkracht.netwerk.services import AnswerInput

from .conftest import links_for


def test_no_answers_no_report(scan_t0):
    scan, _t0, _people = scan_t0
    assert scan_report(scan, anonymous=False, level=2) is None
    assert NetwerkScan.objects.get(pk=scan.pk).layout == {}


def test_the_layout_is_kept_and_newcomers_are_placed_around_it(scan_t0):
    scan, t0, people = scan_t0
    tokens = links_for(t0)
    for person in people[:3]:
        services.survey_submit(tokens[person.pk], [AnswerInput(other.pk, 2) for other in people
                                                   if other != person], consent_named=True)
    first = scan_report(scan, anonymous=False, level=2)
    stored = NetwerkScan.objects.get(pk=scan.pk).layout
    assert set(stored) == {str(p.pk) for p in people}
    assert first.positions == {k: tuple(v) for k, v in stored.items()}

    (newcomer,) = services.participants_add(scan, [services.participant_build(
        scan, display_name="Nina Nieuw", organisation_name="Buurtcentrum", sector="welfare")])
    services.moment_close(t0)
    t1 = services.moment_create(scan)
    links = links_for(t1)
    services.survey_submit(links[newcomer.pk], [AnswerInput(people[0].pk, 3)],
                           consent_named=True)
    scan.refresh_from_db()
    second = scan_report(scan, anonymous=False, level=2)
    for person, position in stored.items():
        assert second.positions[person] == tuple(position)  # nobody moved
    x, y = second.positions[str(newcomer.pk)]
    assert 0 <= x <= 1 and 0 <= y <= 1
    assert str(newcomer.pk) in NetwerkScan.objects.get(pk=scan.pk).layout
    # the anonymous report uses the same places but does not hand them out
    assert scan_report(scan, anonymous=True, level=2).positions == {}
