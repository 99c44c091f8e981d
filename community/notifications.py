"""Who the secretariat is, for alerts: the users of the "Sekretariat" group, else the site's e-mail."""

from django.contrib.auth import get_user_model

SECRETARIAT_GROUP = "Sekretariat"


def secretariat_emails():
    emails = list(
        get_user_model()
        .objects.filter(groups__name=SECRETARIAT_GROUP, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    if emails:
        return emails
    from home.models import SiteSettings

    site_email = SiteSettings.load().email
    return [site_email] if site_email else []
