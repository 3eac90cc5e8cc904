"""The pure core of casework: no Django models, no web; checks and computations only."""
