"""Checks on files members attach to ideas: an allowed type whose content matches its name, and a
limited size and number."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_SIZE = 10 * 1024 * 1024
MAX_FILES = 5

ZIP = b"PK\x03\x04"
# Extension -> the bytes the file must start with (None: plain text, checked separately).
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": (ZIP,),
    "xlsx": (ZIP,),
    "pptx": (ZIP,),
    "odt": (ZIP,),
    "ods": (ZIP,),
    "odp": (ZIP,),
    "txt": None,
    "csv": None,
}


def _looks_like_text(head):
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character may be cut at the end of the sample.
        return error.start >= len(head) - 3
    return True


def validate_attachment(upload):
    name = PurePath(upload.name).name
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in SIGNATURES:
        raise ValidationError(
            _("%(name)s: filtypen er ikke tilladt. Tilladte typer: %(types)s.")
            % {"name": name, "types": ", ".join(sorted(SIGNATURES))}
        )
    if upload.size > MAX_SIZE:
        raise ValidationError(
            _("%(name)s er for stor (%(size)s). Den største tilladte størrelse er %(max)s.")
            % {"name": name, "size": filesizeformat(upload.size), "max": filesizeformat(MAX_SIZE)}
        )
    if upload.size == 0:
        raise ValidationError(_("%(name)s er tom.") % {"name": name})
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    signatures = SIGNATURES[extension]
    matches = _looks_like_text(head) if signatures is None else head.startswith(signatures)
    if not matches:
        raise ValidationError(
            _("%(name)s: indholdet passer ikke til filtypen %(type)s.") % {"name": name, "type": extension}
        )
