import re

from allauth.account.models import EmailAddress
from django import forms
from django.contrib.auth import get_user_model, login
from django.contrib.auth.password_validation import validate_password
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .models import INVITATION_DAYS, MemberInvitation


class InvitationAccountForm(forms.Form):
    name = forms.CharField(
        label=_("Dit navn"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password = forms.CharField(
        label=_("Vælg en adgangskode"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Mindst 8 tegn, og ikke kun tal."),
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_password(self):
        password = self.cleaned_data["password"]
        validate_password(password, get_user_model()(username=self.email, email=self.email))
        return password

    def clean(self):
        if get_user_model().objects.filter(email__iexact=self.email).exists():
            raise forms.ValidationError(
                _("Der findes allerede en konto med denne e-mail. Log ind, og åbn linket igen."),
                code="exists",
            )
        return super().clean()


# What new_invitation_token() makes (URL-safe base64); anything else is no token at all.
TOKEN_CHARACTERS = re.compile(r"[A-Za-z0-9_-]+")


def accept_invitation(request, token):
    """The first member account of a newly approved organisation, for the address the invitation was
    sent to only, once, within INVITATION_DAYS. A person signed in with that address accepts for their
    account; otherwise the form creates the account with it."""
    if not TOKEN_CHARACTERS.fullmatch(token):
        return render(request, "400.html", status=400)
    invitation = get_object_or_404(MemberInvitation.objects.select_related("organisation"), token=token)
    if invitation.accepted_at or invitation.is_expired:
        return TemplateResponse(
            request,
            "community/invitation_used.html",
            {"invitation": invitation, "days": INVITATION_DAYS},
            status=410,
        )
    if request.user.is_authenticated and not _has_address(request.user, invitation.email):
        return TemplateResponse(
            request,
            "community/invitation.html",
            {"invitation": invitation, "wrong_account": True},
            status=403,
        )
    if request.user.is_authenticated and request.method == "POST":
        invitation.accept(request.user)
        return redirect(invitation.organisation.get_absolute_url())
    form = None
    if not request.user.is_authenticated:
        form = InvitationAccountForm(request.POST or None, email=invitation.email)
        if request.method == "POST" and form.is_valid():
            user = create_member_user(
                invitation.email, form.cleaned_data["name"], form.cleaned_data["password"]
            )
            invitation.accept(user)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect(invitation.organisation.get_absolute_url())
    return TemplateResponse(request, "community/invitation.html", {"invitation": invitation, "form": form})


def _has_address(user, email):
    """Whether the account has proven it owns `email`."""
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def create_member_user(email, name, password):
    first_name, _space, last_name = name.partition(" ")
    user = get_user_model().objects.create_user(
        username=email.lower(), email=email, password=password, first_name=first_name, last_name=last_name
    )
    # The invitation went to this address, so it is already verified.
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user
