"""Following: members choose to hear about an idea or a product at once, in a daily digest, or not at
all. Ideas and products share the choice and its bookkeeping (`Follow`); what happened to a product is
kept as a log of updates (`ProductUpdate`), so instant mails and the daily digest tell the same story."""

from django.conf import settings
from django.core import signing
from django.db import models
from django.utils.translation import gettext_lazy as _

UNFOLLOW_SALT = "community.following.unfollow"


class FollowFrequency(models.TextChoices):
    INSTANT = "straks", _("Straks")
    DIGEST = "samlet", _("Samlet én gang i døgnet")
    OFF = "fra", _("Ingen e-mails")


class Follow(models.Model):
    """What every follow has: how often to mail, since when, and how far the daily digest has got."""

    frequency = models.CharField(
        _("e-mails"),
        max_length=10,
        choices=FollowFrequency.choices,
        default=FollowFrequency.INSTANT,
        help_text=_("Hvor ofte følgeren får mail: straks eller samlet."),
    )
    created_at = models.DateTimeField(_("følger siden"), auto_now_add=True)
    digest_sent_until = models.DateTimeField(
        _("samlet e-mail sendt til og med"), null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True

    def digest_since(self):
        return max(filter(None, [self.created_at, self.digest_sent_until]))


class ProductFollow(Follow):
    product = models.ForeignKey(
        "products.ProductPage",
        verbose_name=_("produkt"),
        on_delete=models.CASCADE,
        related_name="follows",
        help_text=_("Det produkt, der følges."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.CASCADE,
        related_name="product_follows",
        help_text=_("Den, der følger produktet."),
    )
    # Members have no language setting: mails go out in the language they followed in.
    language = models.CharField(
        _("sprog"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="da",
        help_text=_("Sproget, mailene skrives på."),
    )

    class Meta:
        verbose_name = _("følger af produkt")
        verbose_name_plural = _("følgere af produkter")
        constraints = [models.UniqueConstraint(fields=["product", "user"], name="follow_a_product_once")]

    def __str__(self):
        return f"{self.user} → {self.product}"

    def unfollow_token(self):
        """Names this follow, signed: the link in a mail stops this follow without a login, and no other."""
        return signing.dumps({"follow": self.pk, "user": self.user_id}, salt=UNFOLLOW_SALT, compress=True)

    @classmethod
    def for_unfollow_token(cls, token):
        """The follow a token names; None when it is gone. Raises signing.BadSignature when tampered."""
        data = signing.loads(token, salt=UNFOLLOW_SALT)
        return (
            cls.objects.select_related("product", "user")
            .filter(pk=data.get("follow"), user_id=data.get("user"))
            .first()
        )


class UpdateKind(models.TextChoices):
    NEWS = "nyhed", _("Nyhed")
    EVENT = "arrangement", _("Arrangement")
    LEVEL = "niveau", _("Governanceniveau")
    RELEASE = "version", _("Ny version")
    PROJECT = "projekt", _("Projekt")


class ProductUpdate(models.Model):
    """One thing that happened to a product that its followers hear about. `source` names what it was
    (a news page, a release), so publishing a page again does not tell anyone twice."""

    product = models.ForeignKey(
        "products.ProductPage", verbose_name=_("produkt"), on_delete=models.CASCADE, related_name="updates"
    )
    kind = models.CharField(_("slags"), max_length=20, choices=UpdateKind.choices)
    source = models.CharField(_("kilde"), max_length=100)
    title = models.CharField(_("titel"), max_length=300)
    url = models.CharField(_("adresse"), max_length=500, blank=True)
    text = models.TextField(_("tekst"), blank=True)
    from_level = models.PositiveSmallIntegerField(_("fra niveau"), null=True, blank=True)
    to_level = models.PositiveSmallIntegerField(_("til niveau"), null=True, blank=True)
    created_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)

    class Meta:
        verbose_name = _("nyt om et produkt")
        verbose_name_plural = _("nyt om produkter")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["product", "source"], name="one_update_per_product_and_source")
        ]

    def __str__(self):
        return f"{self.product}: {self.get_kind_display()} {self.title}"
