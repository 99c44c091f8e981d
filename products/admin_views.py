"""The products' admin views: importing a product's publiccode.yml, and assessing its governance. (The
join requests' admin is in `admin`.)"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.auth import require_admin_access

from community.following.services import level_changed
from home.addresses import absolute_url

from .forms import GovernanceMatrix
from .governance import compute_level, governance_for, level_label, levels_for
from .models import ProductPage
from .publiccode import (
    MAX_SIZE,
    add_contacts,
    apply,
    changes_for,
    contact_problems,
    contacts_to_import,
    ignored_keys,
    parse,
    product_path,
)


class PubliccodeImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Fil"), required=False, help_text=gettext_lazy("publiccode.yml, højst 256 kB.")
    )
    text = forms.CharField(
        label=gettext_lazy("Eller indsæt indholdet"),
        required=False,
        help_text=gettext_lazy("Højst 256 kB."),
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
            contacts = contacts_to_import(draft, data)
            apply(draft, data, landing_url)
            try:
                draft.full_clean()
            except ValidationError as error:
                problems = [f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items()]
            problems += contact_problems(contacts)
        if problems:
            context["problems"] = problems
        elif request.POST.get("confirm") == "1":
            if not changes and not contacts:
                messages.info(request, _("Filen ændrer intet ved %(product)s.") % {"product": product.title})
            else:
                with transaction.atomic():
                    add_contacts(draft, contacts)
                    draft.save_revision(user=request.user, log_action=True)
                messages.success(
                    request,
                    _("%(count)s felter er gemt som en ny kladde af %(product)s. Send den til godkendelse.")
                    % {"count": len(changes) + (1 if contacts else 0), "product": product.title},
                )
            return redirect("wagtailadmin_pages:edit", product.pk)
        else:
            context["changes"] = changes
            context["contacts"] = contacts
            context["ignored"] = ignored_keys(data)
            context["text"] = text
    context["form"] = form
    return TemplateResponse(request, "products/admin/import_publiccode.html", context)


def _may_assess(user):
    return user.has_perm("products.add_criterionassessment") and user.has_perm(
        "products.change_criterionassessment"
    )


@require_admin_access
def governance_products(request):
    """The products with their level, each leading to its governance matrix."""
    if not _may_assess(request.user):
        raise PermissionDenied
    products = list(ProductPage.objects.order_by("title"))
    levels = levels_for(products)
    rows = [{"product": p, "governance": levels[p.pk]} for p in products]
    return TemplateResponse(request, "products/admin/governance_products.html", {"rows": rows})


@require_admin_access
def governance_matrix(request, page_id):
    """Every criterion of one product in one form: rating, evidence, note and date per criterion, the
    level the form yields shown before saving ("Beregn niveau"), and each changed row saved as a new
    dated assessment, so the level history on the product's governance tab records the round."""
    if not _may_assess(request.user):
        raise PermissionDenied
    product = get_object_or_404(ProductPage, pk=page_id)
    governance = governance_for([product])[product.pk]
    criteria = sorted(governance.criteria, key=lambda c: (c.level, c.theme, c.number, c.code))
    matrix = GovernanceMatrix(product, criteria, governance.latest, request.POST or None)
    preview_level = None
    if request.method == "POST" and matrix.is_valid():
        if request.POST.get("action") == "save":
            saved = matrix.save(request.user)
            if saved:
                new_level = governance_for([product])[product.pk].level
                level_changed(product, governance.level, new_level)
                level = level_label(new_level)
                messages.success(
                    request,
                    _("%(count)s vurderinger af %(product)s er gemt. Niveau: %(level)s.")
                    % {"count": len(saved), "product": product.title, "level": level},
                )
            else:
                messages.info(request, _("Intet er ændret."))
            return redirect("products_governance_matrix", page_id=product.pk)
        preview_level = compute_level(criteria, {row.criterion.pk: row for row in matrix.rows if row.passes})
    context = {
        "product": product,
        "matrix": matrix,
        "governance": governance,
        "current_label": governance.label,
        "preview": request.method == "POST" and matrix.is_valid(),
        "preview_label": level_label(preview_level),
        "changed_count": len(matrix.changed_rows()) if request.method == "POST" and matrix.is_valid() else 0,
    }
    return TemplateResponse(request, "products/admin/governance_matrix.html", context)
