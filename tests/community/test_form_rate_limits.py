"""Event sign-ups are rate limited per person (the account, or the address of a visitor): over the limit
the form comes back with HTTP 429, a Danish explanation and what was typed, and nothing is saved.
Counted in the configured cache (Redis in the PostgreSQL runs). join applications are limited the
same way: tests/community/joining/test_applications.py."""

from community import ratelimit
from community.models import Registration

from .events.test_registration import sign_up

TOO_MANY = "Du har sendt formularen mange gange på kort tid. Vent lidt, og prøv igen."


def test_event_signups_over_the_limit_are_refused_with_the_input_kept(client, make_event, settings):
    settings.RATE_LIMITS = {"event-signup": (2, 600)}
    ratelimit.reset("event-signup", "ip-127.0.0.1")
    event = make_event(capacity=10)
    for number in range(2):
        assert sign_up(client, event, email=f"person{number}@example.dk").status_code == 302
    response = sign_up(client, event, name="Tredje Person", email="tredje@example.dk")
    assert response.status_code == 429
    html = response.content.decode()
    assert TOO_MANY in html
    assert 'value="Tredje Person"' in html and 'value="tredje@example.dk"' in html
    assert Registration.objects.filter(event=event).count() == 2
