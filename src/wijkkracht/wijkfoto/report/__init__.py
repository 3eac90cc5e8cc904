"""Wijkfoto reports: JSON (versioned schema), one self-contained HTML page, PDF (WeasyPrint)."""
