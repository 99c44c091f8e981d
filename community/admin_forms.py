"""The secretariat's form for deciding on a membership in the Wagtail admin."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .accounts import notify_member_of_decision
from .models import MembershipStatus


class MembershipAdminForm(WagtailAdminModelForm):
    """Choosing "Godkendt" or "Afvist" records who decided and when, and e-mails the person. A rejection
    needs a reason: the person reads it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.original_status = self.instance.status if self.instance.pk else None

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") == MembershipStatus.REJECTED
            and not (cleaned.get("rejection_reason") or "").strip()
        ):
            self.add_error(
                "rejection_reason",
                forms.ValidationError(
                    _("Skriv en begrundelse. Personen får den at se i e-mailen om afvisningen."),
                    code="required",
                ),
            )
        return cleaned

    @property
    def decided(self):
        status = self.cleaned_data.get("status")
        return status != self.original_status and status in (
            MembershipStatus.APPROVED,
            MembershipStatus.REJECTED,
        )

    def save(self, commit=True):
        membership = super().save(commit=False)
        if self.decided:
            membership.decide(membership.status, self.for_user, self.cleaned_data.get("rejection_reason", ""))
        if commit:
            membership.save()
            self.save_m2m()
            if self.decided:
                notify_member_of_decision(membership)
        return membership
