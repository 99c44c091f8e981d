from django import forms
from django.utils.translation import gettext_lazy as _

from home.forms import HoneypotField

from .models import KINDS_BY_PATH, ApplicationPath, JoinApplication


class ApplicationForm(forms.ModelForm):
    """One form for both ways in; the path decides the kinds offered and whether EAN is asked for."""

    # Spaces are allowed while typing; they are removed before the checks.
    cvr = forms.CharField(label=_("CVR-nummer"), max_length=20)
    ean = forms.CharField(label=_("EAN-nummer"), max_length=30, required=False)
    # Sent with the form so a double click cannot submit the same application twice.
    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    website = HoneypotField()
    accepted_code_of_conduct = forms.BooleanField(
        label=_("Vi har læst og accepterer OS2's code of conduct"),
        error_messages={"required": _("I skal acceptere code of conduct for at blive medlem.")},
    )

    class Meta:
        model = JoinApplication
        fields = [
            "organisation_name",
            "organisation_kind",
            "cvr",
            "ean",
            "address",
            "contact_name",
            "contact_email",
            "contact_phone",
            "agreement_file",
            "accepted_code_of_conduct",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "cvr": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": 8}),
            "ean": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": 13}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "agreement_file": forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        }
        help_texts = {
            "cvr": _("8 cifre, uden mellemrum."),
            "ean": _("13 cifre. Bruges til fakturering af kontingentet."),
            "agreement_file": _("Den underskrevne aftale som PDF, højst 10 MB."),
        }

    def __init__(self, *args, path, **kwargs):
        super().__init__(*args, **kwargs)
        self.path = path
        kinds = KINDS_BY_PATH[path]
        self.fields["organisation_kind"].choices = [(kind.value, kind.label) for kind in kinds]
        if len(kinds) == 1:
            self.fields["organisation_kind"].initial = kinds[0].value
            self.fields["organisation_kind"].widget = forms.HiddenInput()
        if path == ApplicationPath.PUBLIC:
            self.fields["ean"].required = True
        else:
            del self.fields["ean"]
        for name in ("cvr", "ean"):
            if name in self.fields:
                self.fields[name].error_messages["required"] = _("Udfyld %(field)s.") % {
                    "field": self.fields[name].label
                }

    def clean_cvr(self):
        return "".join(self.cleaned_data["cvr"].split())

    def clean_ean(self):
        return "".join(self.cleaned_data.get("ean", "").split())

    def is_bot(self):
        return bool(self.data.get("website"))

    def save(self, commit=True):
        application = super().save(commit=False)
        application.path = self.path
        application.submission_key = self.cleaned_data["submission_key"]
        if commit:
            application.save()
        return application
