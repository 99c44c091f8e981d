"""The forms members fill in. Every message is Danish; a filled-in honeypot field marks a bot."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from home.forms import HoneypotField

from ..following.forms import FollowForm as BaseFollowForm
from .attachments import MAX_FILES, validate_attachment
from .models import Idea, IdeaArea, Pledge, PledgeKind


class HoneypotMixin(forms.Form):
    """People do not see this field (it is hidden from view and from screen readers); bots fill it."""

    website = HoneypotField()

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Formularen kunne ikke sendes. Prøv igen."))
        return ""

    @property
    def is_bot(self):
        return bool(self.data.get(self.add_prefix("website")))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Du kan højst vedhæfte %(max)d filer.") % {"max": MAX_FILES})
        errors = []
        for upload in files:
            try:
                super().clean(upload, initial)
                validate_attachment(upload)
            except forms.ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise forms.ValidationError(errors)
        return files


class IdeaForm(HoneypotMixin, forms.ModelForm):
    attachments = MultipleFileField(
        label=_("Bilag"),
        required=False,
        help_text=_(
            "Højst 5 filer på op til 10 MB: pdf, docx, xlsx, pptx, odt, ods, odp, png, jpg, txt eller csv."
        ),
    )
    form_token = forms.UUIDField(widget=forms.HiddenInput)

    class Meta:
        model = Idea
        fields = ["title", "need", "benefit", "shared_with", "area"]
        widgets = {
            "need": forms.Textarea(attrs={"rows": 6}),
            "benefit": forms.Textarea(attrs={"rows": 5}),
            "shared_with": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": _("Skriv en titel.")},
            "need": {"required": _("Beskriv behovet.")},
            "benefit": {"required": _("Beskriv den forventede gevinst.")},
        }

    field_order = ["title", "need", "benefit", "shared_with", "area", "attachments", "website"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = IdeaArea.objects.all()
        self.fields["area"].empty_label = _("Vælg et område")
        if not self.is_bound:
            self.initial.setdefault(
                "form_token", self.instance.form_token if self.instance.pk else uuid.uuid4()
            )

    def clean_attachments(self):
        """At most MAX_FILES files on an idea in all, however many times it is edited."""
        files = self.cleaned_data["attachments"]
        existing = self.instance.attachments.count() if self.instance.pk else 0
        if files and existing + len(files) > MAX_FILES:
            raise forms.ValidationError(
                _("En idé kan højst have %(max)d bilag, og denne har allerede %(count)d.")
                % {"max": MAX_FILES, "count": existing}
            )
        return files

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if len(title) < 5:
            raise forms.ValidationError(_("Titlen skal være på mindst 5 tegn."))
        return title


class DraftIdeaForm(IdeaForm):
    """A draft may be saved half-written: only the title is needed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].required = False
        self.fields["benefit"].required = False


class PledgeForm(forms.ModelForm):
    class Meta:
        model = Pledge
        fields = ["kind", "amount", "note"]
        widgets = {
            "kind": forms.RadioSelect,
            "amount": forms.NumberInput(attrs={"min": 1, "step": 1}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"kind": _("Hvordan bakker I op?")}
        help_texts = {"amount": _("Kun ved medfinansiering: det beløb, I vil bidrage med.")}
        error_messages = {"kind": {"required": _("Vælg, hvordan I bakker op.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = PledgeKind.choices

    def clean(self):
        cleaned = super().clean()
        kind, amount = cleaned.get("kind"), cleaned.get("amount")
        if kind == PledgeKind.COFUND and not amount:
            self.add_error("amount", _("Skriv det beløb, I vil medfinansiere med."))
        elif amount is not None and amount <= 0:
            self.add_error("amount", _("Beløbet skal være større end 0."))
        elif kind != PledgeKind.COFUND:
            cleaned["amount"] = None
        return cleaned


class CommentForm(HoneypotMixin):
    body = forms.CharField(
        label=_("Din kommentar"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Skriv en kommentar."),
            "max_length": _("Kommentaren må højst være på %(limit_value)d tegn."),
        },
    )

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Skriv en kommentar."))
        return body


class FollowForm(BaseFollowForm):
    label = _("E-mails om denne idé")


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Hvorfor skal sekretariatet se på kommentaren?"),
        max_length=500,
        required=False,
    )
