"""Demo content of joining OS2: the "Bliv medlem" page and the agreement templates as PDF documents."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from home.demo import ensure_english_section, home_page

from .models import AgreementTemplate
from .pages import JoinPage

JOIN_PAGE = {
    "title": "Bliv medlem",
    "slug": "bliv-medlem",
    "introduction": (
        "Der er to veje ind i OS2: som offentligt medlem eller som leverandørpartner. Ansøg her, så "
        "behandler sekretariatet ansøgningen."
    ),
    "public_commitments": (
        "At arbejde efter OS2's værdier om åbenhed og samarbejde\n"
        "At betale det årlige kontingent\n"
        "At dele viden og løsninger med de andre medlemmer"
    ),
    "supplier_commitments": (
        "At udvikle i det åbne og dele koden under en open source-licens\n"
        "At følge OS2's code of conduct og governancemodel\n"
        "At samarbejde med de andre leverandører om produkterne"
    ),
    "code_of_conduct_url": "https://coc.os2.eu",
}

JOIN_PAGE_EN = {
    "title": "Become a member",
    "slug": "join",
    "introduction": (
        "There are two ways into OS2: as a public member or as a supplier partner. Apply here and the "
        "secretariat will process your application."
    ),
    "public_commitments": (
        "To work by OS2's values of openness and collaboration\n"
        "To pay the yearly fee\n"
        "To share knowledge and solutions with the other members"
    ),
    "supplier_commitments": (
        "To develop in the open and share the code under an open-source licence\n"
        "To follow OS2's code of conduct and governance model\n"
        "To collaborate with the other suppliers on the products"
    ),
    "code_of_conduct_url": "https://coc.os2.eu",
}

TEMPLATES = [
    (AgreementTemplate.Kind.PARTNERAFTALE, "Når en offentlig myndighed bliver medlem af OS2."),
    (AgreementTemplate.Kind.LEVERANDOERPARTNERAFTALE, "Når en virksomhed bliver leverandørpartner."),
    (
        AgreementTemplate.Kind.TILSLUTNINGSAFTALE,
        "Når et medlem binder sig til at finansiere og bruge et bestemt produkt.",
    ),
    (AgreementTemplate.Kind.FLOSS, "Den juridiske ramme for licenser og rettigheder i samarbejdet."),
]


def pdf_bytes(title):
    """A small, valid one-page PDF with the title as its text."""
    text = title.encode("latin-1", "replace")
    stream = b"BT /F1 18 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def load():
    created = 0
    home = home_page()
    page = JoinPage.objects.child_of(home).first()
    if page is None:
        page = JoinPage(show_in_menus=True, **JOIN_PAGE)
        home.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    created += ensure_english_section(page, JOIN_PAGE_EN)[1]
    Document = get_document_model()
    for order, (kind, explanation) in enumerate(TEMPLATES):
        if AgreementTemplate.objects.filter(kind=kind).exists():
            continue
        title = kind.label
        document = Document(title=title)
        document.file.save(f"{kind.value}.pdf", ContentFile(pdf_bytes(title)), save=False)
        document.save()
        AgreementTemplate.objects.create(
            kind=kind, explanation=explanation, document=document, sort_order=order
        )
        created += 1
    return created
