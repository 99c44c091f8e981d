from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FollowFrequency


class FollowForm(forms.Form):
    """How often a member hears about what they follow (an idea, a product)."""

    label = _("E-mails")

    frequency = forms.ChoiceField(choices=FollowFrequency.choices, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["frequency"].label = self.label


class ProductFollowForm(FollowForm):
    label = _("E-mails om produktet")
