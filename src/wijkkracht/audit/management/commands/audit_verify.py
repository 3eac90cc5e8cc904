"""``manage.py audit_verify``: check the hash chain of the access log; exit 1 when broken.

Output is Dutch on purpose: it is read by the functional administrators and the privacy
officer (FG) of the gemeente, from cron mail or a terminal, not through the translated UI.

Besides the chain itself it checks continuity with the head it anchored the last time, kept
outside the database (the anchor file, and ``--expect`` with a line an operator kept): a log
emptied and written anew is consistent in itself, but does not continue that head.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from wijkkracht.audit.services import (
    Problem,
    anchor_line,
    anchor_path,
    full_check,
    parse_anchor_line,
)

PROBLEM_NL = {
    Problem.HASH_MISMATCH: "de inhoud van record {sequence} is gewijzigd nadat het is "
                           "vastgelegd, of het is geschreven zonder de sleutel van het "
                           "toegangslog",
    Problem.LINK_MISMATCH: "record {sequence} sluit niet aan op het record ervoor",
    Problem.MISSING_RECORDS: "records vanaf {sequence} ontbreken, terwijl hun bewaartermijn "
                             "nog niet voorbij is",
    Problem.HEAD_MISMATCH: "de nieuwste records passen niet bij het einde van de keten "
                           "(vanaf record {sequence})",
    Problem.START_MISSING: "het begin van de keten ontbreekt of is gewijzigd (record "
                           "{sequence} hoort het oudste te zijn)",
    Problem.COUNT_MISMATCH: "het aantal records klopt niet met wat er is toegevoegd en na de "
                            "bewaartermijn is verwijderd",
    Problem.ANCHOR_MISMATCH: "de keten sluit niet aan op het einde dat bij de vorige controle "
                             "is vastgelegd (record {sequence}); het log is geleegd, "
                             "ingekort of opnieuw geschreven",
}


class Command(BaseCommand):
    help = "Controleert de hashketen van het toegangslog (NEN 7513); exitcode 1 als hij breekt."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--anchor", type=Path,
                            help="Ankerbestand (standaard WIJKKRACHT_AUDIT_ANCHOR, anders "
                                 "audit_anchor.json in de gegevensmap).")
        parser.add_argument("--expect", metavar="REGEL",
                            help="Een ankerregel van een eerdere controle ('sequence=... "
                                 "hash=... count=... purged=...') om tegen te controleren.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            expect = parse_anchor_line(options["expect"]) if options["expect"] else None
        except ValueError:
            raise CommandError("--expect is geen ankerregel van audit_verify.") from None
        path = options["anchor"] or anchor_path()
        result, anchor = full_check(anchor_file=path, expect=expect)
        if result.ok:
            last = f", laatste record {result.last_sequence}" if result.last_sequence else ""
            self.stdout.write(self.style.SUCCESS(
                f"Toegangslog in orde: {result.checked} records gecontroleerd{last}."))
            self.stdout.write(f"Anker (bewaar deze regel buiten de server; vastgelegd in "
                              f"{path}): {anchor_line(anchor)}")
            return
        why = PROBLEM_NL[result.reason].format(sequence=result.broken_sequence) \
            if result.reason else "onbekende fout"
        at = (f"gebroken bij record {result.broken_sequence}, "
              if result.broken_sequence is not None else "")
        self.stderr.write(self.style.ERROR(
            f"Toegangslog NIET in orde: {why} ({at}{result.checked} records gecontroleerd)."))
        raise SystemExit(1)
