"""Following a product from its page or Min side (a plain form, so it works without JavaScript), and
stopping from the link in every mail without logging in: the link shows a page that asks, and the
button on it stops the follow (a mail scanner that opens links stops nothing)."""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from home.i18n import localized_path
from products.models import ProductPage

from ..members.models import approved_organisation
from . import services
from .forms import ProductFollowForm
from .models import FollowFrequency, ProductFollow


def _product(request, pk):
    product = get_object_or_404(ProductPage.objects.live(), pk=pk)
    if not all(restriction.accept_request(request) for restriction in product.get_view_restrictions()):
        raise PermissionDenied
    return product


def _back(request, product):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(localized_path(product.get_url(request)) + "#foelg")


@require_POST
def product_follow(request, pk):
    product = _product(request, pk)
    if approved_organisation(request.user) is None:
        raise PermissionDenied(_("Kun medlemmer kan følge et produkt."))
    if request.POST.get("action") == "unfollow":
        services.unfollow(product, request.user)
        messages.success(request, _("Du følger ikke længere %(product)s.") % {"product": product.title})
        return _back(request, product)
    form = ProductFollowForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vælg, hvor ofte du vil have e-mails om produktet."))
        return _back(request, product)
    frequency = form.cleaned_data["frequency"]
    services.follow(product, request.user, frequency, language=get_language())
    messages.success(
        request,
        _("Du følger %(product)s. E-mails: %(frequency)s.")
        % {"product": product.title, "frequency": FollowFrequency(frequency).label.lower()},
    )
    return _back(request, product)


@require_http_methods(["GET", "POST"])
def product_unfollow(request, token):
    """The link in a product mail. GET asks; POST stops the follow the token names."""
    try:
        follow = ProductFollow.for_unfollow_token(token)
    except signing.BadSignature:
        return TemplateResponse(request, "community/product_unfollow.html", {"invalid": True}, status=400)
    if follow is None:
        return TemplateResponse(request, "community/product_unfollow.html", {"gone": True})
    if request.method == "POST":
        product = follow.product
        follow.delete()
        return TemplateResponse(
            request,
            "community/product_unfollow.html",
            {"done": True, "product": product, "product_url": localized_path(product.get_url(request))},
        )
    return TemplateResponse(
        request,
        "community/product_unfollow.html",
        {
            "follow": follow,
            "product": follow.product,
            "product_url": localized_path(follow.product.get_url(request)),
            "action": reverse("product_unfollow", args=[token]),
        },
    )
