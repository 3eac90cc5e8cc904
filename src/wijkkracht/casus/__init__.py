"""Casework of the sociaal wijkteam: from signal to closure, one plan with the household."""
