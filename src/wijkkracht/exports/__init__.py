"""Files the product writes for people to open in their own tools (``spreadsheet``: CSV)."""
