"""E-mail is sent as background work: at once by default, on a worker where a task queue is set up."""

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(subject, body, recipients):
    for recipient in recipients:
        # One message per recipient, so nobody sees who else follows an idea.
        send_mail(subject, body, None, [recipient])
