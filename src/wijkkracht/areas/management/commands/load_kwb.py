"""``wijkkracht manage load_kwb FILE [--year] [--replace]``: a KWB year into the database.

The web's wijkfoto pages read their years from the database; this is how a beheerder loads
one (the demo does the same). Like ``wijkkracht data import`` it is all or nothing, and a file
that would leave a loaded year with fewer areas or gemeenten is refused unless ``--replace``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wijkkracht.areas.services import kwb_dataset_save
from wijkkracht.areas.sources.files import read_kwb_file
from wijkkracht.errors import WijkkrachtError


class Command(BaseCommand):
    help = "Laadt een KWB-bestand van CBS (CSV, XLSX of JSON) in de database van de website."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="het KWB-bestand")
        parser.add_argument("--year", type=int,
                            help="jaar van de cijfers, als het niet in de bestandsnaam staat")
        parser.add_argument("--replace", action="store_true",
                            help="een geladen jaar ook vervangen als er gebieden of gemeenten "
                                 "verdwijnen")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            table = read_kwb_file(options["path"], options["year"])
            ds = kwb_dataset_save(table, replace=options["replace"])
        except WijkkrachtError as exc:
            raise CommandError(str(exc), returncode=2) from None
        self.stdout.write(f"{ds.year}: {ds.areas} gebieden geladen uit {ds.source}.")
