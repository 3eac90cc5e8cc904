"""Monitor: indicators per wijk and period, control charts and social return on investment."""
