"""Gives any Django form's widgets the design system's classes, so forms we don't define ourselves
(allauth's login, password reset, e-mail forms) look like the rest of the site."""

from django import template

register = template.Library()

CLASSES = {
    "checkbox": "form-checkbox",
    "radio": "form-radio",
    "select": "form-select",
    "file": "form-file-input",
    "clearable_file": "form-file-input",
}


@register.filter
def dkfds(form):
    for field in form:
        widget = field.field.widget
        if widget.is_hidden:
            continue
        css = CLASSES.get(field.widget_type, "form-input")
        existing = widget.attrs.get("class", "")
        if css not in existing.split():
            widget.attrs["class"] = f"{existing} {css}".strip()
    return form
