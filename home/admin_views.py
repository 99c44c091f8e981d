"""Wagtail's page views as the site uses them (registered for every page type by the page viewset in
products/admin_scoping.py)."""

import datetime
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.viewsets.pages import page_viewset_registry

# How long after its first save a new page's form may still be sent again: the editor's autosave
# and "Gem skitse" can both leave the create form before the browser has moved on to the draft.
FIRST_DRAFT_WINDOW = datetime.timedelta(minutes=2)

edit_page = page_viewset_registry.as_view("edit", page_id_kwarg="page_id")


class SingleDraftCreateView(CreateView):
    """A new page's form sent twice (autosave and "Gem skitse" in the same second) makes one draft:
    the second save finds the draft the first made and saves to it, as the editor would have after the
    first; where the address is taken by another page meanwhile, the form says so in Danish instead of
    failing."""

    def first_draft(self, slug):
        if not slug:
            return None
        return (
            self.parent_page.get_children()
            .filter(
                slug=slug,
                owner=self.request.user,
                live=False,
                first_published_at__isnull=True,
                latest_revision_created_at__gte=timezone.now() - FIRST_DRAFT_WINDOW,
                content_type=self.page_content_type,
            )
            .first()
        )

    def save_to(self, draft):
        response = edit_page(self.request, page_id=draft.pk)
        if isinstance(response, JsonResponse) and response.status_code == 200:
            # The editor's script moves from the create form to the draft's, as after a first save.
            data = json.loads(response.content)
            edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
            data.update(url=edit_url, hydrate_url=f"{edit_url}?_w_hydrate_create_view=1")
            return JsonResponse(data)
        return response

    def form_invalid(self, form):
        # The other save placed its draft while this form was being checked: the form then finds the
        # address taken by that very draft.
        if set(form.errors) == {"slug"}:
            draft = self.first_draft(self.request.POST.get("slug", ""))
            if draft is not None:
                return self.save_to(draft)
        return super().form_invalid(form)

    def post(self, request):
        draft = self.first_draft(request.POST.get("slug", ""))
        if draft is not None:
            return self.save_to(draft)
        try:
            return super().post(request)
        except ValidationError as error:
            # Another save took the address between this form's check and the page's own.
            if "slug" not in getattr(error, "error_dict", {}):
                raise
        except IntegrityError:
            # Two saves placed their page at the same position under the parent at once.
            pass
        draft = self.first_draft(self.page.slug)
        if draft is not None:
            return self.save_to(draft)
        self.form.add_error(
            "slug",
            _("Adressen “%(slug)s” er lige blevet taget af en anden side her. Vælg en anden adresse.")
            % {"slug": self.page.slug},
        )
        return self.form_invalid(self.form)


class ScopedObjectMixin:
    """For an admin view of one object: the object must be among those `scope(user)` returns, so a
    coordinator cannot open another product's record by typing its address."""

    scope = None  # a function of the user, returning the queryset they may open

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        if not self.scope(self.request.user).filter(pk=instance.pk).exists():
            raise PermissionDenied
        return instance
