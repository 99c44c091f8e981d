"""Demo working groups: a steering and a coordination group for several products (and a professional
group for OS2mo), members from the demo organisations and the demo accounts, meetings with minutes, and
requests to join in each state."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.documents import get_document_model

from home.demo import dated_slug
from products.models import ContactPerson, ProductPage
from products.permissions import product_collection, sync_event_permissions

from ..events.models import EventKind
from ..events.pages import EventIndexPage, EventPage
from ..events.recurrence import LOCAL_TZ, is_working_day
from ..joining.demo import pdf_bytes
from ..members.models import Organisation
from .admin import sync_contact_role
from .models import (
    GroupKind,
    GroupRole,
    RequestStatus,
    WorkingGroup,
    WorkingGroupMeeting,
    WorkingGroupMember,
    WorkingGroupRequest,
)

PRODUCTS = ["os2mo", "os2kitos", "os2faktor", "os2datascanner", "os2forms"]

FIRST_NAMES = [
    "Anders",
    "Birgitte",
    "Camilla",
    "Jens",
    "Karin",
    "Henrik",
    "Louise",
    "Morten",
    "Rikke",
    "Søren",
]
LAST_NAMES = [
    "Andersen",
    "Bach",
    "Christensen",
    "Dahl",
    "Frederiksen",
    "Hansen",
    "Kristensen",
    "Larsen",
    "Møller",
]

DESCRIPTIONS = {
    GroupKind.STYREGRUPPE: "Beslutter tilslutningsaftalen, budgettet og den overordnede retning for {product}.",
    GroupKind.KOORDINATIONSGRUPPE: (
        "Prioriterer udviklingsønsker, koordinerer leverandørerne og følger driften af {product}. "
        "Mødes omkring fire gange om året i en time."
    ),
    GroupKind.FAGGRUPPE: "Rådgiver koordinationsgruppen om {topic} i {product}.",
}


def _document(title, collection):
    Document = get_document_model()
    document = Document(title=title, collection=collection) if collection else Document(title=title)
    filename = dated_slug(title, timezone.localdate()) + ".pdf"
    document.file.save(filename, ContentFile(pdf_bytes(title)), save=False)
    document.save()
    return document


def _meeting(index, product, title, days, hour):
    day = timezone.localdate() + datetime.timedelta(days=days)
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    start = datetime.datetime.combine(day, datetime.time(hour), tzinfo=LOCAL_TZ)
    # A title of its own per meeting ("…, marts 2027"), as lists and search show only titles.
    with translation.override("da"):
        title = f"{title}, {date_format(start, 'F Y')}"
    event = EventPage(
        title=title,
        slug=dated_slug(title, start),
        kind=EventKind.NETVAERKSMOEDE,
        start=start,
        end=start + datetime.timedelta(hours=1),
        online_url=f"https://meet.example.org/os2/{dated_slug(title, start)}",
        online_url_for_participants_only=True,
        contact_email="os2@os2.eu",
        introduction=f"Gruppens møde om {product.title}: status, prioriteringer og beslutninger.",
        related_products=[product],
    )
    event.first_published_at = event.last_published_at = timezone.now()
    index.add_child(instance=event)
    sync_event_permissions(event)
    return event


def _seat_account(group, user):
    """A demo account as an ordinary member, after the named seats, for their own organisation: the
    same whether they sit there from the start or were let in by an approved request."""
    WorkingGroupMember.objects.create(
        group=group,
        user=user,
        organisation=user.affiliation.organisation,
        role=GroupRole.MEDLEM,
        sort_order=9,
    )


def load():
    if WorkingGroup.objects.exists():
        return 0
    index = EventIndexPage.objects.first()
    products = [p for p in (ProductPage.objects.filter(slug=slug).first() for slug in PRODUCTS) if p]
    municipalities = list(Organisation.objects.filter(kind="kommune", is_member=True).order_by("name"))
    if not products or not municipalities or index is None:
        return 0
    users = {
        user.email.split("@")[0]: user
        for user in get_user_model().objects.filter(affiliation__status="godkendt")
    }
    secretary = get_user_model().objects.filter(groups__name="Sekretariat").first()
    mette, lars, sara = (users.get(name) for name in ("mette.soerensen", "lars.holm", "sara.jensen"))
    created = 0
    groups = {}
    for product in products:
        rng = random.Random(product.slug)  # noqa: S311 - demo data
        collection = product_collection(product)
        users_of_product = [a.organisation for a in product.joining_agreements.select_related("organisation")]
        kinds = [(GroupKind.STYREGRUPPE, f"Styregruppen for {product.title}", "")]
        kinds.append((GroupKind.KOORDINATIONSGRUPPE, f"Koordinationsgruppen for {product.title}", ""))
        if product.slug == "os2mo":
            kinds.append((GroupKind.FAGGRUPPE, "Faggruppe for HR og løn", "HR og løn"))
        contact = ContactPerson.objects.filter(product_roles__product=product).first()
        for order, (kind, name, topic) in enumerate(kinds):
            group = WorkingGroup.objects.create(
                product=product,
                kind=kind,
                name=name,
                description=DESCRIPTIONS[kind].format(product=product.title, topic=topic),
                mandate=_document(f"Kommissorium for {name}", collection),
                contact=contact,
                sort_order=order,
            )
            groups[(product.slug, kind)] = group
            seats = rng.sample(
                users_of_product or municipalities, k=min(5, len(users_of_product or municipalities))
            )
            for number, organisation in enumerate(seats):
                role = [GroupRole.FORMAND, GroupRole.NAESTFORMAND][number] if number < 2 else GroupRole.MEDLEM
                WorkingGroupMember.objects.create(
                    group=group,
                    name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                    organisation=organisation,
                    role=role,
                    sort_order=number,
                )
            # Four one-hour meetings a year: two behind us with minutes, one soon, one later.
            for days, minutes in ((-160, True), (-70, True), (20, False), (110, False)):
                # Each group at its own hour, so no two meetings start at once.
                event = _meeting(
                    index, product, f"Møde i {name[0].lower()}{name[1:]}", days, 8 + len(groups) % 11
                )
                WorkingGroupMeeting.objects.create(
                    group=group,
                    event=event,
                    minutes=_document(f"Referat: {name} {event.start:%d.%m.%Y}", collection)
                    if minutes
                    else None,
                )
            created += 1

    # The demo accounts: Mette sits in OS2mo's coordination group, and Lars sits there too and decides
    # who joins it (which gives him the admin's list of requests); Lars asked to join OS2mo's professional
    # group and was approved; Sara's request was declined; Mette and Lars wait for answers elsewhere.
    mo_coordination = groups.get(("os2mo", GroupKind.KOORDINATIONSGRUPPE))
    for user in (mette, lars):
        if user and mo_coordination:
            _seat_account(mo_coordination, user)
    if lars and mo_coordination:
        mo_coordination.contact_user = lars
        mo_coordination.save(update_fields=["contact_user"])
    now = timezone.now()
    requests = [
        (
            lars,
            ("os2mo", GroupKind.FAGGRUPPE),
            RequestStatus.APPROVED,
            "Vi er i gang med at udrulle OS2mo til HR.",
        ),
        (
            sara,
            ("os2mo", GroupKind.STYREGRUPPE),
            RequestStatus.DECLINED,
            "Jeg vil gerne følge beslutningerne.",
        ),
        (
            mette,
            ("os2kitos", GroupKind.KOORDINATIONSGRUPPE),
            RequestStatus.PENDING,
            "Ballerup bruger OS2kitos.",
        ),
        (lars, ("os2faktor", GroupKind.KOORDINATIONSGRUPPE), RequestStatus.PENDING, ""),
    ]
    for number, (user, key, status, message) in enumerate(requests):
        group = groups.get(key)
        if user is None or group is None:
            continue
        decided = status != RequestStatus.PENDING
        WorkingGroupRequest.objects.create(
            group=group,
            user=user,
            organisation=user.affiliation.organisation,
            message=message,
            status=status,
            requested_at=now - datetime.timedelta(days=20 - number),
            decided_at=now - datetime.timedelta(days=10) if decided else None,
            decided_by=secretary if decided else None,
            reason="Styregruppen består af én repræsentant pr. kommune, der har tilsluttet sig."
            if status == RequestStatus.DECLINED
            else "",
        )
        if status == RequestStatus.APPROVED:
            _seat_account(group, user)
        created += 1
    sync_contact_role()
    return created
