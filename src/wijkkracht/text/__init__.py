"""Dutch text analysis shared below the capabilities: the sociale kaart's search and the
praktijkbank's search read Dutch the same way (stems, compound parts, spelling tolerance)."""
