"""Keep the member index and the cached facet counts in sync: whatever changes an organisation's document (the organisation, its
agreements, its joining agreements and supplier records, or a product it links to) queues an update
of the organisations concerned once the transaction commits."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from community.models import Agreement, Organisation
from products.models import JoiningAgreement, ProductPage, ProductSupplier

from .directory import data_changed, engine_configured
from .tasks import sync_members


def queue(ids):
    # Cached facet counts are dropped now and again once the change is committed, so no request can
    # cache counts from before the commit under the new version.
    data_changed()
    transaction.on_commit(data_changed)
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


@receiver([post_save, post_delete], sender=ProductPage)
def product_changed(sender, instance, **kwargs):
    """A product's title, slug or publication shows in every linked organisation's facets."""
    if not engine_configured():
        queue([])  # only the cached counts need dropping
        return
    queue(
        [
            *JoiningAgreement.objects.filter(product_id=instance.pk).values_list(
                "organisation_id", flat=True
            ),
            *ProductSupplier.objects.filter(product_id=instance.pk).values_list("organisation_id", flat=True),
        ]
    )
