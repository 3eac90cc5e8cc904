"""Imported CBS data kept in the database, so every app server of a deployment sees the same.

A KWB year is stored whole as Parquet (compact, and read back into the same polars frame the
command line uses); boundaries as GeoJSON. Both are immutable per import: a new import replaces
the row, and readers cache by (year, import time).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class KwbDataset(models.Model):
    year = models.PositiveIntegerField(_("year"), unique=True)
    source = models.CharField(_("source"), max_length=300)
    layout = models.CharField(_("layout"), max_length=40)
    table_id = models.CharField(_("CBS table"), max_length=12, blank=True)
    areas = models.PositiveIntegerField(_("areas"))
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)
    parquet = models.BinaryField(_("data (Parquet)"))

    class Meta:
        ordering = ["-year"]
        verbose_name = _("CBS key figures")
        verbose_name_plural = _("CBS key figures")

    def __str__(self) -> str:
        return f"KWB {self.year}"


class BoundarySet(models.Model):
    """Generalised boundaries of one level and year (PDOK/CBS GeoJSON, WGS84)."""

    class Level(models.TextChoices):
        GEMEENTE = "GM", _("municipality")
        WIJK = "WK", _("district")

    year = models.PositiveIntegerField(_("year"))
    level = models.CharField(_("level"), max_length=2, choices=Level.choices)
    source = models.CharField(_("source"), max_length=300)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)
    geojson = models.BinaryField(_("GeoJSON (gzip)"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "level"],
                                               name="one_boundary_set_per_year_level")]
        verbose_name = _("boundaries")
        verbose_name_plural = _("boundaries")

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.year}"
