"""Requests that someone decides once: an application to join OS2, a request to join a product, a
request to join a working group. Two people may decide the same request at the same moment (two
tabs, two colleagues); the row is locked while it is decided, and a request that is no longer open
is left as it is, so the first decision stands and is told once."""

from django.db import transaction
from django.utils import timezone


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
