"""The NEN 7513 access log: append-only, hash-chained, one record per processing."""
