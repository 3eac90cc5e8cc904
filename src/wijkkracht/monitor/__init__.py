"""Monitor: indicators, control charts for short improvement cycles, and SROI (issue 10)."""
