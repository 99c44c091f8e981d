from django import forms
from django.utils.translation import gettext_lazy as _


class GroupRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Besked til gruppen"),
        help_text=_("F.eks. hvad du arbejder med, og hvad du kan bidrage med."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
