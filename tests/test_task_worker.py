"""In production, e-mail and index updates wait in a database queue (django-tasks-db) until a worker
(`manage.py db_worker`) runs them: a page never waits for a slow mail server."""

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks import TaskResultStatus

from community.tasks import send_email

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_queued_mail_waits_for_the_worker_and_is_sent_by_it(database_queue):
    result = send_email.enqueue(
        "Velkommen til OS2", "Din konto er godkendt.", ["ny.bruger@example.dk"], from_email="os2@os2.eu"
    )
    assert result.status == TaskResultStatus.READY
    assert mail.outbox == []  # nothing is sent while the page is answered

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert [(m.subject, m.to) for m in mail.outbox] == [("Velkommen til OS2", ["ny.bruger@example.dk"])]
