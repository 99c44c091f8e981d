"""`/bliv-medlem/`: the page where organisations apply to join OS2. What it does with an application
is in `views`."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from home.models import BodyPage

from . import views
from .models import AgreementTemplate


class JoinPage(RoutablePageMixin, BodyPage):
    """`/bliv-medlem/`: the two ways in, the agreement templates, and the application forms."""

    public_fee = models.PositiveIntegerField(
        _("årligt kontingent (kr. ekskl. moms)"),
        default=25_000,
        help_text=_("Det årlige kontingent for offentlige myndigheder, vist på siden."),
    )
    public_commitments = models.TextField(
        _("hvad et offentligt medlem forpligter sig til"),
        blank=True,
        help_text=_("Én forpligtelse pr. linje."),
    )
    supplier_commitments = models.TextField(
        _("hvad en leverandørpartner forpligter sig til"),
        blank=True,
        help_text=_("Én forpligtelse pr. linje."),
    )
    code_of_conduct_url = models.URLField(
        _("adresse på code of conduct"),
        blank=True,
        help_text=_("Adressen på OS2's code of conduct, som ansøgerne skal acceptere."),
    )

    content_panels = BodyPage.content_panels + [
        FieldPanel("public_fee"),
        FieldPanel("public_commitments"),
        FieldPanel("supplier_commitments"),
        FieldPanel("code_of_conduct_url"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    # One in each language: under the Danish front page and under its translations.
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("bliv medlem-side")
        verbose_name_plural = _("bliv medlem-sider")

    def lines(self, text):
        return [line.strip() for line in text.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["public_commitments"] = self.lines(self.public_commitments)
        context["supplier_commitments"] = self.lines(self.supplier_commitments)
        context["agreement_templates"] = AgreementTemplate.objects.select_related("document")
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    @path("ansoeg/<str:application_path>/", name="apply")
    def apply(self, request, application_path):
        return views.apply(request, self, application_path)

    @path("tak/", name="thanks")
    def thanks(self, request):
        return self.render(request, template="community/join_page_thanks.html")

    @path("aftaler/", name="agreements")
    def agreements(self, request):
        return self.render(request, template="community/join_page_agreements.html")
