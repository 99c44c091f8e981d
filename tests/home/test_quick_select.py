"""QuickSelect writes the same list as Django's Select, chosen option, attributes and escaping alike."""

import pytest
from django import forms
from django.test.html import parse_html

from home.forms import QuickSelect

pytestmark = pytest.mark.factories

CHOICES = [("", "Alle"), ("os2mo", "OS2mo"), ("a&b", 'Tegn: <b> & "citat"'), ("æøå", "Æblegrød")]


@pytest.mark.parametrize("value", [None, "", "os2mo", "a&b", "æøå", "findes-ikke"])
def test_the_same_html_as_djangos_select(value):
    attrs = {"id": "id_produkt", "class": "form-select", "aria-describedby": "hjælp"}
    ours = QuickSelect(choices=CHOICES).render("produkt", value, attrs)
    django = forms.Select(choices=CHOICES).render("produkt", value, attrs)
    assert parse_html(ours) == parse_html(django)  # the same elements, attributes and text
    assert "<b>" not in ours


def test_in_a_form_the_chosen_value_stays_chosen():
    class Form(forms.Form):
        produkt = forms.ChoiceField(choices=CHOICES, required=False, widget=QuickSelect)

    html = str(Form({"produkt": "os2mo"})["produkt"])
    assert '<option value="os2mo" selected>OS2mo</option>' in html
    assert html.count(" selected") == 1
