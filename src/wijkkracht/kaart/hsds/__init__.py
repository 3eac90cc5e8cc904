"""HSDS 3 import and export of the sociale kaart: the JSON service shape of the HSDS 3 API and
the tabular datapackage."""
