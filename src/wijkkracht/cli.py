"""The ``wijkkracht`` command: a thin layer over the packages; every error is one Dutch line."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

import click
from django.core.exceptions import ImproperlyConfigured

from wijkkracht import __version__
from wijkkracht.errors import WijkkrachtError

FORMATS = ("json", "html", "pdf", "csv")
MIGRATE_LOCK = 0x77696A6B  # "wijk": the advisory lock that keeps migrations one at a time


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"Fout: {message}", err=True)
    sys.exit(code)


class Group(click.Group):
    """Turns a WijkkrachtError into one line and exit code 2, anything else into a short bug
    report without a stack trace (unless WIJKKRACHT_DEBUG is set)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except WijkkrachtError as exc:
            _fail(str(exc))
        except ImproperlyConfigured as exc:  # a setting missing or wrong: name it
            _fail(f"instellingen: {exc}", 1)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            _fail("afgebroken; er is niets weggeschreven.", 130)
        except Exception as exc:
            if os.environ.get("WIJKKRACHT_DEBUG"):
                raise
            _fail(f"onverwachte fout ({type(exc).__name__}); er is niets weggeschreven. Meld dit "
                  "bij de beheerders van Wijkkracht.", 1)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wijkkracht")
def main() -> None:
    """Wijkkracht: wijkfoto's en overzichten uit CBS-kerncijfers."""


@main.group()
def data() -> None:
    """CBS-kerncijfers importeren, downloaden en bekijken."""


@data.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--year", type=int,
              help="Jaar van de cijfers, als het niet in de bestandsnaam staat.")
@click.option("--replace", is_flag=True,
              help="Een opgeslagen jaar ook vervangen als er gebieden of gemeenten verdwijnen.")
def data_import(path: Path, year: int | None, replace: bool) -> None:
    """Een KWB-bestand van CBS (CSV, XLSX of JSON) in de lokale opslag zetten."""
    from wijkkracht.areas.sources.files import read_kwb_file
    from wijkkracht.areas.store import save_table

    with click.progressbar(length=1, label=f"{path.name} lezen", file=sys.stderr) as bar:
        table = read_kwb_file(path, year, progress=lambda done, total: _advance(bar, done, total))
    target = save_table(table, replace=replace)
    click.echo(_summary(table) + f"; opgeslagen in {target}.")


def _advance(bar, done: int, total: int) -> None:
    bar.length = max(total, 1)
    bar.update(done - bar.pos)


def _summary(table) -> str:
    counts = table.frame["level"].value_counts()
    n = {row["level"]: row["count"] for row in counts.to_dicts()}
    return (f"{table.year}: {table.frame.height} gebieden ({n.get('GM', 0)} gemeenten, "
            f"{n.get('WK', 0)} wijken, {n.get('BU', 0)} buurten), {len(table.field_ids)} "
            f"kenmerken uit {table.source}")


@data.command("download")
@click.option("--year", type=int, required=True, help="Jaar, bijvoorbeeld 2024.")
@click.option("--replace", is_flag=True,
              help="Een opgeslagen jaar ook vervangen als er gebieden of gemeenten verdwijnen.")
def data_download(year: int, replace: bool) -> None:
    """Kerncijfers van een jaar downloaden bij CBS (open data, internet nodig)."""
    from wijkkracht.areas.sources.odata import download_year, table_id_for
    from wijkkracht.areas.store import save_table

    table_id_for(year)
    click.echo(f"Downloaden van CBS-tabel voor {year} ...", err=True)
    table = download_year(year, progress=lambda n: click.echo(f"  {n} gebieden", err=True))
    target = save_table(table, replace=replace)
    click.echo(_summary(table) + f"; opgeslagen in {target}.")


@data.command("list")
def data_list() -> None:
    """Laten zien welke jaren er in de lokale opslag staan."""
    from wijkkracht.areas.store import kwb_dir, store_summary

    rows = store_summary()
    if not rows:
        click.echo(f"Nog geen kerncijfers in {kwb_dir()}.")
        return
    for r in rows:
        click.echo(f"{r['year']}: {r.get('areas', '?')} gebieden, bron {r.get('source', '?')}")


@main.group()
def areas() -> None:
    """Gebieden (gemeenten, wijken, buurten) opzoeken."""


DATA_OPTION = click.option("--data", "data_path", type=click.Path(path_type=Path),
                           help="Een KWB-bestand gebruiken in plaats van de lokale opslag.")
