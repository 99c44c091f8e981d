"""Demo follows: the demo members follow products they use or care about, each with another choice of
mails, so Min side shows follows to change and the digest has readers."""

from django.contrib.auth import get_user_model

from products.models import ProductPage

from ..members.demo import DEMO_MEMBERS
from .models import FollowFrequency, ProductFollow

# member e-mail, product slug, frequency
FOLLOWS = [
    (DEMO_MEMBERS[0][2], "os2iot", FollowFrequency.INSTANT),
    (DEMO_MEMBERS[0][2], "os2forms", FollowFrequency.DIGEST),
    (DEMO_MEMBERS[1][2], "os2valghalla", FollowFrequency.DIGEST),
    (DEMO_MEMBERS[1][2], "os2datascanner", FollowFrequency.OFF),
    (DEMO_MEMBERS[2][2], "os2iot", FollowFrequency.INSTANT),
]


def load():
    users = {user.email: user for user in get_user_model().objects.filter(email__in=[f[0] for f in FOLLOWS])}
    products = {page.slug: page for page in ProductPage.objects.filter(slug__in=[f[1] for f in FOLLOWS])}
    created = 0
    for email, slug, frequency in FOLLOWS:
        if email in users and slug in products:
            created += ProductFollow.objects.get_or_create(
                user=users[email], product=products[slug], defaults={"frequency": frequency}
            )[1]
    return created
