"""Mails to the followers of a product: one at once for each update to those who chose that, and one
daily digest bundling the updates of every product a member follows with the daily setting. Each mail
is in the language the member followed in and ends with a link that stops the follow without a login."""

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from home import mail
from home.addresses import absolute_url
from home.i18n import localized_path
from products.governance import level_label

from .digests import mail_digests
from .models import FollowFrequency, ProductFollow, ProductUpdate, UpdateKind


def _active(follows):
    return follows.filter(user__is_active=True, user__email__gt="").select_related("user", "product")


def _links(follow, path):
    """The update's address and the follow's unfollow address, in the follower's language."""
    with translation.override(follow.language):
        return {
            "url": absolute_url(localized_path(path)) if path else "",
            "product_url": absolute_url(localized_path(follow.product.get_url() or "/")),
            "unfollow_url": absolute_url(reverse("product_unfollow", args=[follow.unfollow_token()])),
        }


def _described(update):
    """What the mail says about an update, besides its title."""
    if update.kind == UpdateKind.LEVEL:
        return {"from_level": level_label(update.from_level), "to_level": level_label(update.to_level)}
    return {}


SUBJECTS = {
    UpdateKind.NEWS: _("Nyt om %(product)s: %(title)s"),
    UpdateKind.EVENT: _("Nyt arrangement om %(product)s: %(title)s"),
    UpdateKind.LEVEL: _("%(product)s har fået et nyt governanceniveau"),
    UpdateKind.RELEASE: _("%(product)s version %(title)s er udgivet"),
    UpdateKind.PROJECT: _("Nyt projekt om %(product)s: %(title)s"),
}


def product_updated(update):
    follows = _active(update.product.follows.filter(frequency=FollowFrequency.INSTANT))
    for follow in follows:
        links = _links(follow, update.url)
        mail.send(
            "community/emails/product_update.txt",
            SUBJECTS[update.kind],
            [follow.user.email],
            {"update": update, "product": update.product, **_described(update), **links},
            subject_args={"product": update.product.title, "title": update.title},
            language=follow.language,
            # Mail programs offer their own "unsubscribe" button for this address (RFC 2369).
            headers={"List-Unsubscribe": f"<{links['unfollow_url']}>"},
        )


def send_digests(now=None):
    """One mail per member bundling what happened since their last digest to every product they follow
    with the daily setting. Returns the number of mails sent; running it again sends nothing new."""
    now = now or timezone.now()
    follows = _active(ProductFollow.objects.filter(frequency=FollowFrequency.DIGEST)).order_by(
        "user_id", "product__title"
    )

    def section(follow):
        updates = list(
            ProductUpdate.objects.filter(
                product=follow.product, created_at__gt=follow.digest_since(), created_at__lte=now
            )
        )
        if not updates:
            return None
        links = _links(follow, "")
        return {
            "product": follow.product,
            "product_url": links["product_url"],
            "unfollow_url": links["unfollow_url"],
            "updates": [{"update": u, "url": _links(follow, u.url)["url"], **_described(u)} for u in updates],
        }

    return mail_digests(
        follows,
        section,
        "community/emails/product_digest.txt",
        _("Nyt om de produkter, du følger"),
        now,
        in_follow_language=True,
    )
