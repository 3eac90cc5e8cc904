"""The pure wijkfoto core: indicators, comparisons and narrative for every area at once."""
