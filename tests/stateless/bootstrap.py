"""Builds the database the two app servers share: the schema, the site's home page, one member
organisation and an approved member who may edit its profile. Prints what the test needs as JSON."""

import json

import django


def main():
    django.setup()

    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from community.models import Affiliation, AffiliationStatus, Organisation, OrganisationKind
    from home import demo as home_demo
    from home.models import SiteSettings

    call_command("migrate", run_syncdb=True, verbosity=0)
    home_demo.home_page()
    SiteSettings.load()  # made on the first page view otherwise, which would empty the page cache once
    organisation = Organisation.objects.create(
        name="Delte Servere Kommune",
        slug="delte-servere-kommune",
        kind=OrganisationKind.KOMMUNE,
        is_member=True,
        description="Vi driver vores løsninger i fællesskab.",
    )
    password = "to-servere-deler-alt-2026"
    user = get_user_model().objects.create_user(
        "stateless", "stateless@example.dk", password, first_name="Sidsel", last_name="Server"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    Affiliation.objects.create(user=user, organisation=organisation, status=AffiliationStatus.APPROVED)
    print(json.dumps({"email": user.email, "password": password, "profile": organisation.get_absolute_url()}))


if __name__ == "__main__":
    main()
