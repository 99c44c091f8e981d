"""Sends the daily digest to members who follow products with "samlet én gang i døgnet". Run it once a
day, like send_idea_digest; running it twice sends nothing new."""

from django.core.management.base import BaseCommand

from community.following.emails import send_digests


class Command(BaseCommand):
    help = "Send one e-mail per member bundling news on the products they follow with the daily setting."

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(self.style.SUCCESS(f"{sent} samlede e-mails om produkter sendt."))
