"""The monitor's pure core: indicator definitions, their computation from case events, and
disclosure control of the result. No Django here."""
