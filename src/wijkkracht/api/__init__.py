"""The JSON API under /api/v1 (NLGov API Design Rules 2.1), with its OpenAPI document."""
