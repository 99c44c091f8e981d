"""Forms of the event pages: the event filters and the sign-up form."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from home.forms import QuickSelect
from products.models import ProductPage
from products.permissions import coordinated_products

from .models import EventKind, QuestionKind

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MONTH_NAMES = [
    _("januar"),
    _("februar"),
    _("marts"),
    _("april"),
    _("maj"),
    _("juni"),
    _("juli"),
    _("august"),
    _("september"),
    _("oktober"),
    _("november"),
    _("december"),
]


def month_choices(months):
    """The months a visitor can filter by, (year, month) in the order given."""
    return [("", _("Alle måneder"))] + [
        (f"{year}-{month:02d}", f"{MONTH_NAMES[month - 1]} {year}".capitalize()) for year, month in months
    ]


class EventFilterForm(forms.Form):
    """The filters of /arrangementer/: a plain GET form, so every filtered list has its own address.
    A filter with a value that is not on the list is ignored, never an error page."""

    DEFAULTS = {"tid": "kommende", "type": "", "produkt": "", "sted": "", "maaned": None}

    tid = forms.ChoiceField(
        label=_("Tid"),
        required=False,
        choices=[("kommende", _("Kommende")), ("tidligere", _("Tidligere"))],
        widget=forms.HiddenInput,
    )
    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("Alle typer")), *EventKind.choices],
        widget=QuickSelect,
    )
    produkt = forms.ChoiceField(label=_("Produkt"), required=False, widget=QuickSelect)
    sted = forms.ChoiceField(
        label=_("Sted"),
        required=False,
        choices=[("", _("Fysisk og online")), ("fysisk", _("Med fysisk fremmøde")), ("online", _("Online"))],
        widget=QuickSelect,
    )
    maaned = forms.ChoiceField(label=_("Måned"), required=False, widget=QuickSelect)

    def __init__(self, *args, products=(), months=(), **kwargs):
        """`products`: (slug, title) of the products to filter by; `months`: (year, month) that hold
        events of the chosen tab (upcoming or the archive)."""
        super().__init__(*args, **kwargs)
        self.fields["produkt"].choices = [("", _("Alle produkter"))] + list(products)
        self.fields["maaned"].choices = month_choices(months)

    def cleaned_filters(self):
        self.is_valid()
        filters = dict(self.DEFAULTS)
        for name in filters:
            value = self.cleaned_data.get(name) if name not in self.errors else None
            if value:
                filters[name] = value
        if filters["maaned"]:
            year, month = filters["maaned"].split("-")
            filters["maaned"] = (int(year), int(month))
        return filters


class CleanCharField(forms.CharField):
    """Text without control characters (they have no place in a name and break e-mail headers)."""

    def to_python(self, value):
        value = super().to_python(value)
        return CONTROL_CHARACTERS.sub("", value) if value else value


class RegistrationForm(forms.Form):
    """Sign-up: name and e-mail (taken from the account when signed in), then the event's questions."""

    name = CleanCharField(label=_("Navn"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), max_length=254)

    def __init__(self, *args, event, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.user = user if user is not None and user.is_authenticated else None
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        if self.user:
            full_name = self.user.get_full_name() or self.user.get_username()
            if self.user.email:
                # Name and address come from the account; the member does not type them again.
                del self.fields["name"]
                del self.fields["email"]
                self.account = (full_name, self.user.email)
            else:
                self.fields["name"].initial = full_name
        self.questions = list(event.questions.all())
        for question in self.questions:
            self.fields[f"question_{question.pk}"] = self.question_field(question)

    @staticmethod
    def question_field(question):
        common = {"label": question.label, "required": question.required}
        if question.kind == QuestionKind.LONG_TEXT:
            return CleanCharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 4}), **common)
        if question.kind == QuestionKind.CHOICE:
            return forms.ChoiceField(
                choices=[(c, c) for c in question.choice_list()], widget=forms.RadioSelect, **common
            )
        if question.kind == QuestionKind.YES_NO:
            return forms.ChoiceField(
                choices=[("Ja", _("Ja")), ("Nej", _("Nej"))], widget=forms.RadioSelect, **common
            )
        return CleanCharField(max_length=500, **common)

    def clean(self):
        cleaned = super().clean()
        if hasattr(self, "account"):
            cleaned["name"], cleaned["email"] = self.account
        return cleaned

    def answers(self):
        """The answers as (question, answer) pairs in the order of the questions, kept as asked."""
        return [
            {"question": question.label, "answer": self.cleaned_data.get(f"question_{question.pk}") or ""}
            for question in self.questions
        ]


class EventPageForm(WagtailAdminPageForm):
    """The admin's event form. For a product's coordinators, "related products" offers only their own
    products and must name one of them, so an event they write stays theirs (it would otherwise pass to
    another product's group); products others linked the event to are kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.own_products = coordinated_products(user) if user and not user.is_superuser else None
        if self.own_products is not None and not self.own_products.exists():
            self.own_products = None
        if self.own_products is None or "related_products" not in self.fields:
            return
        field = self.fields["related_products"]
        field.queryset = self.own_products
        field.required = True
        field.help_text = _(
            "Arrangementet hører til dit produkt; sekretariatet kan knytte flere produkter til."
        )
        if not self.instance.pk and not self.initial.get("related_products"):
            self.initial["related_products"] = list(self.own_products.values_list("pk", flat=True))

    def clean_related_products(self):
        chosen = self.cleaned_data["related_products"]
        if self.own_products is None:
            return chosen
        others = (
            self.instance.related_products.exclude(pk__in=self.own_products.values("pk"))
            if self.instance.pk
            else ProductPage.objects.none()
        )
        return ProductPage.objects.filter(pk__in=[p.pk for p in chosen] + [p.pk for p in others])
