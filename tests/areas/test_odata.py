"""The OData download against a local server that answers like CBS (never the real CBS)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from wijkkracht.areas.sources.odata import cache_path, download_year
from wijkkracht.errors import WijkkrachtError

REGIONS = [{"Key": "GM0001    ", "Title": "Testdorp"}, {"Key": "WK000101  ", "Title": "Noord"},
           {"Key": "NL00      ", "Title": "Nederland"}]
RECORDS = [
    {"ID": 0, "WijkenEnBuurten": "NL00      ", "Codering_3": "NL00      ",
     "AantalInwoners_5": 17942942, "k_65JaarOfOuder_12": 3677228},
    {"ID": 1, "WijkenEnBuurten": "GM0001    ", "Codering_3": "GM0001    ",
     "AantalInwoners_5": 2000, "k_65JaarOfOuder_12": 400},
    {"ID": 2, "WijkenEnBuurten": "WK000101  ", "Codering_3": "WK000101  ",
     "AantalInwoners_5": 1000, "k_65JaarOfOuder_12": None},
]


@pytest.fixture
def cbs(monkeypatch):
    requests_seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            requests_seen.append(self.path)
            base = f"http://127.0.0.1:{self.server.server_port}/85984NED"
            if "/WijkenEnBuurten" in self.path:
                body = {"value": REGIONS}
            elif "skip=2" in self.path:
                body = {"value": RECORDS[2:]}
            elif "/TypedDataSet" in self.path:
                body = {"value": RECORDS[:2],
                        "odata.nextLink": f"{base}/TypedDataSet?$format=json&$skip=2"}
            else:
                self.send_response(404)
                self.end_headers()
                return
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("WIJKKRACHT_CBS_ODATA_URL", f"http://127.0.0.1:{server.server_port}")
    yield requests_seen
    server.shutdown()
    server.server_close()


def test_download_follows_the_pages_names_the_areas_and_caches(cbs):
    table = download_year(2024)
    assert table.layout == "odata" and table.table_id == "85984NED"
    rows = {r["code"]: r for r in table.frame.to_dicts()}
    assert rows["WK000101"]["name"] == "Noord" and rows["WK000101"]["inw_65plus"] is None
    assert rows["GM0001"]["inw_65plus"] == 400
    assert len(cbs) == 3
    assert cache_path("85984NED").exists()
    again = download_year(2024)
    assert len(cbs) == 3 and again.frame.equals(table.frame)


def test_an_unreachable_cbs_gives_one_clear_line(monkeypatch):
    monkeypatch.setenv("WIJKKRACHT_CBS_ODATA_URL", "http://127.0.0.1:9")
    with pytest.raises(WijkkrachtError, match="CBS is niet bereikbaar"):
        download_year(2024)


def test_a_year_without_a_cbs_table_is_refused():
    with pytest.raises(WijkkrachtError, match="geen CBS-tabel"):
        download_year(1999)
