"""People, organisations, teams and roles; sign-in (local with TOTP, or OIDC)."""
