"""``manage.py api_token_create USERNAME NAME``: make an API token and print it, once.

The token alone goes to stdout, so a script can capture it; the Dutch explanation goes to stderr.
Only its hash is stored: a lost token cannot be shown again, only revoked and replaced.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from wijkkracht.api.services import api_token_create


class Command(BaseCommand):
    help = "Maakt een API-token voor een gebruiker en toont het één keer."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="gebruikersnaam van de eigenaar")
        parser.add_argument("name", help="waarvoor het token is, bijvoorbeeld de koppeling")

    def handle(self, *args: Any, **options: Any) -> None:
        user_model = get_user_model()
        try:
            user = user_model._default_manager.get_by_natural_key(options["username"])
        except user_model.DoesNotExist:
            raise CommandError(f"Gebruiker '{options['username']}' bestaat niet.") from None
        if not user.is_active:
            raise CommandError(f"Gebruiker '{options['username']}' is niet actief.")
        name = options["name"].strip()
        if not name:
            raise CommandError("Geef het token een naam, bijvoorbeeld de koppeling die het "
                               "gebruikt.")
        api_token, token = api_token_create(user, name)
        self.stdout.write(token)
        self.stderr.write(f"API-token '{api_token.name}' voor {user.get_username()} gemaakt "
                          f"(begint met {api_token.prefix}). Bewaar het nu: het wordt niet "
                          "opnieuw getoond.")