YEAR_OPTION = click.option("--year", type=int,
                           help="Jaar van de kerncijfers (standaard: nieuwste).")


@areas.command("search")
@click.argument("text")
@YEAR_OPTION
@DATA_OPTION
def areas_search(text: str, year: int | None, data_path: Path | None) -> None:
    """Gebieden zoeken op naam of code."""
    from wijkkracht.areas.datasets import load_kwb
    from wijkkracht.areas.registry import search_areas

    table = load_kwb(data_path, year)
    hits = search_areas(table, text)
    if not hits:
        raise WijkkrachtError(f"Geen gebied gevonden voor '{text}' in {table.year}.")
    for a in hits:
        click.echo(f"{a.code}\t{a.name}\t{a.level}\t{a.gemeente_name}")


@main.command()
@click.argument("area")
@YEAR_OPTION
@click.option("--data", "data_paths", type=click.Path(path_type=Path), multiple=True,
              help="KWB-bestand in plaats van de lokale opslag; herhaal voor meer jaren (elk "
                   "kenmerk komt dan uit het laatste jaar met een cijfer).")
@click.option("--compare", type=click.Choice(["gemeente", "nl"]),
              help="Waarmee de samenvatting vergelijkt (standaard: gemeente; bij een gemeente nl).")
@click.option("--trend-from", "trend_from", type=int,
              help="Ook de verandering sinds dit jaar tonen (uit de lokale opslag).")
@click.option("--trend-data", type=click.Path(path_type=Path),
              help="Bestand met de cijfers van het eerdere jaar, voor de verandering.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="html", show_default=True)
@click.option("--out", type=click.Path(path_type=Path),
              help="Uitvoerbestand (standaard: wijkfoto-CODE-JAAR.EXT; '-' voor JSON op scherm).")
def wijkfoto(area: str, year: int | None, data_paths: tuple[Path, ...], compare: str | None,
             trend_from: int | None, trend_data: Path | None, fmt: str, out: Path | None) -> None:
    """De wijkfoto van een gemeente, wijk of buurt (CBS-code of naam)."""
    from wijkkracht.areas.datasets import load_kwb
    from wijkkracht.areas.registry import name_alternatives
    from wijkkracht.wijkfoto.services import load_years, make_wijkfoto, render, write_atomic

    tables = load_years(data_paths, year)
    table = max(tables, key=lambda t: t.year)
    earlier = None
    if trend_data is not None or trend_from is not None:
        earlier = load_kwb(trend_data, trend_from)
        if earlier.year >= table.year:
            raise WijkkrachtError(f"Het eerdere jaar ({earlier.year}) moet voor {table.year} "
                                  "liggen.")
    w = make_wijkfoto(tables, area, compare, earlier)
    payload = render(w, fmt)
    if out is not None and str(out) == "-":
        if fmt == "pdf":
            raise WijkkrachtError("Een PDF kan niet naar het scherm; geef --out BESTAND.pdf op.")
        click.echo(payload)
        return
    out = out or Path(f"wijkfoto-{w.area.code}-{w.year}.{fmt}")
    write_atomic(out, payload)
    click.echo(f"Wijkfoto van {w.area.describe()} ({w.year}) geschreven naar {out}.")
    if w.narrative:
        click.echo(w.narrative[0].split(". ")[0] + ".")
    others = name_alternatives(table, w.area, area)
    if others:
        click.echo("Let op: deze naam hoort ook bij " + "; ".join(a.describe() for a in others[:5])
                   + ". Geef de CBS-code op om een ander gebied te kiezen.", err=True)


@main.command()
@click.argument("gemeente")
@YEAR_OPTION
@DATA_OPTION
@click.option("--format", "fmt", type=click.Choice(["html", "csv"]), default="html",
              show_default=True)
@click.option("--out", type=click.Path(path_type=Path), help="Uitvoerbestand.")
def overzicht(gemeente: str, year: int | None, data_path: Path | None, fmt: str,
              out: Path | None) -> None:
    """Alle wijken van een gemeente naast elkaar, als heatmap (HTML) of tabel (CSV)."""
    from wijkkracht.areas.datasets import load_kwb
    from wijkkracht.wijkfoto.services import make_overview, render_overview, write_atomic

    table = load_kwb(data_path, year)
    ov = make_overview(table, gemeente)
    out = out or Path(f"overzicht-{ov.gemeente.code}-{ov.year}.{fmt}")
    write_atomic(out, render_overview(ov, fmt))
    click.echo(f"Overzicht van {len(ov.rows)} wijken van {ov.gemeente.name} ({ov.year}) "
               f"geschreven naar {out}.")


@main.group()
def kaart() -> None:
    """De sociale kaart inlezen en uitvoeren (Open Referral HSDS 3)."""


@kaart.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--schemas", "schemas", type=click.Path(path_type=Path, file_okay=False),
              help="Map met de HSDS 3-JSON-schema's om tegen te controleren (de map 'schema' "
                   "van de specificatie). Zonder deze optie: alleen onze eigen controles.")
