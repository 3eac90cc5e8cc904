"""``manage.py casus_retention``: delete or anonymise closed cases past their gemeente's
retention period (``CasePolicy``). Meant for a daily cron job; ``--dry-run`` only counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from wijkkracht.accounts.models import Organisation
from wijkkracht.casus.retention import apply_retention


class Command(BaseCommand):
    help = ("Verwijdert of anonimiseert afgesloten casussen waarvan de bewaartermijn van de "
            "gemeente voorbij is.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true",
                            help="Alleen tellen, niets veranderen.")
        parser.add_argument("--today", help="Rekenen alsof het vandaag deze datum is "
                                            "(JJJJ-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError("--today: geef een datum als JJJJ-MM-DD.") from exc
        result = apply_retention(today, dry_run=options["dry_run"])
        names = dict(Organisation.objects.filter(pk__in=result.counts).values_list("pk",
                                                                                   "name"))
        verb = "zou" if result.dry_run else ""
        for pk, counts in result.counts.items():
            self.stdout.write(f"{names.get(pk, pk)}: {counts['deleted']} casussen "
                              f"{'zou verwijderen' if verb else 'verwijderd'}, "
                              f"{counts['anonymised']} "
                              f"{'zou anonimiseren' if verb else 'geanonimiseerd'}, "
                              f"{counts['households']} huishoudens "
                              f"{'zou verwijderen' if verb else 'verwijderd'}.")
        if not result.counts:
            self.stdout.write("Geen casussen.")
