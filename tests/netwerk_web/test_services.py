"""The netwerkscan's services: links, one submission per person, withdrawal, the core mapping."""

from __future__ import annotations

import hashlib

import pytest
from django.db import IntegrityError, transaction

from wijkkracht.audit.models import ProcessingRecord
from wijkkracht.netwerk import services, snapshot
from wijkkracht.netwerk.core.levels import ladder_densities
from wijkkracht.netwerk.core.model import UNOBSERVED
from wijkkracht.netwerk.models import Answer, Invitation, Submission
from wijkkracht.netwerk.services import AnswerInput, SurveyError, SurveyProblem

from .conftest import expire, links_for, make_scan


def answer_all(moment, people, token, level=2, consent=False):
    me = services.survey_invitation(token).participant
    return services.survey_submit(
        token, [AnswerInput(p.pk, level) for p in people if p.pk != me.pk],
        consent_named=consent)


def test_a_scan_starts_with_moment_t0_and_moments_are_numbered(scan_t0, coordinator):
    scan, t0, people = scan_t0
    assert scan.area_codes == ["WK039210"] and t0.label == "T0" and len(people) == 5
    # T0 is still open: a second open moment is refused until the coordinator confirms
    with pytest.raises(services.MomentOverlap, match="T0"):
        services.moment_create(scan, user=coordinator)
    t1 = services.moment_create(scan, user=coordinator, allow_overlap=True)
    assert t1.label == "T1" and t1.accepts_answers()
    services.moment_close(t0)
    services.moment_close(t1)
    assert services.moment_create(scan, user=coordinator).label == "T2"


def test_a_scan_covers_only_its_teams_areas(team, coordinator):
    with pytest.raises(services.NetwerkInputError):
        services.scan_create(team=team, name="Te groot", area_codes=["WK039299"],
                             user=coordinator)


def test_links_are_kept_only_as_a_hash(scan_t0):
    _scan, t0, people = scan_t0
    tokens = links_for(t0)
    assert set(tokens) == {p.pk for p in people}
    for pk, token in tokens.items():
        invitation = Invitation.objects.get(moment=t0, participant_id=pk)
        assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert token not in invitation.token_hash
    assert links_for(t0) == {}  # a second run makes no new links...


def test_replacing_links_invalidates_the_old_ones_but_not_used_ones(scan_t0):
    _scan, t0, people = scan_t0
    old = links_for(t0)
    answer_all(t0, people, old[people[0].pk])
    new = {link.participant.pk: link.token
           for link in services.invitations_issue(t0, replace=True)}
    assert set(new) == {p.pk for p in people[1:]}  # who answered gets no new link
    with pytest.raises(SurveyError) as exc:
        services.survey_invitation(old[people[1].pk])
    assert exc.value.problem == SurveyProblem.NOT_FOUND and exc.value.status == 404
    assert services.survey_invitation(new[people[1].pk]).participant == people[1]


def test_a_survey_counts_once_and_the_second_submission_is_refused(scan_t0):
    _scan, t0, people = scan_t0
    token = links_for(t0)[people[0].pk]
    answer_all(t0, people, token, level=3)
    with pytest.raises(SurveyError) as exc:
        answer_all(t0, people, token, level=1)
    assert exc.value.problem == SurveyProblem.ALREADY_USED and exc.value.status == 409
    assert Submission.objects.filter(moment=t0).count() == 1
    assert list(Answer.objects.filter(moment=t0).values_list("level", flat=True)) == [3] * 4


def test_the_unique_submission_row_refuses_a_second_count_of_the_same_person(scan_t0):
    _scan, t0, people = scan_t0
    services.answers_save(t0, people[0], [AnswerInput(people[1].pk, 2)],
                          source=Submission.Source.IMPORT)
    with pytest.raises(IntegrityError), transaction.atomic():
        services.answers_save(t0, people[0], [AnswerInput(people[1].pk, 4)],
                              source=Submission.Source.IMPORT)
    assert Answer.objects.get(moment=t0).level == 2