def kaart_import(path: Path, schemas: Path | None) -> None:
    """De sociale kaart inlezen: HSDS 3-JSON, een HSDS-datapakket (map of .zip) of een
    ingevuld sjabloon (.xlsx of .csv). Alles of niets, bijwerken op id."""
    _django()
    from wijkkracht.kaart.services import import_file

    result = import_file(path, schemas)
    created = sum(result.created.values())
    updated = sum(result.updated.values())
    click.echo(f"{result.services} diensten ingelezen uit {path} ({created} records nieuw, "
               f"{updated} bijgewerkt).")


@kaart.command("export")
@click.option("--format", "fmt", type=click.Choice(["hsds-json", "datapackage", "xlsx", "csv"]),
              default="hsds-json", show_default=True,
              help="Uitvoerformaat: HSDS 3-JSON, HSDS-datapakket (map, of .zip als de naam "
                   "daarop eindigt) of het sjabloon als spreadsheet.")
@click.option("--output", "--out", "out", type=click.Path(path_type=Path),
              help="Bestand of map om naar te schrijven; zonder deze optie gaat HSDS-JSON "
                   "naar het scherm.")
def kaart_export(fmt: str, out: Path | None) -> None:
    """De sociale kaart uitvoeren."""
    _django()
    from wijkkracht.kaart.services import export_to

    if out is None:
        if fmt != "hsds-json":
            raise WijkkrachtError(f"geef met --output aan waar het {fmt}-bestand heen moet.")
        from wijkkracht.kaart.hsds.exporter import write_services

        write_services(sys.stdout)
        return
    count = export_to(fmt, out)
    click.echo(f"Sociale kaart ({count} diensten) geschreven naar {out}.", err=True)


@kaart.command("template")
@click.option("--format", "fmt", type=click.Choice(["xlsx", "csv"]), default="xlsx",
              show_default=True, help="Spreadsheet (.xlsx) of CSV met puntkomma's.")
@click.option("--output", "--out", "out", type=click.Path(path_type=Path, dir_okay=False),
              help="Bestand om naar te schrijven (standaard sociale-kaart-sjabloon.<format>).")
def kaart_template(fmt: str, out: Path | None) -> None:
    """Een leeg sjabloon voor de sociale kaart in Excel, met uitleg per kolom."""
    _django()
    from wijkkracht.kaart.services import write_template

    out = out or Path(f"sociale-kaart-sjabloon.{fmt}")
    write_template(out, fmt)
    click.echo(f"Sjabloon geschreven naar {out}.", err=True)


@kaart.group("behoeften")
def kaart_needs() -> None:
    """De behoeftentaxonomie van de zoekfunctie: uitvoeren om te bewerken, en weer inlezen."""


@kaart_needs.command("export")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False),
              help="Bestand om naar te schrijven; zonder deze optie naar het scherm.")
def kaart_needs_export(out: Path | None) -> None:
    """De behoeftentaxonomie die nu gebruikt wordt, als JSON."""
    _django()
    from wijkkracht.kaart.services import need_taxonomy_json

    text = need_taxonomy_json()
    if out is None:
        click.echo(text, nl=False)
        return
    from wijkkracht.wijkfoto.services import write_atomic

    write_atomic(out, text)
    click.echo(f"Behoeftentaxonomie geschreven naar {out}.", err=True)


@kaart_needs.command("tellingen")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False),
              help="CSV-bestand om naar te schrijven; zonder deze optie naar het scherm.")
