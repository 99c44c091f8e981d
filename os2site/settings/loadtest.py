"""The load test (`make loadtest`): the production settings with the forms' rate limits raised, so a few
writers can send far more than a person would and every refusal is an error of the form itself. Never
used to serve the site."""

from .production import *  # noqa: F403

RATE_LIMITS = dict.fromkeys(
    (
        "idea-submit",
        "idea-edit",
        "idea-comment",
        "idea-pledge",
        "idea-report",
        "event-signup",
        "join-application",
        "profile-edit",
        "account-delete",
    ),
    (1_000_000, 60),
)
