from allauth.account.models import EmailAddress
from django import forms
from django.contrib.auth import get_user_model, login
from django.contrib.auth.password_validation import validate_password
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .models import MemberInvitation


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


def accept_invitation(request, token):
    """The first member account of a newly approved organisation. A signed-in person accepts for their
    own account; otherwise the form creates the account, with the e-mail the invitation was sent to."""
    invitation = get_object_or_404(MemberInvitation.objects.select_related("organisation"), token=token)
    if invitation.accepted_at:
        return TemplateResponse(
            request, "community/invitation_used.html", {"invitation": invitation}, status=410
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


def create_member_user(email, name, password):
    first_name, _space, last_name = name.partition(" ")
    user = get_user_model().objects.create_user(
        username=email.lower(), email=email, password=password, first_name=first_name, last_name=last_name
    )
    # The invitation went to this address, so it is already verified.
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user