def kaart_needs_counts(out: Path | None) -> None:
    """Wat zoekvragen niet begrepen, en welk onderwerp mensen daarna kozen: alleen tellingen
    per maand (woorden pas vanaf 5 keer), om te delen voor een betere taxonomie."""
    _django()
    from wijkkracht.kaart.search_tally import counts_csv

    text = counts_csv()
    if out is None:
        click.echo(text, nl=False)
        return
    from wijkkracht.wijkfoto.services import write_atomic

    write_atomic(out, text)
    click.echo(f"Zoektellingen geschreven naar {out}.", err=True)


@kaart_needs.command("import")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
def kaart_needs_import(path: Path) -> None:
    """Een bewerkte behoeftentaxonomie inlezen (alles of niets) en de kaart opnieuw indexeren."""
    _django()
    from wijkkracht.errors import WijkkrachtError
    from wijkkracht.kaart.services import save_need_taxonomy

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise WijkkrachtError(f"{path} kan niet worden gelezen.") from exc
    needs = save_need_taxonomy(text, note=f"ingelezen uit {path.name}")
    click.echo(f"Behoeftentaxonomie met {needs} behoeften ingelezen; de kaart is opnieuw "
               "geïndexeerd.")
@kaart.command("remind")
@click.option("--dry-run", is_flag=True,
              help="Alleen tonen wie een herinnering zou krijgen; niets versturen of opslaan.")
@click.option("--site", default="", metavar="URL",
              help="Adres van Wijkkracht (bijv. https://wijkkracht.haarlem.nl) voor de link "
                   "in de e-mail; zonder deze optie staat alleen het pad erin.")
def kaart_remind(dry_run: bool, site: str) -> None:
    """Beheerders van diensten die 12 maanden niet zijn gecontroleerd een e-mail sturen (een
    keer per maand; een tweede keer in dezelfde maand verstuurt niets)."""
    _django()
    from wijkkracht.kaart.services_workflow import send_reminders

    reminders = send_reminders(dry_run=dry_run, base_url=site)
    for reminder in reminders:
        click.echo(f"{'zou herinneren' if dry_run else 'herinnerd'}: {reminder.keeper.username} "
                   f"({len(reminder.services)} diensten)")
    verb = "zouden worden verstuurd" if dry_run else "verstuurd"
    click.echo(f"{len(reminders)} herinneringen {verb}.")


@kaart.command("keeper")
@click.argument("username")
@click.option("--service", "services", multiple=True, metavar="ID",
              help="Id (UUID) van een dienst; mag vaker.")
@click.option("--organization", "organizations", multiple=True, metavar="ID",
              help="Id (UUID) van een organisatie: al haar diensten; mag vaker.")
def kaart_keeper(username: str, services: tuple[str, ...],
                 organizations: tuple[str, ...]) -> None:
    """Een gebruiker beheerder maken van diensten (bijv. het account van een aanbieder)."""
    if not services and not organizations:
        _fail("geef --service of --organization op.")
    _django()
    from wijkkracht.kaart.services_workflow import assign_keeper

    count = assign_keeper(username, service_ids=list(services),
                          organization_ids=list(organizations))
    click.echo(f"{username} beheert nu {count} diensten.")


