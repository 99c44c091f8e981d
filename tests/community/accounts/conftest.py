import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client

from community.members.demo import DEMO_PASSWORD, DEMO_SECRETARIAT
from community.models import Affiliation, AffiliationStatus, Organisation

PASSWORD = "Fællesskab-2026-kode"


def make_member(organisation, email, status=AffiliationStatus.APPROVED, first_name="Karen", last_name="Berg"):
    """A person with a verified address and an affiliation with the organisation in the given state."""
    user = get_user_model().objects.create_user(
        email.split("@")[0], email, PASSWORD, first_name=first_name, last_name=last_name
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    Affiliation.objects.create(user=user, organisation=organisation, status=status, job_title="Konsulent")
    return user


def log_in(client, email, password=PASSWORD):
    """Logs in through the site's login form, as a person would."""
    response = client.post("/konto/login/", {"login": email, "password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client


def links_in(mail, pattern):
    return re.findall(pattern, mail.body)


@pytest.fixture
def ballerup(demo):
    return Organisation.objects.get(slug="ballerup-kommune")


@pytest.fixture
def aalborg(demo):
    return Organisation.objects.get(slug="aalborg-kommune")


@pytest.fixture
def member(ballerup):
    return make_member(ballerup, "karen.berg@ballerup.example.dk")


@pytest.fixture
def member_client(member):
    return log_in(Client(), member.email)


@pytest.fixture
def secretariat_client(demo):
    return log_in(Client(), DEMO_SECRETARIAT[2], DEMO_PASSWORD)
