"""Amounts that CBS gives in thousands of euros read as euros (issue 7, item 14)."""

from wijkkracht.areas.catalogue import INDICATORS
from wijkkracht.wijkfoto.core.wording import THOUSAND_EUROS, fmt_interval, fmt_value


def test_thousands_of_euros_are_shown_as_euros_with_dutch_separators():
    assert fmt_value(421, THOUSAND_EUROS) == "€ 421.000"
    assert fmt_value(32.4, THOUSAND_EUROS) == "€ 32.400"
    assert fmt_value(1250.5, THOUSAND_EUROS) == "€ 1.250.500"
    assert fmt_interval([30.1, 34.75], THOUSAND_EUROS) == "€ 30.100–€ 34.750"


def test_the_catalogue_uses_that_unit_for_woz_and_incomes():
    units = {i.id: i.unit for i in INDICATORS}
    assert units["woz"] == THOUSAND_EUROS
    assert sum(u == THOUSAND_EUROS for u in units.values()) >= 4
