"""``manage.py audit_verify``: check the hash chain of the access log; exit 1 when broken.

Output is Dutch on purpose: it is read by the functional administrators and the privacy
officer (FG) of the gemeente, from cron mail or a terminal, not through the translated UI.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from wijkkracht.audit.services import Problem, full_check

PROBLEM_NL = {
    Problem.HASH_MISMATCH: "de inhoud van record {sequence} is gewijzigd nadat het is "
                           "vastgelegd",
    Problem.LINK_MISMATCH: "record {sequence} sluit niet aan op het record ervoor",
    Problem.MISSING_RECORDS: "records vanaf {sequence} ontbreken, terwijl hun bewaartermijn "
                             "nog niet voorbij is",
    Problem.HEAD_MISMATCH: "de nieuwste records passen niet bij het einde van de keten "
                           "(vanaf record {sequence})",
}


class Command(BaseCommand):
    help = "Controleert de hashketen van het toegangslog (NEN 7513); exitcode 1 als hij breekt."

    def handle(self, *args: Any, **options: Any) -> None:
        result = full_check()
        if result.ok:
            last = f", laatste record {result.last_sequence}" if result.last_sequence else ""
            self.stdout.write(self.style.SUCCESS(
                f"Toegangslog in orde: {result.checked} records gecontroleerd{last}."))
            return
        why = PROBLEM_NL[result.reason].format(sequence=result.broken_sequence) \
            if result.reason else "onbekende fout"
        self.stderr.write(self.style.ERROR(
            f"Toegangslog NIET in orde: {why} (gebroken bij record {result.broken_sequence}, "
            f"{result.checked} records gecontroleerd)."))
        raise SystemExit(1)