def _django(migrate: bool = True) -> None:
    """Set Django up and bring the database to this version (not for backup and restore: they
    take and put back the database as it is)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkkracht.conf.settings")
    import django

    django.setup()
    if migrate:
        _migrate()


def _migrate() -> None:
    from django.core.management import call_command

    with _one_at_a_time():
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)  # the shared cache (CACHES)
        from wijkkracht.kaart.indexing import refresh_if_stale

        if (count := refresh_if_stale()) is not None:
            click.echo(f"De zoekindex van de sociale kaart is vernieuwd ({count} diensten).")


@contextmanager
def _one_at_a_time():
    """Servers and workers that start together on one PostgreSQL migrate one after the other
    (a session advisory lock); the later ones find nothing left to do."""
    from django.db import connection

    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATE_LOCK])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATE_LOCK])


@main.command()
@click.option("--naar", "target", type=click.Path(path_type=Path, file_okay=False),
              help="Map voor de back-up (mag nog niet bestaan); standaard "
                   "backups/wijkkracht-backup-JJJJMMDD-UUMMSS in de gegevensmap.")
def backup(target: Path | None) -> None:
    """Een back-up van de database maken, met controlegetallen per tabel (zonder sleutels)."""
    _django(migrate=False)
    from wijkkracht.ops.backup import backup as make_backup
    from wijkkracht.ops.backup import default_target, read_manifest

    path = make_backup(target or default_target())
    tables = read_manifest(path)["tables"]
    click.echo(f"Back-up geschreven naar {path} ({len(tables)} tabellen, "
               f"{sum(t['rows'] for t in tables.values())} rijen).")
    click.echo("De sleutels (WIJKKRACHT_SECRET_KEY en WIJKKRACHT_AUDIT_KEY, of secret_key en "
               "audit_key in de gegevensmap) staan er niet in: bewaar ze apart.")


@main.command()
@click.argument("source", metavar="PAD", type=click.Path(path_type=Path))
@click.option("--ja", is_flag=True, help="Niet om bevestiging vragen.")
def restore(source: Path, ja: bool) -> None:
    """Een back-up terugzetten: vervangt de hele database en controleert daarna elke tabel en
    het toegangslog."""
    _django(migrate=False)
    from wijkkracht.ops.backup import check_backup, local_time
    from wijkkracht.ops.backup import restore as run_restore

    manifest = check_backup(source)
    when = local_time(manifest["created_at"])
    if not ja and not click.confirm(f"De database wordt vervangen door de back-up van {when}; "
                                    "wat daarna is gewijzigd gaat verloren. Doorgaan?",
                                    default=False):
        click.echo("Niets teruggezet.")
        sys.exit(1)
    for line in run_restore(source).lines():
        click.echo(line)


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
              add_help_option=False)  # --help goes to Django: 'manage CMD --help' is CMD's help
@click.pass_context
def manage(ctx: click.Context) -> None:
    """Django-beheeropdrachten, bijvoorbeeld 'wijkkracht manage createsuperuser'."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkkracht.conf.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["wijkkracht manage", *ctx.args])


HOST_OPTION = click.option("--host", default="127.0.0.1", show_default=True,
                           help="Adres om op te luisteren.")
PORT_OPTION = click.option("--port", default=8000, show_default=True, type=int, help="Poort.")


@main.command()
@HOST_OPTION
@PORT_OPTION
@click.option("--workers", default=2, show_default=True, type=int,
              help="Aantal gunicorn-processen.")
def serve(host: str, port: int, workers: int) -> None:
    """De webapplicatie starten (gunicorn; anders één proces om te proberen)."""
    _django(migrate=False)
    _require_styles()  # before the migrations: a server that cannot start says so at once
    _migrate()
    _static_files()
    _serve(host, port, workers)


def _require_styles() -> None:
    from django.conf import settings

    if not settings.PRODUCTION:
        return  # development serves them straight from the packages
    missing = [str(path) for path in settings.NLDS_PACKAGES.values() if not path.is_dir()]
    if missing:
        raise WijkkrachtError(f"de NL Design System-stijlen ontbreken ({', '.join(missing)}): "
                              "voer 'npm ci' uit in de map van Wijkkracht of zet "
                              "WIJKKRACHT_NODE_MODULES; zonder stijlen start de server niet.")


def _static_files() -> None:
    """Production serves static files from STATIC_ROOT's manifest, without which every page is
    a 500: collect them first, and say so (or why not). ``serve`` has checked the styles."""
    from django.conf import settings
    from django.core.management import call_command

    if not settings.PRODUCTION:
        return  # development serves them straight from the packages
    if _static_files_current(Path(settings.STATIC_ROOT) / "staticfiles.json"):
        click.echo(f"Statische bestanden staan klaar in {settings.STATIC_ROOT}.", err=True)
        return
    click.echo(f"Statische bestanden verzamelen in {settings.STATIC_ROOT} (de eerste keer "
               "duurt dat even) ...", err=True)
    try:
        call_command("collectstatic", interactive=False, verbosity=0)
    except OSError as exc:
        raise WijkkrachtError(f"kan de statische bestanden niet verzamelen in "
                              f"{settings.STATIC_ROOT} ({exc.strerror}); zet "
                              "WIJKKRACHT_STATIC_ROOT op een map waarin geschreven mag "
                              "worden.") from None
    click.echo(f"Statische bestanden verzameld in {settings.STATIC_ROOT}.", err=True)


def _static_files_current(manifest: Path) -> bool:
    """Is every static file in the manifest and none changed since it was written?"""
    import json

    from django.contrib.staticfiles.finders import get_finders

    try:
        written = manifest.stat().st_mtime
        paths = json.loads(manifest.read_text(encoding="utf-8"))["paths"]
    except (OSError, ValueError, KeyError):
        return False
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            prefixed = f"{storage.prefix}/{path}" if getattr(storage, "prefix", None) else path
            if prefixed not in paths or Path(storage.path(path)).stat().st_mtime > written:
                return False
    return True


