"""Writes of SROI value maps: a map is saved whole, in one transaction, and only when the
arithmetic can use it (:func:`wijkkracht.stats.sroi.validate` finds nothing). Who changed it and
when is kept on the initiative; a value map holds no personal data, so no access-log entry."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from wijkkracht.accounts.models import Organisation, User
from wijkkracht.stats import sroi

from .models_sroi import SroiInitiative, SroiInput, SroiOutcome, SroiStakeholder
from .selectors_sroi import INPUT_FIELDS, OUTCOME_FIELDS, Row, build_value_map

HEAD_FIELDS = ("name", "description", "period", "discount_rate")


@transaction.atomic
def sroi_save(*, organisation: Organisation, initiative: SroiInitiative | None, head: Row,
              stakeholders: Sequence[Row], inputs: Sequence[Row], outcomes: Sequence[Row],
              user: User | None) -> SroiInitiative:
    """Create (``initiative`` None) or replace the whole value map of an initiative.

    Raises :class:`wijkkracht.stats.sroi.InvalidValueMap` (nothing saved) when the map cannot
    be computed. Rows are replaced, not merged: the form always sends the whole map.
    """
    problems = sroi.validate(build_value_map(head, stakeholders, inputs, outcomes))
    if problems:
        raise sroi.InvalidValueMap(problems)
    now = timezone.now()
    if initiative is None:
        initiative = SroiInitiative(organisation=organisation, created_by=user, created_at=now)
    else:
        # Lock the row: two people saving the same map at once end one after the other.
        initiative = SroiInitiative.objects.select_for_update().get(pk=initiative.pk)
    for name in HEAD_FIELDS:
        value = head.get(name)
        setattr(initiative, name, value if value is not None or name == "discount_rate"
                else "")
    initiative.updated_by, initiative.updated_at = user, now
    initiative.save()
    initiative.outcomes.all().delete()
    initiative.inputs.all().delete()
    initiative.stakeholders.all().delete()
    by_name = {}
    for position, s in enumerate(stakeholders, 1):
        by_name[s["name"]] = SroiStakeholder.objects.create(
            initiative=initiative, position=position, name=s["name"], kind=s["kind"])
    SroiInput.objects.bulk_create(
        SroiInput(initiative=initiative, position=position, **{
            f: by_name[row["stakeholder"]] if f == "stakeholder" else _value(row, f)
            for f in INPUT_FIELDS})
        for position, row in enumerate(inputs, 1))
    SroiOutcome.objects.bulk_create(
        SroiOutcome(initiative=initiative, position=position, **{
            f: by_name[row["stakeholder"]] if f == "stakeholder" else _value(row, f)
            for f in OUTCOME_FIELDS})
        for position, row in enumerate(outcomes, 1))
    return initiative


TEXT_FIELDS = {"description", "evidence", "indicator", "quantity_source", "indicator_code",
               "proxy_source", *(f"{a}_source" for a in sroi.ADJUSTMENTS),
               *(f"{a}_grade" for a in sroi.ADJUSTMENTS)}


def _value(row: Row, name: str):
    value = row.get(name)
    if value is None and name in TEXT_FIELDS:
        return ""
    return value
