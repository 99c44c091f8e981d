"""Background work of the community app. With the default immediate backend it runs at once; with a
database queue a worker sends the mail, so a slow mail server never holds up a page."""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(subject, body, to, from_email=None, html=None, reply_to=None):
    message = EmailMultiAlternatives(subject, body, from_email, to, reply_to=reply_to or None)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
