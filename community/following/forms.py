"""How often a member hears about what they follow, and the follow box as it stands on a product's page
and on Min side (never cached: it is the visitor's own)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.i18n import localized_path

from ..members.models import approved_organisation
from .models import FollowFrequency, ProductFollow


class FollowForm(forms.Form):
    """How often a member hears about what they follow (an idea, a product)."""

    label = _("E-mails")

    frequency = forms.ChoiceField(choices=FollowFrequency.choices, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["frequency"].label = self.label


class ProductFollowForm(FollowForm):
    label = _("E-mails om produktet")


def follow_context(request, product):
    """What the follow box on a product's page needs for this visitor (never cached: it is theirs)."""
    user = request.user
    may_follow = approved_organisation(user) is not None
    follow = ProductFollow.objects.filter(product=product, user=user).first() if may_follow else None
    return {
        "may_follow": may_follow,
        "product_follow": follow,
        "product_follow_form": ProductFollowForm(
            initial={"frequency": follow.frequency if follow else FollowFrequency.INSTANT},
            auto_id="id_follow_%s",
        ),
    }


def followed_products(user):
    """The products a member follows, each with its own form to change or stop (Min side)."""
    follows = ProductFollow.objects.filter(user=user, product__live=True).select_related("product")
    return [
        {
            "follow": follow,
            "url": localized_path(follow.product.get_url()),
            "form": ProductFollowForm(
                initial={"frequency": follow.frequency}, auto_id=f"id_follow{follow.pk}_%s"
            ),
        }
        for follow in follows.order_by("product__title")
    ]
