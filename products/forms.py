"""The secretariat's governance matrix: one form per product with a row for every criterion."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.validators import validate_pdf

from .criteria import CriterionAssessment, Rating, rating_passes
from .join_requests import JoinRequest


class CriterionRowForm(forms.Form):
    """One criterion's assessment. Its initial values are the latest assessment, so an unchanged row
    is left as it is and a changed one becomes a new dated assessment."""

    rating = forms.ChoiceField(
        label=_("Vurdering"), choices=[("", _("Ikke vurderet"))] + list(Rating.choices), required=False
    )
    evidence_url = forms.URLField(label=_("Dokumentation (link)"), required=False, assume_scheme="https")
    note = forms.CharField(
        label=_("Forklaring"), required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 30})
    )
    assessed_on = forms.DateField(label=_("Vurderet den"), required=False)

    def __init__(self, *args, criterion, latest=None, **kwargs):
        self.criterion = criterion
        self.latest = latest
        if latest is not None:
            kwargs["initial"] = {
                "rating": latest.rating,
                "evidence_url": latest.evidence_url,
                "note": latest.note,
                "assessed_on": latest.assessed_on,
            }
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if self.has_changed() and not cleaned.get("rating"):
            self.add_error("rating", _("Vælg en vurdering for et kriterie, du ændrer."))
        if (
            self.has_changed()
            and cleaned.get("assessed_on")
            and cleaned["assessed_on"] > timezone.localdate()
        ):
            self.add_error("assessed_on", _("Datoen kan ikke ligge i fremtiden."))
        return cleaned

    @property
    def passes(self):
        """Whether the row, as filled in, meets the criterion (for the level before saving)."""
        if self.is_bound and self.is_valid() and self.has_changed():
            return rating_passes(self.cleaned_data["rating"], self.cleaned_data["note"])
        return self.latest.passes if self.latest else False


class GovernanceMatrix:
    """The rows of one product, bound to the POSTed data when there is any."""

    def __init__(self, product, criteria, latest, data=None):
        self.product = product
        self.rows = [
            CriterionRowForm(
                data, prefix=f"c{criterion.pk}", criterion=criterion, latest=latest.get(criterion.pk)
            )
            for criterion in criteria
        ]

    def is_valid(self):
        return all(row.is_valid() for row in self.rows)

    @property
    def errors(self):
        return [row for row in self.rows if row.errors]

    def changed_rows(self):
        return [row for row in self.rows if row.has_changed()]

    def save(self, user):
        """A new assessment (with its revision, as the snippet editor keeps) per changed row; the day's
        assessment of a criterion is replaced if it was already assessed that day."""
        saved = []
        today = timezone.localdate()
        for row in self.changed_rows():
            data = row.cleaned_data
            assessment, _created = CriterionAssessment.objects.update_or_create(
                product=self.product,
                criterion=row.criterion,
                assessed_on=data["assessed_on"]
                if data["assessed_on"] and "assessed_on" in row.changed_data
                else today,
                defaults={
                    "rating": data["rating"],
                    "evidence_url": data["evidence_url"],
                    "note": data["note"],
                },
            )
            assessment.save_revision(user=user, log_action=True)
            saved.append(assessment)
        return saved


class JoinRequestForm(forms.ModelForm):
    """A member organisation's request to pledge support to or join a product: the signed agreement as a
    PDF, or word that it follows, and a note. Who may ask, and for what, is checked again on sending
    (`offer`), so a page left open since the organisation joined cannot make a second request."""

    class Meta:
        model = JoinRequest
        fields = ["agreement_file", "agreement_later", "note"]
        labels = {
            "agreement_file": _("Underskrevet tilslutningsaftale (PDF)"),
            "agreement_later": _("Vi sender den underskrevne aftale senere"),
            "note": _("Bemærkning til sekretariatet"),
        }
        help_texts = {"agreement_file": _("Den underskrevne aftale som PDF, højst 10 MB.")}
        widgets = {
            "agreement_file": forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, offer, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer = offer

    def clean_agreement_file(self):
        upload = self.cleaned_data.get("agreement_file")
        if upload:
            validate_pdf(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if self.offer.problem:
            raise forms.ValidationError(self.offer.problem)
        if not self.offer.may_request:
            raise forms.ValidationError(
                _("Kun godkendte brugere i en medlemsorganisation kan sende en anmodning.")
            )
        if (
            "agreement_file" not in self.errors
            and not cleaned.get("agreement_file")
            and not cleaned.get("agreement_later")
        ):
            self.add_error(
                "agreement_file",
                _("Vælg den underskrevne aftale som PDF, eller markér, at I sender den senere."),
            )
        return cleaned
