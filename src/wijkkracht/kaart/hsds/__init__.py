"""HSDS 3 JSON import and export of the sociale kaart (the service shape of the HSDS 3 API)."""
