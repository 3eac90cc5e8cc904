"""Readers for the ways CBS publishes Kerncijfers wijken en buurten: files and the OData API."""
