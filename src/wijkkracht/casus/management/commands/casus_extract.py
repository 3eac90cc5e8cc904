"""``manage.py casus_extract --out FILE.csv``: the pseudonymised extract for research
(``casus.extract``); the file is readable by its owner only, the run is logged."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from wijkkracht.accounts.models import Organisation
from wijkkracht.casus.extract import build_extract, log_extract


class Command(BaseCommand):
    help = ("Schrijft een gepseudonimiseerd extract van de casussen (codes, maanden, scores; "
            "vrije tekst alleen na de-identificatie met deduce).")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--out", required=True, help="Het CSV-bestand om te schrijven.")
        parser.add_argument("--organisatie", type=int,
                            help="Alleen de casussen van de teams van deze organisatie (id).")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = None
        if options["organisatie"] is not None:
            organisation = Organisation.objects.filter(pk=options["organisatie"]).first()
            if organisation is None:
                raise CommandError("Die organisatie bestaat niet.")
        out = Path(options["out"])
        if out.exists():
            raise CommandError(f"{out} bestaat al; kies een nieuw bestand.")
        extract = build_extract(organisation)
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(extract.csv())
        log_extract(extract, organisation)
        note = "" if extract.free_text else " (vrije tekst weggelaten: deduce niet beschikbaar)"
        self.stdout.write(f"{len(extract.rows)} casussen geschreven naar {out}{note}.")
