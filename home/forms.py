"""Form pieces shared by every module."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200


class HoneypotInput(forms.TextInput):
    template_name = "components/honeypot_input.html"


class HoneypotField(forms.CharField):
    """A text field hidden from people (by CSS, not type=hidden) that bots fill in. A form with it
    filled is treated as spam: accepted silently, never saved."""

    is_honeypot = True
    widget = HoneypotInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Lad dette felt være tomt"))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "autocomplete": "off", "tabindex": "-1"}


class QuickSelect(forms.Select):
    """A single-choice list written here rather than through Django's templates, which render each
    option through two more: a list of every product took longer than the rest of its page (18 ms for
    two hundred options, against 4 ms here). The HTML is the same."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], flatatt(option["attrs"]), option["label"])
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )


def design_system_class(widget):
    """The Det Fælles Designsystem class of a widget."""
    if isinstance(widget, forms.CheckboxInput):
        return "form-checkbox"
    if isinstance(widget, forms.RadioSelect):
        return "form-radio"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "form-checkbox"
    if isinstance(widget, forms.Select):
        return "form-select"
    if isinstance(widget, forms.FileInput):
        return "form-file-input"
    if isinstance(widget, (forms.widgets.Input, forms.Textarea)) and not isinstance(
        widget, forms.HiddenInput
    ):
        return "form-input"
    return ""


def widget_classes(field):
    """The classes of a field's widget with its design-system class among them (once)."""
    existing = field.widget.attrs.get("class", "").split()
    css_class = design_system_class(field.widget)
    if css_class and css_class not in existing and not getattr(field, "is_honeypot", False):
        return " ".join([*existing, css_class])
    return " ".join(existing)


def with_design_system_classes(form):
    """Give each visible widget of a form its design-system class (once), so every form looks alike,
    ours and those of libraries (allauth) alike."""
    for field in form.fields.values():
        if classes := widget_classes(field):
            field.widget.attrs["class"] = classes
    return form


def clean_query(raw):
    """The words of a visitor's query: control characters and quotes (query syntax some backends
    reject) become spaces, whitespace is collapsed, and the length is capped."""
    text = "".join(" " if (not char.isprintable() or char in '"\\') else char for char in raw)
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


class DecisionForm(forms.Form):
    """Approving or declining a request in the admin. A decline needs a reason: the one who asked is
    sent it."""

    reason_label = _("Begrundelse (sendes til personen ved afvisning)")

    decision = forms.ChoiceField(
        label=_("Afgørelse"),
        choices=[("approve", _("Godkend")), ("decline", _("Afvis"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(required=False, widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = self.reason_label

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Skriv en begrundelse for afvisningen."))
        return cleaned
