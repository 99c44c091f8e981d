from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from .models import Organisation


def organisation_detail(request, slug):
    """An organisation's public profile: who they are, what they use and what they supply."""
    organisation = get_object_or_404(Organisation, slug=slug)
    joinings = (
        organisation.joining_agreements.filter(product__live=True)
        .select_related("product")
        .order_by("product__title")
    )
    supplies = (
        organisation.supplied_products.filter(product__live=True)
        .select_related("product")
        .order_by("product__title")
    )
    return TemplateResponse(
        request,
        "community/organisation_detail.html",
        {
            "organisation": organisation,
            "joinings": joinings,
            "supplies": supplies,
            "agreements": organisation.agreements.all(),
        },
    )
