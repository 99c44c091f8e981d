"""A small site with two products, their coordinators, a working group with members, meetings and a
mandate, and the people who ask to join it."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from community.events.demo import EVENTS_PAGE
from community.joining.demo import pdf_bytes
from community.models import (
    AffiliationStatus,
    EventIndexPage,
    EventKind,
    EventPage,
    GroupKind,
    GroupRole,
    WorkingGroup,
    WorkingGroupMeeting,
    WorkingGroupMember,
)
from home.demo import ensure_section
from home.roles import SECRETARIAT_GROUP
from products.models import ContactPerson
from products.permissions import ensure_product_group, ensure_secretariat_workflow
from tests.factories import OrganisationFactory, ProductPageFactory, catalogue, person

NOW = datetime.datetime(2026, 12, 4, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(NOW, tick=False):
        yield


def document(title):
    doc = get_document_model()(title=title)
    doc.file.save(title.lower().replace(" ", "-") + ".pdf", ContentFile(pdf_bytes(title)), save=False)
    doc.save()
    return doc


def meeting(product, title, days):
    start = timezone.now() + datetime.timedelta(days=days)
    event = EventPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        start=start,
        end=start + datetime.timedelta(hours=1),
        kind=EventKind.NETVAERKSMOEDE,
        online_url="https://meet.example.org/os2",
        related_products=[product],
    )
    EventIndexPage.in_default_language().add_child(instance=event)
    return event


@pytest.fixture
def site(db):
    index = catalogue()
    ensure_secretariat_workflow(index)
    ensure_section(EventIndexPage, EVENTS_PAGE)
    alfa = ProductPageFactory(parent=index, title="OS2alfa", slug="os2alfa")
    beta = ProductPageFactory(parent=index, title="OS2beta", slug="os2beta")
    ballerup = OrganisationFactory(name="Ballerup Kommune")
    soenderborg = OrganisationFactory(name="Sønderborg Kommune")
    aalborg = OrganisationFactory(name="Aalborg Kommune")
    ishoej = OrganisationFactory(name="Ishøj Kommune")

    secretary = person("sekretaer")
    secretary.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    alfa_coordinator = person("tovholder-os2alfa")
    alfa_coordinator.groups.add(ensure_product_group(alfa))
    beta_coordinator = person("tovholder-os2beta")
    beta_coordinator.groups.add(ensure_product_group(beta))

    contact = ContactPerson.objects.create(
        name="Frederik Thomsen", organisation=ishoej, email="ft@ishoej.example.dk"
    )
    group = WorkingGroup.objects.create(
        product=alfa,
        kind=GroupKind.KOORDINATIONSGRUPPE,
        name="Koordinationsgruppen for OS2alfa",
        description="Prioriterer udviklingsønsker.",
        mandate=document("Kommissorium for koordinationsgruppen"),
        contact=contact,
    )
    WorkingGroupMember.objects.create(
        group=group, name="Henrik Kristensen", organisation=aalborg, role=GroupRole.FORMAND
    )
    seated = person("lars", soenderborg, first_name="Lars", last_name="Holm")
    WorkingGroupMember.objects.create(
        group=group, user=seated, organisation=soenderborg, role=GroupRole.NAESTFORMAND
    )
    past = meeting(alfa, "Møde i koordinationsgruppen marts", -60)
    upcoming = meeting(alfa, "Møde i koordinationsgruppen januar", 30)
    WorkingGroupMeeting.objects.create(group=group, event=past, minutes=document("Referat marts"))
    WorkingGroupMeeting.objects.create(group=group, event=upcoming)
    return {
        "alfa": alfa,
        "beta": beta,
        "group": group,
        "ballerup": ballerup,
        "soenderborg": soenderborg,
        "aalborg": aalborg,
        "secretary": secretary,
        "alfa_coordinator": alfa_coordinator,
        "beta_coordinator": beta_coordinator,
        "seated": seated,
        "member": person("mette", ballerup, first_name="Mette", last_name="Sørensen"),
        "pending": person("peter", aalborg, status=AffiliationStatus.PENDING, first_name="Peter"),
        "past": past,
        "upcoming": upcoming,
    }
