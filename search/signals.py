"""Keep the member index in sync (the cached facet counts follow the page cache's generation): whatever changes an organisation's document (the organisation, its
agreements, its joining agreements and supplier records, a product it links to, or whether visitors
may open that product: a view restriction added or removed, a page moved) queues an update of the
organisations concerned once the transaction commits."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import post_page_move

from community.models import Agreement, Organisation
from products.models import JoiningAgreement, ProductPage, ProductSupplier

from .directory import engine_configured
from .tasks import sync_members


def queue(ids):
    ids = sorted({pk for pk in ids if pk})
    if ids and engine_configured():
        transaction.on_commit(partial(sync_members.enqueue, ids))


@receiver([post_save, post_delete], sender=Organisation)
def organisation_changed(sender, instance, **kwargs):
    queue([instance.pk])


@receiver([post_save, post_delete], sender=Agreement)
@receiver([post_save, post_delete], sender=JoiningAgreement)
@receiver([post_save, post_delete], sender=ProductSupplier)
def link_changed(sender, instance, **kwargs):
    queue([instance.organisation_id])


def linked_organisations(products):
    """Ids of the organisations that use or supply any of `products` (a queryset of product pages)."""
    return [
        *JoiningAgreement.objects.filter(product__in=products).values_list("organisation_id", flat=True),
        *ProductSupplier.objects.filter(product__in=products).values_list("organisation_id", flat=True),
    ]


@receiver([post_save, post_delete], sender=ProductPage)
def product_changed(sender, instance, **kwargs):
    """A product's title, slug or publication shows in every linked organisation's facets."""
    if not engine_configured():
        return
    queue(linked_organisations(ProductPage.objects.filter(pk=instance.pk)))


@receiver([post_save, post_delete], sender=PageViewRestriction)
def restriction_changed(sender, instance, **kwargs):
    """A restriction on a product, or on a page above products, hides them from (or shows them to) the
    directory's facets; the products under the page lose or regain their place in members' documents."""
    section_changed(Page.objects.filter(pk=instance.page_id).first())


@receiver(post_page_move)
def page_moved_to(sender, instance, **kwargs):
    """A page moved into or out of a restricted section takes the products under it along."""
    section_changed(instance)


def section_changed(page):
    if not engine_configured() or page is None:
        return
    queue(linked_organisations(ProductPage.objects.descendant_of(page, inclusive=True)))
