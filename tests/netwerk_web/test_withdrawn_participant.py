"""A withdrawn participant has no name left, and still prints (item 6: a TypeError before)."""

from django.template import Context, Template
from django.utils import translation

from wijkkracht.netwerk import services
from wijkkracht.netwerk.models import Participant


def test_a_withdrawn_participant_prints_as_text_in_dutch(scan_t0):
    _scan, _t0, people = scan_t0
    services.participant_withdraw(people[0])
    withdrawn = Participant.objects.get(pk=people[0].pk)
    with translation.override("nl"):
        text = str(withdrawn)
        assert isinstance(text, str) and text == "(teruggetrokken)"
        assert Template("{{ p }}").render(Context({"p": withdrawn})) == text
    assert str(people[1]) == people[1].display_name
