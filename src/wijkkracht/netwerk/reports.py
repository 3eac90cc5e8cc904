"""A scan's report, with the layout kept on the scan so pictures stay put between reports.

The pure report package draws every moment with one layout; here that layout is stored, so a
report made after T2 draws T0 and T1 exactly as the report made after T1 did, with newcomers
placed around the people already there.
"""

from __future__ import annotations

from django.db import transaction

from .core.layout import place_people, scan_layout
from .domains import domains_by_label
from .models import NetwerkScan
from .report import NetwerkReport, build_report
from .snapshot import core_scans


def scan_report(scan: NetwerkScan, *, anonymous: bool, level: int,
                reconstructed: bool = False) -> NetwerkReport | None:
    """The report of every moment with answers, or None when nobody has answered yet."""
    scans = core_scans(scan, named=not anonymous)
    if not scans:
        return None
    known = {person: (x, y) for person, (x, y) in scan.layout.items()}
    layout = place_people(known, scans) if known else scan_layout(scans)
    if layout.keys() - known.keys():
        with transaction.atomic():
            NetwerkScan.objects.filter(pk=scan.pk).update(
                layout={person: [x, y] for person, (x, y) in layout.items()})
        scan.layout = layout
    return build_report(scans, title=scan.name, anonymous=anonymous, level=level,
                        positions=layout, reconstructed=reconstructed,
                        domains=domains_by_label(scan))
