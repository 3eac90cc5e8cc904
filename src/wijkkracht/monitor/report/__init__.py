"""Monitor reports: charts as accessible SVG; plain-Dutch readings of charts and SROI."""
