"""Praktijkbank and learning network: local practices, their results and lessons (issue 11)."""
