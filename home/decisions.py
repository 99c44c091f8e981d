"""Requests that someone decides once: an application to join OS2, a request to join a product, a
request to join a working group. Two people may decide the same request at the same moment (two
tabs, two colleagues); the row is locked while it is decided, and a request that is no longer open
is left as it is, so the first decision stands and is told once."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from .forms import DecisionForm


class Decidable:
    """For a model with a state field, `decided_at`, `decided_by` and a reason field. Each model names
    its own fields and the state of an undecided request."""

    state_field = "status"
    open_state = None
    reason_field = "reason"

    @property
    def is_open(self):
        return getattr(self, self.state_field) == self.open_state

    def lock_if_open(self):
        """This request, locked until the transaction ends, or None when it has been decided. Call it
        inside `transaction.atomic()`, and `record_decision` on what it returns."""
        request = type(self)._default_manager.select_for_update().get(pk=self.pk)
        return request if request.is_open else None

    def record_decision(self, state, by, reason=None, **fields):
        """Sets the state, when and by whom (the reason too when given, and any other `fields`), and
        saves just those."""
        changes = {self.state_field: state, "decided_at": timezone.now(), "decided_by": by, **fields}
        if reason is not None:
            changes[self.reason_field] = reason
        for name, value in changes.items():
            setattr(self, name, value)
        self.save(update_fields=list(changes))

    def decide(self, state, by, reason=None):
        """Decides an open request that needs nothing else done: True, or False when it was decided
        already (then nothing changes). Either way this object then shows the decision that stands."""
        with transaction.atomic():
            request = self.lock_if_open()
            if request is not None:
                request.record_decision(state, by, reason)
        self.refresh_from_db()
        return request is not None


class DecisionView(View):
    """Approving or declining one request in the admin, the same way for every kind: a page with the
    request's facts (the kind's template extends home/admin/decide.html) and the decision form while it
    is open. A decision sent goes back to the listing saying what happened; a request decided meanwhile
    (a colleague, another tab, the person withdrawing) is left as it stands, and the listing says why."""

    model = None
    form_class = DecisionForm
    # The kind's template; it reads the request as `decidable` and by the name given here.
    template_name = None
    context_object_name = None
    # Raised by `approve` or `decline` when the request was decided meanwhile; its text is shown.
    refusals = ()

    # A permission that lets a user decide every request of the kind; or override `may_decide`.
    permission_required = None

    def get_queryset(self):
        return self.model._default_manager.all()

    def may_decide(self, decidable):
        return self.permission_required is None or self.request.user.has_perm(self.permission_required)

    def get_object(self, pk):
        """The request; 404 when this user cannot see it, 403 when they see it but may not decide it."""
        decidable = get_object_or_404(self.get_queryset(), pk=pk)
        if not self.may_decide(decidable):
            raise PermissionDenied
        return decidable

    def listing_url(self):
        """The admin's list of requests of this kind (each kind is a snippet)."""
        meta = self.model._meta
        return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:list")

    def closed_message(self, decidable):
        return _("Anmodningen er allerede afgjort.")

    def approve(self, decidable, data):
        """Does what approving means for this kind, and returns what to tell the user (or None)."""
        raise NotImplementedError

    def decline(self, decidable, data):
        raise NotImplementedError

    def get_form(self):
        return self.form_class(self.request.POST or None)

    def get(self, request, pk):
        decidable = self.get_object(pk)
        return self.render(decidable, self.get_form())

    def post(self, request, pk):
        decidable = self.get_object(pk)
        if not decidable.is_open:
            messages.warning(request, self.closed_message(decidable))
            return redirect(self.listing_url())
        form = self.get_form()
        if not form.is_valid():
            return self.render(decidable, form)
        decide = self.approve if form.cleaned_data["decision"] == "approve" else self.decline
        try:
            done = decide(decidable, form.cleaned_data)
        except self.refusals as error:
            messages.warning(request, str(error))
        else:
            if done:
                messages.success(request, done)
        return redirect(self.listing_url())

    def render(self, decidable, form):
        return TemplateResponse(
            self.request,
            self.template_name,
            {"decidable": decidable, self.context_object_name: decidable, "form": form},
            status=400 if form.is_bound else 200,
        )
