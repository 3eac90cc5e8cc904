"""``wijkkracht manage casus_instrument_load FILE [--organisation NAME]``: an instrument (JSON)
into the database, for everyone or for one gemeente's own teams.

A loaded version is never changed; a changed instrument is loaded as a new version. All or
nothing: every problem in the file is reported, naming the field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wijkkracht.accounts.models import Organisation
from wijkkracht.casus.instruments import InstrumentError, load_instrument


def organisation_named(name: str | None) -> Organisation | None:
    if not name:
        return None
    found = Organisation.objects.filter(name=name).first()
    if found is None:
        raise CommandError(f"Er is geen organisatie met de naam '{name}'.", returncode=2)
    return found


class Command(BaseCommand):
    help = "Laadt een instrument (JSON: domeinen en niveaus) voor beoordelingen in casussen."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="het instrumentbestand (JSON)")
        parser.add_argument("--organisation", help="alleen voor de teams van deze organisatie "
                                                   "(naam); zonder: voor iedereen")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = organisation_named(options["organisation"])
        try:
            instrument = load_instrument(Path(options["path"]).read_bytes(), organisation)
        except OSError as exc:
            raise CommandError(f"Kan {options['path']} niet lezen: {exc.strerror}.",
                               returncode=2) from None
        except InstrumentError as exc:
            raise CommandError(str(exc), returncode=2) from None
        self.stdout.write(f"{instrument}: {instrument.domains.count()} domeinen geladen"
                          + (f" voor {organisation}." if organisation else " voor iedereen."))
