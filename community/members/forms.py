"""Forms people fill in on the public site: signing up as a member, and editing their organisation."""

from allauth.account.forms import LoginForm, SignupForm
from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField

from .models import Affiliation, Organisation

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_PIXELS = 4_000_000
LOGO_FORMATS = ["png", "jpg", "jpeg", "webp"]


class MemberLoginForm(LoginForm):
    """allauth's login form without the password reset link in the password field's hint: there it came
    between the e-mail and the password in the Tab order. The login page links to it after the form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = ""


class MemberSignupForm(SignupForm):
    """allauth's signup (e-mail and password) plus who the person is and the organisation they act for.
    The account starts as a pending affiliation that the secretariat approves."""

    first_name = forms.CharField(
        label=_("Fornavn"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Efternavn"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    job_title = forms.CharField(
        label=_("Stilling"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.filter(is_member=True).only("name"),
        empty_label=_("Vælg din organisation"),
        help_text=_(
            "Den myndighed eller leverandørpartner, du arbejder for. Sekretariatet godkender, at du hører til den."
        ),
        error_messages={"invalid_choice": _("Vælg en organisation fra listen.")},
    )

    field_order = ["first_name", "last_name", "job_title", "organisation", "email", "password1", "password2"]

    def custom_signup(self, request, user):
        Affiliation.objects.create(
            user=user,
            organisation=self.cleaned_data["organisation"],
            job_title=self.cleaned_data["job_title"],
        )


class LogoField(WagtailImageField):
    """A logo upload: a real PNG, JPEG or WebP image (checked by content, not by name), at most 2 MB and
    4 megapixels. SVG is refused: it can carry scripts."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed_image_extensions = LOGO_FORMATS
        self.max_upload_size = LOGO_MAX_BYTES
        self.max_image_pixels = LOGO_MAX_PIXELS
        self.help_text = _("PNG, JPEG eller WebP, højst 2 MB og 4 megapixel.")
        self.widget.attrs["accept"] = "image/png,image/jpeg,image/webp"
        self.error_messages.update(
            {
                "invalid_image": _("Filen er ikke et billede, vi kan læse. Brug PNG, JPEG eller WebP."),
                "invalid_image_extension": _(
                    "Logoet skal være PNG, JPEG eller WebP (ikke SVG eller andre formater)."
                ),
                "invalid_image_known_format": _(
                    "Filen hedder .%(extension)s, men indholdet er %(image_format)s. Gem billedet i det rigtige format."
                ),
                "file_too_large": _(
                    "Filen er for stor (%(file_size)s). Logoet må højst fylde %(max_filesize)s."
                ),
                "file_too_many_pixels": _(
                    "Billedet har for mange pixels (%(num_pixels)s). Højst %(max_pixels_count)s er tilladt."
                ),
                "file_too_large_unknown_size": _("Filen er for stor. Logoet må højst fylde 2 MB."),
            }
        )


class OrganisationProfileForm(forms.ModelForm):
    """What an approved member may change on their organisation's public profile. Name, kind, CVR,
    agreements and membership dates are the secretariat's."""

    website = forms.URLField(
        label=_("Websted"),
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text=_("Hele adressen, fx https://www.aarhus.dk"),
        error_messages={"invalid": _("Skriv en hel webadresse, fx https://www.aarhus.dk")},
    )
    new_logo = LogoField(label=_("Nyt logo"), required=False)
    remove_logo = forms.BooleanField(label=_("Fjern det nuværende logo"), required=False)

    class Meta:
        model = Organisation
        fields = ["description", "why_os2", "website", "contact_name", "contact_email", "contact_phone"]
        labels = {
            "description": _("Kort beskrivelse"),
            "why_os2": _("Hvorfor vi er med i OS2"),
            "contact_name": _("Kontaktperson"),
            "contact_email": _("Kontaktpersonens e-mail"),
            "contact_phone": _("Kontaktpersonens telefon"),
        }
        help_texts = {
            "description": _(
                "Et par linjer om organisationen. Vises øverst på profilen og i medlemsoversigten."
            ),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
            "why_os2": forms.Textarea(attrs={"rows": 6, "maxlength": 3000}),
        }
        error_messages = {
            "contact_email": {"invalid": _("Skriv en gyldig e-mailadresse, fx navn@kommune.dk")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, limit in (("description", 1000), ("why_os2", 3000)):
            self.fields[name].validators.append(
                MaxLengthValidator(
                    limit, _("Teksten er for lang: højst %(limit_value)d tegn (nu %(show_value)d).")
                )
            )
        if not self.instance.logo_id:
            del self.fields["remove_logo"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("new_logo") and cleaned.get("remove_logo"):
            self.add_error("remove_logo", _("Vælg enten et nyt logo eller at fjerne logoet, ikke begge."))
        return cleaned


class DeleteAccountForm(forms.Form):
    """Deleting the account needs the password, so a session left open cannot delete it."""

    password = forms.CharField(
        label=_("Din adgangskode"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Adgangskoden er ikke korrekt."))
        return password
