"""``wijkkracht manage casus_level_descriptions_load CODE VERSION FILE --organisation NAME``:
a gemeente's own licensed criteria text (CSV: domein, niveau, tekst) for an instrument.

The text is shown only to the teams of that organisation. The file replaces what the
organisation loaded before for this instrument; all or nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import F, Q

from wijkkracht.casus.instruments import InstrumentError, ensure_shipped, load_level_descriptions
from wijkkracht.casus.models import Instrument

from .casus_instrument_load import organisation_named


class Command(BaseCommand):
    help = ("Laadt de eigen (gelicenseerde) beschrijvingen per domein en niveau van een "
            "instrument voor één organisatie (CSV met de kolommen domein, niveau, tekst).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="code van het instrument, bijvoorbeeld zrm")
        parser.add_argument("version", help="versie van het instrument, bijvoorbeeld 2017")
        parser.add_argument("path", type=Path, help="het CSV-bestand")
        parser.add_argument("--organisation", required=True,
                            help="de organisatie (naam) die de licentie heeft")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = organisation_named(options["organisation"])
        ensure_shipped()
        instrument = Instrument.objects.filter(
            Q(organisation__isnull=True) | Q(organisation=organisation),
            code=options["code"], version=options["version"],
        ).order_by(F("organisation").asc(nulls_last=True)).first()
        if instrument is None:
            raise CommandError(f"Instrument '{options['code']}' versie {options['version']} "
                               "bestaat niet.", returncode=2)
        try:
            count = load_level_descriptions(instrument, organisation, options["path"])
        except OSError as exc:
            raise CommandError(f"Kan {options['path']} niet lezen: {exc.strerror}.",
                               returncode=2) from None
        except InstrumentError as exc:
            raise CommandError(str(exc), returncode=2) from None
        self.stdout.write(f"{instrument}: {count} beschrijvingen geladen voor {organisation}.")
