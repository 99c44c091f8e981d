"""Two member organisations, an approved member of one of them and a member of the secretariat, built
from factories; everyone logs in through the site's login form."""

import re

import pytest
from django.test import Client

from tests.factories import PASSWORD, OrganisationFactory, log_in, member_of, secretary

__all__ = ["PASSWORD", "log_in", "links_in"]


def links_in(mail, pattern):
    """The links in a mail's text that match `pattern` (mail is plain text, not HTML)."""
    return re.findall(pattern, mail.body)


@pytest.fixture
def ballerup(db):
    return OrganisationFactory(
        name="Ballerup Kommune",
        description="Ballerup Kommune udvikler og bruger OS2's løsninger.",
        contact_email="os2@ballerup.example.dk",
    )


@pytest.fixture
def aalborg(db):
    return OrganisationFactory(name="Aalborg Kommune", description="Aalborg Kommune deler sine løsninger.")


@pytest.fixture
def member(ballerup):
    return member_of(ballerup, "karen.berg@ballerup.example.dk")


@pytest.fixture
def member_client(member):
    return log_in(Client(), member.email)


@pytest.fixture
def secretariat_member(db):
    return secretary()


@pytest.fixture
def secretariat_client(secretariat_member):
    return log_in(Client(), secretariat_member.email)
