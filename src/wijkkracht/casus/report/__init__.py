"""Rendering of casework data (SVG); pure code, no Django models."""
