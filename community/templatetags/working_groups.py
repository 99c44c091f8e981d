"""The working groups on a product's page and an organisation's profile, each in its own template so
the pages that show them need one line."""

from django import template

from home.i18n import localized_path

from ..workinggroups.listing import (
    cached_product_group_summaries,
    cached_product_groups,
    organisation_seats,
    user_standing,
)

register = template.Library()


@register.inclusion_tag("community/working_groups/product_groups.summary.html", takes_context=True)
def product_working_groups_summary(context, product, tab_url):
    """The overview's short list of the groups, linking to the "Arbejdsgrupper" tab at `tab_url`; the
    groups in full when the product has no such tab (`tab_url` empty), so nothing is out of reach."""
    if not tab_url:
        return {**product_working_groups(context, product), "summaries": None}
    return {
        "request": context["request"],
        "product": product,
        "summaries": {
            "tab_url": tab_url,
            "groups": cached_product_group_summaries(context["request"], product, tab_url),
        },
    }


@register.inclusion_tag("community/working_groups/product_groups.html", takes_context=True)
def product_working_groups(context, product):
    """Each group in full: members, meetings and the signed-in person's way in or out."""
    request = context["request"]
    seats, asked = user_standing(request.user)
    # The groups are the same for everyone (cached); the person's own standing is added to a copy.
    groups = [
        {**group, "is_member": group["pk"] in seats, "withdraw_url": asked.get(group["pk"], "")}
        for group in cached_product_groups(request, product)
    ]
    return {
        "request": request,
        "product": product,
        "groups": groups,
    }


@register.inclusion_tag("community/working_groups/organisation_groups.html", takes_context=True)
def organisation_working_groups(context, organisation):
    request = context["request"]
    seats = []
    for member in organisation_seats(organisation):
        product = member.group.product
        seats.append(
            {
                "name": member.person_name,
                "role": member.get_role_display(),
                "group": member.group.name,
                "product": product.title,
                "product_url": localized_path(product.get_url(request)),
            }
        )
    return {"request": request, "seats": seats}
