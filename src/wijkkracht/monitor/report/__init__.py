"""Monitor reports: charts as accessible SVG, and plain-Dutch readings of charts and SROI results."""