def _serve(host: str, port: int, workers: int) -> None:
    from wijkkracht.web.server import run

    run(host, port, workers)


@main.command()
@click.option("--interval", default=1.0, show_default=True, type=float,
              help="Seconden wachten als er niets te doen is.")
@click.option("--eenmaal", "once", is_flag=True,
              help="Eén ronde: wat nu klaarstaat en wat volgens het schema moet, dan stoppen.")
def worker(interval: float, once: bool) -> None:
    """Achtergrondtaken uitvoeren (PDF's, e-mail, bewaartermijnen, controle toegangslog)."""
    _django()
    import signal
    import threading

    from wijkkracht.jobs import worker as jobs_worker

    if not jobs_worker.uses_queue():
        raise WijkkrachtError("deze server voert taken direct uit (WIJKKRACHT_JOBS=direct); "
                              "een verwerker is dan niet nodig.")
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    click.echo("Verwerker gestart; stoppen met Ctrl+C (een lopende taak wordt eerst afgemaakt).",
               err=True)
    jobs_worker.run(stop, interval=interval, once=once)


@main.group()
def praktijk() -> None:
    """De praktijkbank: lokale praktijken met hun resultaten, lessen en adviezen."""


@praktijk.command("voorbeelden")
def praktijk_examples() -> None:
    """De tien experimenten van het programma Wijk- en Buurtgericht Werken als gepubliceerde
    voorbeelden inlezen (opnieuw inlezen maakt niets dubbel)."""
    _django()
    from wijkkracht.web.demo import load_demo_praktijk

    click.echo(load_demo_praktijk())


@main.command()
@HOST_OPTION
@PORT_OPTION
@DATA_OPTION
@click.option("--boundaries", type=click.Path(path_type=Path),
              help="GeoJSON met wijkgrenzen (CBS/PDOK) voor de kaart.")
@click.option("--no-serve", is_flag=True, help="Alleen klaarzetten, niet starten.")
@click.option("--replace", is_flag=True,
              help="Een geladen jaar ook vervangen als er gebieden of gemeenten verdwijnen.")
def demo(host: str, port: int, data_path: Path | None, boundaries: Path | None,
         no_serve: bool, replace: bool) -> None:
    """Een demo-gemeente met teams, gebruikers en CBS-cijfers maken en starten."""
    _django()
    from wijkkracht.web.demo import (
        create_demo_organisation,
        load_demo_data,
        load_demo_kaart,
        load_demo_praktijk,
    )

    note = load_demo_data(data_path, boundaries, replace=replace)
    users = create_demo_organisation()
    kaart_note = load_demo_kaart()
    praktijk_note = load_demo_praktijk()
    click.echo(f"Gegevens: {note}")
    click.echo("Demo-gebruikers (wachtwoord eenmalig getoond; zet de sleutel in een "
               "authenticator-app voor de tweede stap):")
    width = max(len(u.username) for u in users)
    for u in users:
        click.echo(f"  {u.username:{width}} wachtwoord {u.password}  rol {u.role:14} "
                   f"TOTP-sleutel {u.totp_key}")
    click.echo("Netwerkscan: een demo-scan van de Transvaalwijk met twee meetmomenten (T0 en T1); "
               "aanmelden als demo-coordinator, dan Netwerkscan.")
    click.echo("Casussen: 200 verzonnen huishoudens per wijkteam (Transvaalwijk en "
               "Zijlwegkwartier), in elke status; aanmelden als demo-professional of "
               "demo-professional-oost, dan Casussen. Noodtoegang tot een casus van het andere "
               "team kan ook worden geprobeerd.")
    click.echo(f"Sociale kaart: {kaart_note}")
    click.echo(f"Praktijkbank: {praktijk_note}")
    click.echo(f"Wijkkracht demo: http://{host}:{port}/  (stoppen met Ctrl+C)")
    if not no_serve:
        # Serve from a fresh process: loading the data started polars' thread pool here, and
        # a pool inherited through gunicorn's fork deadlocks the workers on their first query.
        sys.stdout.flush()
        os.execv(sys.executable, [sys.executable, "-m", "wijkkracht.cli", "serve",
                                  "--host", host, "--port", str(port), "--workers", "2"])


if __name__ == "__main__":  # pragma: no cover
    main()
