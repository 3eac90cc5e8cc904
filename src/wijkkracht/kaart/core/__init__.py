"""The pure core of the sociale kaart: no Django models, no web; analysis and ranking only."""
