from django.utils.translation import gettext as _
from wagtail import hooks

from .joining import admin as joining_admin  # noqa: F401  (registers the application queue)
from .models import Organisation


@hooks.register("home_page_counts")
def member_counts(request):
    return [
        {
            "number": Organisation.objects.public_members().count(),
            "label": _("offentlige medlemmer"),
            "order": 10,
        },
        {
            "number": Organisation.objects.supplier_partners().count(),
            "label": _("leverandørpartnere"),
            "order": 20,
        },
    ]
