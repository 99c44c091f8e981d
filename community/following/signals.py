"""What a product's followers hear about, as it happens: a news item or an event about the product is
published, a release is added, a published project names the product. (Governance level changes are
told by the assessment views, which know the level before and after a round of assessments.)"""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from products.models import ProductRelease

from ..events.pages import EventPage
from ..news.models import NewsPage
from ..projects.models import Project
from . import services
from .models import UpdateKind


@receiver(page_published, sender=NewsPage, dispatch_uid="following_news_published")
def news_published(sender, instance, **kwargs):
    services.page_published(instance, UpdateKind.NEWS)


@receiver(page_published, sender=EventPage, dispatch_uid="following_event_published")
def event_published(sender, instance, **kwargs):
    services.page_published(instance, UpdateKind.EVENT)


@receiver(post_save, sender=ProductRelease, dispatch_uid="following_release_added")
def release_added(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        services.release_added(instance)


@receiver(post_save, sender=Project, dispatch_uid="following_project_saved")
def project_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        services.project_linked(instance)
