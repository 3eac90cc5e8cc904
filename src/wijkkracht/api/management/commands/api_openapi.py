"""``manage.py api_openapi [--write | --check]``: the OpenAPI document generated from the code.

Without options it prints the document; ``--write`` replaces docs/openapi.json (in the
repository, settings.REPO_DIR), ``--check`` exits 1 when that file is out of date.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from wijkkracht.api.openapi import DOC_PATH, committed_path, openapi_text


class Command(BaseCommand):
    help = f"Toont, schrijft (--write) of controleert (--check) {DOC_PATH}."

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--write", action="store_true", help=f"schrijf {DOC_PATH}")
        group.add_argument("--check", action="store_true",
                           help=f"exitcode 1 als {DOC_PATH} verouderd is")

    def handle(self, *args: Any, **options: Any) -> None:
        text = openapi_text()
        path = committed_path()
        if options["write"]:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            self.stderr.write(f"{path} geschreven.")
        elif options["check"]:
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != text:
                self.stderr.write(f"{path} is verouderd; maak hem opnieuw met "
                                  "'manage.py api_openapi --write'.")
                raise SystemExit(1)
            self.stderr.write(f"{path} is actueel.")
        else:
            self.stdout.write(text, ending="")
