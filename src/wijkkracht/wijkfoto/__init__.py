"""Wijkfoto: the quickscan of a wijk from CBS open statistics (core, report, command line)."""
