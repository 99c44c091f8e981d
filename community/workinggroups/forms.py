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


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Afgørelse"),
        choices=[("approve", _("Godkend")), ("decline", _("Afvis"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Begrundelse (sendes til personen ved afvisning)"), required=False, widget=forms.Textarea
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Skriv en begrundelse for afvisningen."))
        return cleaned
