"""Validators for Danish public-sector identifiers and uploaded agreements, with Danish messages."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)
MAX_AGREEMENT_BYTES = 10 * 1024 * 1024


def validate_cvr(value):
    """A CVR number: 8 digits whose weighted sum (2,7,6,5,4,3,2,1) is divisible by 11."""
    if not (len(value) == 8 and value.isdigit()):
        raise ValidationError(_("Et CVR-nummer består af præcis 8 cifre."), code="cvr_format")
    if sum(int(digit) * weight for digit, weight in zip(value, CVR_WEIGHTS, strict=True)) % 11:
        raise ValidationError(
            _("CVR-nummeret er ikke gyldigt (kontrolcifferet passer ikke)."), code="cvr_check"
        )


def validate_ean(value):
    """An EAN (GLN) location number: 13 digits, the last a GS1 check digit."""
    if not (len(value) == 13 and value.isdigit()):
        raise ValidationError(_("Et EAN-nummer består af præcis 13 cifre."), code="ean_format")
    total = sum(int(digit) * (3 if index % 2 else 1) for index, digit in enumerate(value[:12]))
    if (10 - total % 10) % 10 != int(value[12]):
        raise ValidationError(
            _("EAN-nummeret er ikke gyldigt (kontrolcifferet passer ikke)."), code="ean_check"
        )


def validate_pdf(upload):
    """A signed agreement: a real PDF file (by its content, not only its name) of at most 10 MB."""
    if upload.size > MAX_AGREEMENT_BYTES:
        raise ValidationError(_("Filen er for stor. Den må højst fylde 10 MB."), code="file_size")
    if not upload.name.lower().endswith(".pdf"):
        raise ValidationError(_("Aftalen skal uploades som en PDF-fil."), code="file_type")
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise ValidationError(_("Filen er ikke en gyldig PDF-fil."), code="file_content")
