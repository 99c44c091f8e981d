"""Views outside the page tree: a product's publiccode.yml, and the admin import of one."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.auth import require_admin_access

from home.addresses import absolute_url

from .models import ProductPage
from .publiccode import MAX_SIZE, apply, catalogue, changes_for, export_yaml, parse, product_path


def publiccode_yml(request, slug):
    product = ProductPage.objects.visible_to_public().filter(slug=slug).first()
    if product is None:
        raise Http404
    response = HttpResponse(export_yaml(product), content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="publiccode.yml"'
    return response


def publiccode_json(request):
    """Every product's publiccode data in one document, for crawlers of software catalogues."""
    return JsonResponse(catalogue(), json_dumps_params={"ensure_ascii": False})


class PubliccodeImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Fil"), required=False, help_text=gettext_lazy("publiccode.yml, højst 256 kB.")
    )
    text = forms.CharField(
        label=gettext_lazy("Eller indsæt indholdet"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload:
            if upload.size > MAX_SIZE:
                raise ValidationError(_("Filen er for stor (højst 256 kB)."))
            try:
                cleaned["text"] = upload.read().decode("utf-8")
            except UnicodeDecodeError as error:
                raise ValidationError(_("Filen skal være tekst i UTF-8.")) from error
        if not cleaned.get("text", "").strip():
            raise ValidationError(_("Vælg en fil, eller indsæt indholdet af en publiccode.yml."))
        return cleaned


@require_admin_access
def import_publiccode(request, page_id):
    """Step 1 shows what the file would change; step 2 (confirm) saves it as a new revision."""
    product = get_object_or_404(ProductPage, pk=page_id)
    if not product.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    draft = product.get_latest_revision_as_object()
    landing_url = absolute_url(product_path(product))
    context = {"product": product, "problems": [], "changes": None}
    form = PubliccodeImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        data, problems = parse(text)
        if not problems:
            changes = changes_for(draft, data, landing_url)
            apply(draft, data, landing_url)
            try:
                draft.full_clean()
            except ValidationError as error:
                problems = [f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items()]
        if problems:
            context["problems"] = problems
        elif request.POST.get("confirm") == "1":
            if not changes:
                messages.info(request, _("Filen ændrer intet ved %(product)s.") % {"product": product.title})
            else:
                draft.save_revision(user=request.user, log_action=True)
                messages.success(
                    request,
                    _("%(count)s felter er gemt som en ny kladde af %(product)s. Send den til godkendelse.")
                    % {"count": len(changes), "product": product.title},
                )
            return redirect("wagtailadmin_pages:edit", product.pk)
        else:
            context["changes"] = changes
            context["text"] = text
    context["form"] = form
    return TemplateResponse(request, "products/admin/import_publiccode.html", context)
