"""Pure parts of the praktijkbank: the fixed vocabulary and the ranker (no Django)."""
