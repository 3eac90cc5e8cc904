"""``manage.py praktijk_digest`` (or ``wijkkracht manage praktijk_digest``): e-mail every member
who follows a learning network the new practices and answers since their last digest.

Meant for a daily or weekly cron job; a second run sends nothing twice. Without a mail server
(``WIJKKRACHT_SMTP_HOST``) it says so, sends nothing and exits with 2. Output is Dutch: the
functional administrators read it.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from wijkkracht.praktijk.services_network import NetworkError, digest_send


class Command(BaseCommand):
    help = ("Stuurt leden die een leernetwerk volgen een e-mail met de nieuwe praktijken en "
            "antwoorden sinds hun vorige e-mail.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true",
                            help="Alleen tonen wie een e-mail zou krijgen; niets versturen of "
                                 "opslaan.")
        parser.add_argument("--site", default="", metavar="URL",
                            help="Adres van Wijkkracht (bijv. https://wijkkracht.haarlem.nl) "
                                 "voor de links in de e-mail; zonder deze optie staat alleen "
                                 "het pad erin.")

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run = options["dry_run"]
        try:
            digests = digest_send(dry_run=dry_run, base_url=options["site"])
        except NetworkError as error:
            self.stderr.write(f"Fout: {error}")
            sys.exit(2)
        for digest in digests:
            verb = "zou sturen" if dry_run else "gestuurd"
            self.stdout.write(
                f"{verb}: {digest.member.user.username} ({digest.member.network.name}: "
                f"{len(digest.practices)} praktijken, {len(digest.answers)} antwoorden)")
        verb = "zouden worden verstuurd" if dry_run else "verstuurd"
        self.stdout.write(f"{len(digests)} e-mails {verb}.")
