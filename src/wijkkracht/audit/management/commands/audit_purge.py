"""``manage.py audit_purge``: remove access-log records whose retention period has passed.

Meant for a daily cron job. Output is Dutch, like ``audit_verify``: it is read by the
functional administrators and the privacy officer.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from wijkkracht.audit.services import purge_expired


class Command(BaseCommand):
    help = ("Verwijdert records uit het toegangslog (NEN 7513) waarvan de bewaartermijn voorbij "
            "is.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true",
                            help="Alleen tellen, niets verwijderen.")

    def handle(self, *args: Any, **options: Any) -> None:
        count = purge_expired(dry_run=options["dry_run"])
        verb = "zou verwijderen" if options["dry_run"] else "verwijderd"
        self.stdout.write(f"Toegangslog: {count} records met een verlopen bewaartermijn {verb}.")