def test_expired_closed_and_unknown_links_write_nothing(scan_t0, coordinator):
    scan, t0, people = scan_t0
    tokens = links_for(t0)
    with pytest.raises(SurveyError) as exc:
        answer_all(t0, people, "x" * 43)
    assert exc.value.status == 404
    services.moment_close(t0, user=coordinator)
    with pytest.raises(SurveyError) as exc:
        services.survey_submit(tokens[people[0].pk], [AnswerInput(people[1].pk, 2)],
                               consent_named=True)
    assert exc.value.problem == SurveyProblem.CLOSED and exc.value.status == 410
    t1 = services.moment_create(scan)
    t1_tokens = links_for(t1)
    expire(t1)
    with pytest.raises(SurveyError) as exc:
        services.survey_submit(t1_tokens[people[0].pk], [AnswerInput(people[1].pk, 2)],
                               consent_named=True)
    assert exc.value.status == 410
    assert not Submission.objects.exists() and not Answer.objects.exists()


def test_an_expired_link_of_an_open_moment_says_expired(scan_t0):
    _scan, t0, people = scan_t0
    token = links_for(t0)[people[0].pk]
    Invitation.objects.filter(moment=t0).update(expires_at=t0.opens_at)
    with pytest.raises(SurveyError) as exc:
        services.survey_invitation(token)
    assert exc.value.problem == SurveyProblem.EXPIRED and exc.value.status == 410


def test_answers_about_someone_off_the_roster_are_refused(scan_t0, team):
    _scan, t0, people = scan_t0
    _other_scan, _m, strangers = make_scan(team)
    token = links_for(t0)[people[0].pk]
    for bad in ([AnswerInput(strangers[0].pk, 2)], [AnswerInput(people[0].pk, 2)],
                [AnswerInput(people[1].pk, 2), AnswerInput(people[1].pk, 3)],
                [AnswerInput(people[1].pk, 5)], [AnswerInput(people[1].pk, 2, trust=9)]):
        with pytest.raises(services.NetwerkInputError):
            services.survey_submit(token, bad, consent_named=False)
    assert not Submission.objects.exists()
    assert services.survey_invitation(token)  # still usable


def test_withdrawal_removes_answers_by_and_about_the_person_in_every_moment(scan_t0):
    scan, t0, people = scan_t0
    leaver = people[1]
    tokens = links_for(t0)
    for p in people[:3]:
        answer_all(t0, people, tokens[p.pk])
    t1 = services.moment_create(scan, allow_overlap=True)
    t1_tokens = links_for(t1)
    answer_all(t1, people, t1_tokens[people[0].pk])
    services.survey_withdraw(t1_tokens[leaver.pk])
    leaver.refresh_from_db()
    assert leaver.is_withdrawn and leaver.display_name == "" and leaver.organisation_name == ""
    assert not Answer.objects.filter(respondent=leaver).exists()
    assert not Answer.objects.filter(named=leaver).exists()
    assert not Submission.objects.filter(respondent=leaver).exists()
    assert Answer.objects.filter(moment=t0).count() == 2 * 3  # two respondents left, 3 others
    core = snapshot.core_scan(t0)
    assert str(leaver.pk) not in core.ids and len(core.people) == 4
    with pytest.raises(SurveyError) as exc:
        services.survey_invitation(tokens[leaver.pk])
    assert exc.value.problem == SurveyProblem.WITHDRAWN


def test_core_scan_never_imputes_non_response(scan_t0):
    _scan, t0, people = scan_t0
    tokens = links_for(t0)
    first, second, silent = people[0], people[1], people[2]
    services.survey_submit(tokens[first.pk], [AnswerInput(second.pk, 4, trust=3, value=2)],
                           consent_named=True)
    services.survey_submit(tokens[second.pk], [], consent_named=False)  # knows nobody
    core = snapshot.core_scan(t0)
    assert core.respondents == {str(first.pk), str(second.pk)}
    row = core.levels[core.index[str(silent.pk)]]
    assert (row == UNOBSERVED).all()  # unobserved, not "ken ik niet"
    assert core.level(str(second.pk), str(first.pk)) == 0  # a respondent's blank is level 0
    assert core.level(str(silent.pk), str(first.pk)) is None
    answer = core.answers[(str(first.pk), str(second.pk))]
    assert (answer.level, answer.trust, answer.value) == (4, (3,), (2,))
    density = ladder_densities(core)[0]
    assert density.cells == 2 * 4 and density.ties == 1


