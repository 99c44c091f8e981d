"""E-mail from the site. Every mail is rendered where the site decides to send it, then handed to one
background task (`send_email`): at once with the default backend, by the task worker where a queue is
configured, so a slow mail server never holds up a page. With the database queue the task is stored in
the same transaction as the change it reports, so a rolled-back change sends no mail.

Mail is written in Danish unless a language is given; subjects are translatable texts, prefixed with
ACCOUNT_EMAIL_SUBJECT_PREFIX ("OS2: ") like allauth's own mail. Each recipient gets a message of their
own, so nobody learns who else was told (the followers of an idea, the secretariat)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


@task()
def send_email(subject, body, to, html=None, reply_to=(), attachments=(), from_email=None, headers=None):
    """Sends one message per address in `to`. `attachments` are (filename, text, mimetype)."""
    for recipient in to:
        message = EmailMultiAlternatives(
            subject, body, from_email, [recipient], reply_to=list(reply_to) or None, headers=headers or None
        )
        if html:
            message.attach_alternative(html, "text/html")
        for filename, content, mimetype in attachments:
            message.attach(filename, content, mimetype)
        message.send()


def send(
    template,
    subject,
    to,
    context=None,
    *,
    subject_args=None,
    reply_to=(),
    attachments=(),
    language=None,
    headers=None,
):
    """Renders the plain-text `template` with `context` and the translatable `subject` (formatted with
    `subject_args`) in `language`, and queues the mail with any extra `headers` (List-Unsubscribe).
    Nothing is sent when `to` is empty."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = str(subject) % subject_args if subject_args else str(subject)
        body = render_to_string(template, context or {})
    send_email.enqueue(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=body,
        to=recipients,
        reply_to=list(reply_to),
        attachments=[list(attachment) for attachment in attachments],
        headers=dict(headers or {}),
    )


def send_message(message):
    """Queues a message another library rendered (allauth's verification and password mails)."""
    html = next(
        (content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"),
        None,
    )
    send_email.enqueue(
        subject=message.subject,
        body=message.body,
        to=list(message.to),
        html=html,
        reply_to=list(message.reply_to),
        from_email=message.from_email,
    )
