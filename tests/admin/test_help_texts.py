"""Every field an editor fills in the admin has a Danish help text: the edit forms of the site's own
pages, snippets and settings, with their inline forms, as Wagtail builds them."""

import pytest
from django import forms
from wagtail.models import get_page_models
from wagtail.snippets.models import get_snippet_models

from .english import english_of

# Wagtail's own: commenting (the comments side panel and its notification switch), and the publishing
# schedule, whose two dates Wagtail shows only in its dialog "Vælg, hvornår siden skal udgives
# og/eller udløbe".
WAGTAIL_OWN = ("comments", "comment_notifications", "go_live_at", "expire_at")
SITE_APPS = {"home", "products", "community", "search", "os2site"}


def site_models():
    models = [m for m in get_page_models() if m._meta.app_label in SITE_APPS and not m._meta.abstract]
    models += [m for m in get_snippet_models() if m._meta.app_label in SITE_APPS]
    from wagtail.contrib.settings.registry import registry

    models += [m for m in registry if m._meta.app_label in SITE_APPS]
    return sorted(set(models), key=lambda m: m._meta.label)


def edit_form_class(model):
    from wagtail.models import Page

    if issubclass(model, Page):
        return model.get_edit_handler().get_form_class()
    if hasattr(model, "snippet_viewset"):
        return model.snippet_viewset.get_edit_handler().get_form_class()
    from wagtail.admin.panels import get_edit_handler

    return get_edit_handler(model).get_form_class()


def filled_fields(form_class, prefix=""):
    """The fields an editor fills: visible ones, with the inline forms' fields."""
    for name, field in form_class.base_fields.items():
        if isinstance(field.widget, forms.HiddenInput) or name in ("DELETE", "ORDER", "id") + WAGTAIL_OWN:
            continue
        yield f"{prefix}{name}", field
    for name, formset in getattr(form_class, "formsets", {}).items():
        if name not in WAGTAIL_OWN:
            yield from filled_fields(formset.form, prefix=f"{prefix}{name}.")


@pytest.mark.django_db
def test_every_field_editors_fill_has_a_danish_help_text():
    missing = []
    for model in site_models():
        for name, field in filled_fields(edit_form_class(model)):
            text = str(field.help_text or "").strip()
            if not text or english_of(text):
                missing.append(f"{model._meta.label}.{name}: {text!r}")
    assert not missing, "Fields without a Danish help text:\n" + "\n".join(missing)
