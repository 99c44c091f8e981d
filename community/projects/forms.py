from django import forms
from django.utils.translation import gettext_lazy as _


class ProjectFromIdeaForm(forms.Form):
    """The one step that turns an idea into a project; the title can be shortened on the way."""

    title = forms.CharField(label=_("Projektets titel"), max_length=200)
