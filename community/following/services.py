"""Following a product, and recording what its followers hear about: published news and events about
it, a change of its governance level, a new release, a project linked to it. Each is recorded once
(`record`), mailed at once to those who chose that, and bundled into the daily digest for the rest."""

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import get_language

from products.models import ProductPage

from . import emails
from .models import FollowFrequency, ProductFollow, ProductUpdate, UpdateKind


def follow(product, user, frequency=FollowFrequency.INSTANT, language=None):
    follow, _created = ProductFollow.objects.update_or_create(
        product=product,
        user=user,
        defaults={"frequency": frequency, "language": language or get_language() or "da"},
    )
    return follow


def unfollow(product, user):
    ProductFollow.objects.filter(product=product, user=user).delete()


def record(product, kind, source, title, url="", text="", from_level=None, to_level=None):
    """Records what happened once per product and source, and mails the instant followers. Returns the
    update, or None when it was recorded before (a page published again)."""
    update, created = ProductUpdate.objects.get_or_create(
        product=product,
        source=source,
        defaults={
            "kind": kind,
            "title": title[:300],
            "url": url,
            "text": text,
            "from_level": from_level,
            "to_level": to_level,
        },
    )
    if not created:
        return None
    emails.product_updated(update)
    return update


def _danish(reverse_url):
    # Stored as the Danish address; each mail gives it in its reader's language (localized_path).
    with translation.override(settings.LANGUAGE_CODE):
        return reverse_url()


def _page_path(page):
    url = page.get_url()
    return url or ""


def page_published(page, kind):
    """A news item or an event was published: each product it is about hears of it, the first time,
    and so does the product each of its projects became (a page about both is told once). Its
    translations are the same news, not new ones."""
    if page.locale.language_code != settings.LANGUAGE_CODE:
        return
    products = ProductPage.objects.filter(
        Q(pk__in=page.related_products.values("pk"))
        | Q(pk__in=page.related_projects.filter(live=True).values("product"))
    )
    for product in products:
        record(
            product,
            kind,
            f"{kind}:{page.pk}",
            page.title,
            url=_page_path(page),
            text=getattr(page, "introduction", "") or "",
        )


def release_added(release):
    record(
        release.product,
        UpdateKind.RELEASE,
        f"version:{release.pk}",
        release.version,
        url=_page_path(release.product),
        text=release.notes,
    )


def project_linked(project):
    """A published project that names the product (the product it became, or touches)."""
    if project.live and project.product_id:
        record(
            project.product,
            UpdateKind.PROJECT,
            f"projekt:{project.pk}",
            project.title,
            url=_danish(project.get_absolute_url),
            text=project.summary,
        )


def level_changed(product, before, after):
    """A governance assessment moved the product to another level."""
    if before == after:
        return None
    return record(
        product,
        UpdateKind.LEVEL,
        f"niveau:{timezone.now().isoformat()}",
        str(after),
        url=_page_path(product) + "governance/",
        from_level=before,
        to_level=after,
    )
