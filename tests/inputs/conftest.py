"""The netwerkscan fixtures (a team, its coordinator, a scan with moment T0), shared here."""

from tests.netwerk_web.conftest import coordinator, member, scan_t0, team  # noqa: F401