def test_someone_who_joins_later_is_unobserved_for_those_who_answered_before(scan_t0):
    scan, t0, people = scan_t0
    tokens = links_for(t0)
    early, later = people[0], people[1]
    services.survey_submit(tokens[early.pk], [AnswerInput(later.pk, 2)], consent_named=True)
    (newcomer,) = services.participants_add(scan, [services.participant_build(
        scan, display_name="Nina Nieuw", organisation_name="Buurtcentrum", sector="welfare")])
    services.survey_submit(tokens[later.pk], [], consent_named=False)
    core = snapshot.core_scan(t0)
    assert str(newcomer.pk) in core.ids
    # early never saw Nina on the list; later did and left her blank
    assert core.level(str(early.pk), str(newcomer.pk)) is None
    assert core.level(str(later.pk), str(newcomer.pk)) == 0
    assert core.level(str(early.pk), str(later.pk)) == 2
    density = ladder_densities(core)[0]
    assert density.cells == (len(people) - 1) + len(people) and density.ties == 1

    services.moment_close(t0)
    t0.refresh_from_db()
    services.participants_add(scan, [services.participant_build(
        scan, display_name="Piet Later", organisation_name="Corporatie", sector="housing")])
    assert len(snapshot.core_scan(t0).people) == len(people) + 1  # not on a closed roster


def test_names_only_with_consent_else_a_stable_pseudonym(scan_t0):
    _scan, t0, people = scan_t0
    core = snapshot.core_scan(t0)
    names = {p.id: p.name for p in core.people}
    assert names[str(people[0].pk)] == "Anouk de Vries"  # consented
    welfare = snapshot.sector_label("welfare")
    assert names[str(people[3].pk)] == f"{welfare} 1"
    assert names[str(people[4].pk)] == f"{welfare} 2"
    assert {p.organisation for p in core.people if p.id == str(people[3].pk)} == {""}
    services.participant_withdraw(people[3])
    names = {p.id: p.name for p in snapshot.core_scan(t0).people}
    assert names[str(people[4].pk)] == f"{welfare} 2"  # numbering does not shift


def test_consent_given_in_the_survey_is_stored(scan_t0):
    _scan, t0, people = scan_t0
    person = people[1]
    assert not person.consent_named
    answer_all(t0, people, links_for(t0)[person.pk], consent=True)
    person.refresh_from_db()
    assert person.consent_named


def test_writes_are_logged_by_invitation_id_never_by_token(scan_t0):
    _scan, t0, people = scan_t0
    tokens = links_for(t0)
    token = tokens[people[0].pk]
    answer_all(t0, people, token)
    services.survey_withdraw(tokens[people[1].pk])
    invitation = Invitation.objects.get(token_hash=services.hash_token(token))
    records = list(ProcessingRecord.objects.filter(activity="netwerkscan"))
    operations = {r.operation for r in records}
    assert {"scan_create", "moment_create", "participants_add", "invitations_issue",
            "survey_submit", "participant_withdraw"} <= operations
    submit = next(r for r in records if r.operation == "survey_submit")
    assert (submit.subject_type, submit.subject_id) == ("netwerk_invitation",
                                                        str(invitation.pk))
    stored = " ".join(str(f.value_from_object(r)) for r in records
                      for f in r._meta.concrete_fields)
    assert not any(t in stored for t in tokens.values())
    assert not any(t[:16] in stored for t in tokens.values())


def test_the_anonymous_core_scan_holds_no_name_at_all(scan_t0):
    _scan, t0, people = scan_t0
    core = snapshot.core_scan(t0, named=False)
    assert not {p.display_name for p in people} & {p.name for p in core.people}
    assert {p.organisation for p in core.people} == {""}
    assert snapshot.core_scan(t0).people[0].name == "Anouk de Vries"
