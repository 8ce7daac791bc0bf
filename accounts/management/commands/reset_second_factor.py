from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts import services
from accounts.models import User


class Command(BaseCommand):
    help = "Remove a user's two-step verification (lost phone and recovery codes); the next log-in sets it up anew."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reason", required=True, help="why, for the audit trail")

    def handle(self, *args, username: str, reason: str, **options):
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist as missing:
            raise CommandError(f"No user {username!r}.") from missing
        try:
            services.reset_second_factor(user, by=None, reason=reason)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Two-step verification of {username} removed; the next log-in sets it up again.")
