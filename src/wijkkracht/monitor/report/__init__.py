"""Monitor reports: plain-Dutch readings of charts and SROI results, and their documents."""
