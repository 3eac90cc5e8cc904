"""``manage.py casus_policy ORGANISATIE``: show or set what a gemeente decides for its teams'
cases: whether the BSN is recorded, the retention period after closure, and whether a case is
then deleted or anonymised. A change is written to the access log (codes and numbers only)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from wijkkracht.accounts.models import Organisation
from wijkkracht.audit import services as audit
from wijkkracht.audit.models import Action
from wijkkracht.casus.models import CasePolicy
from wijkkracht.inputs.numbers import parse_int

SWITCH = {"aan": True, "on": True, "uit": False, "off": False}


class Command(BaseCommand):
    help = ("Toont of wijzigt het casusbeleid van een organisatie: BSN vastleggen, "
            "bewaartermijn en verwijderen of anonimiseren.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("organisation", help="Naam van de organisatie (gemeente).")
        parser.add_argument("--bsn", choices=sorted(SWITCH),
                            help="BSN vastleggen: aan of uit (alleen met een wettelijke "
                                 "grondslag).")
        parser.add_argument("--bewaartermijn", dest="days",
                            help="Dagen na afsluiten dat een casus bewaard blijft.")
        parser.add_argument("--daarna", dest="after", choices=CasePolicy.AfterRetention.values,
                            help="Wat er na de bewaartermijn gebeurt.")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(name=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"Geen organisatie met de naam {options['organisation']!r}.")
        policy, _created = CasePolicy.objects.get_or_create(organisation=organisation)
        changed = []
        if options["bsn"] is not None:
            policy.bsn_enabled = SWITCH[options["bsn"]]
            changed.append("bsn")
        if options["days"] is not None:
            days = parse_int(options["days"])
            if days is None or not 1 <= days <= 365 * 30:
                raise CommandError("--bewaartermijn: geef een aantal dagen van 1 tot 10950.")
            policy.retention_days = days
            changed.append("retention")
        if options["after"] is not None:
            policy.after_retention = options["after"]
            changed.append("after")
        if changed:
            policy.full_clean()
            policy.save()
            audit.record(activity="administration", operation="case_policy",
                         action=Action.UPDATE, subject_type="organisation",
                         subject_id=organisation.pk, detail="_".join(changed))
        self.stdout.write(
            f"{organisation.name}: BSN {'aan' if policy.bsn_enabled else 'uit'}, bewaartermijn "
            f"{policy.retention_days} dagen, daarna {policy.get_after_retention_display()}.")
