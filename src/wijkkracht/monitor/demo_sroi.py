"""A demo SROI value map with obviously invented figures, for ``wijkkracht demo``."""

from __future__ import annotations

from wijkkracht.accounts.models import Organisation, User

from .models_sroi import SroiInitiative
from .services_sroi import sroi_save

DEMO_SROI_NAME = "Buurtkamer Transvaalwijk (demo)"
INVENTED = "verzonnen demobedrag"


def _outcome(stakeholder: str, description: str, pocket: str, **values) -> dict:
    row = {"stakeholder": stakeholder, "description": description, "pocket": pocket,
           "quantity_source": "demo", "proxy_source": INVENTED}
    for adjustment in ("deadweight", "displacement", "attribution", "drop_off"):
        row[f"{adjustment}_grade"] = "C"
        row[f"{adjustment}_source"] = "schatting (demo)"
    row.update(values)
    return row


def create_demo_sroi(organisation: Organisation, user: User | None) -> SroiInitiative:
    """The demo initiative (made once; a second run leaves it as it is)."""
    found = SroiInitiative.objects.filter(organisation=organisation, name=DEMO_SROI_NAME).first()
    if found is not None:
        return found
    return sroi_save(
        organisation=organisation, initiative=None, user=user,
        head={"name": DEMO_SROI_NAME, "period": "2025-2026", "discount_rate": 2.25,
              "description": "Een huiskamer in de wijk waar bewoners elkaar ontmoeten. Alle "
                             "bedragen en aantallen zijn verzonnen voor de demo."},
        stakeholders=[{"name": "Gemeente Haarlem (demo)", "kind": "gemeente"},
                      {"name": "Bewoners Transvaalwijk", "kind": "bewoners"},
                      {"name": "Zorgverzekeraar (demo)", "kind": "zorgverzekeraar"},
                      {"name": "Welzijnsorganisatie (demo)", "kind": "aanbieder"}],
        inputs=[{"stakeholder": "Gemeente Haarlem (demo)", "description": "Subsidie",
                 "amount": 40000.0, "year": 1, "evidence": INVENTED},
                {"stakeholder": "Welzijnsorganisatie (demo)", "description": "Uren opbouwwerk",
                 "amount": 10000.0, "year": 1, "evidence": INVENTED}],
        outcomes=[
            _outcome("Bewoners Transvaalwijk", "Minder eenzaam", "bewoners",
                     indicator="eenzaamheidsschaal", quantity=40.0, duration=2, proxy=1500.0,
                     deadweight=25.0, displacement=0.0, attribution=30.0, drop_off=50.0),
            _outcome("Bewoners Transvaalwijk", "Minder vaak naar de huisarts",
                     "zorgverzekeraar", indicator="consulten", quantity=120.0, duration=1,
                     proxy=35.0, deadweight=25.0, displacement=0.0, attribution=50.0,
                     drop_off=0.0),
            _outcome("Bewoners Transvaalwijk", "Minder crises", "gemeente",
                     indicator="crises", quantity=6.0, quantity_source="",
                     indicator_code="crises", duration=1, proxy=5000.0, deadweight=50.0,
                     displacement=0.0, attribution=50.0, drop_off=0.0),
        ])
