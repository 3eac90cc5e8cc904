"""Download a KWB year from CBS's open-data OData API, with a local cache.

For users with internet. The table is fetched page by page (``odata.nextLink``), cached as
gzipped JSON in the data directory, and converted by the same rules as a downloaded file. The
base address can be changed with ``WIJKKRACHT_CBS_ODATA_URL`` (e.g. for a mirror); tests point it
at a local server and never reach CBS.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable
from pathlib import Path

import requests

from wijkkracht.errors import WijkkrachtError

from ..store import data_home
from ..table import TABLE_IDS, KwbTable
from .build import build_table
from .files import records_to_rows

BASE_ENV = "WIJKKRACHT_CBS_ODATA_URL"
DEFAULT_BASE = "https://opendata.cbs.nl/ODataApi/odata"
TIMEOUT = (5, 60)
MAX_PAGES = 100


def base_url() -> str:
    return os.environ.get(BASE_ENV, DEFAULT_BASE).rstrip("/")


def table_id_for(year: int) -> str:
    try:
        return TABLE_IDS[year]
    except KeyError:
        known = f"{min(TABLE_IDS)}–{max(TABLE_IDS)}"
        raise WijkkrachtError(
            f"Voor {year} kent Wijkkracht geen CBS-tabel met Kerncijfers wijken en buurten "
            f"(wel voor {known}). Kies een ander jaar, of download het bestand bij CBS en "
            "gebruik 'wijkkracht data import'."
        ) from None


def _get_json(session: requests.Session, url: str) -> dict:
    try:
        response = session.get(url, timeout=TIMEOUT, headers={"Accept": "application/json"})
    except requests.RequestException as exc:
        raise WijkkrachtError(
            f"CBS is niet bereikbaar ({type(exc).__name__}). Controleer de internetverbinding, "
            "of importeer een gedownload bestand met 'wijkkracht data import BESTAND'."
        ) from None
    if response.status_code == 404:
        raise WijkkrachtError(f"CBS kent deze tabel niet ({url}). Kies een ander jaar.")
    if response.status_code != 200:
        raise WijkkrachtError(f"CBS antwoordde met fout {response.status_code}. Probeer het later "
                              "opnieuw, of importeer een gedownload bestand.")
    try:
        return response.json()
    except ValueError:
        raise WijkkrachtError("CBS stuurde geen geldige JSON terug. Probeer het later opnieuw."
                              ) from None


def _fetch_all(session: requests.Session, url: str,
               progress: Callable[[int], None] | None = None) -> list[dict]:
    records: list[dict] = []
    for _ in range(MAX_PAGES):
        page = _get_json(session, url)
        records.extend(page.get("value", []))
        if progress:
            progress(len(records))
        url = page.get("odata.nextLink") or page.get("@odata.nextLink")
        if not url:
            return records
    raise WijkkrachtError("CBS bleef pagina's sturen; de download is afgebroken. Probeer het later "
                          "opnieuw.")


def cache_path(table_id: str) -> Path:
    return data_home() / "cache" / "odata" / f"{table_id}.json.gz"


def download_year(year: int, progress: Callable[[int], None] | None = None,
                  session: requests.Session | None = None) -> KwbTable:
    """Fetch (or read from the cache) the KWB table of ``year`` and build it."""
    table_id = table_id_for(year)
    cached = cache_path(table_id)
    if cached.exists():
        payload = json.loads(gzip.decompress(cached.read_bytes()))
    else:
        session = session or requests.Session()
        base = f"{base_url()}/{table_id}"
        regions = _fetch_all(session, f"{base}/WijkenEnBuurten?$format=json")
        data = _fetch_all(session, f"{base}/TypedDataSet?$format=json", progress)
        payload = {"regions": regions, "data": data}
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(".tmp")
        tmp.write_bytes(gzip.compress(json.dumps(payload).encode("utf-8")))
        os.replace(tmp, cached)
    names = {str(r.get("Key", "")).strip().upper(): str(r.get("Title", "")).strip()
             for r in payload["regions"]}
    headers, rows = records_to_rows(payload["data"])
    return build_table(headers, rows, year=year, source=f"CBS open data {table_id}",
                       layout="odata", table_id=table_id, names=names)
