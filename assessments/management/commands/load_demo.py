from django.core.management.base import BaseCommand

from assessments.demo.data import DEMO_PASSWORD
from assessments.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load (or refresh) the demo provinces, regions and accounts; safe to run again."

    def handle(self, *args, **options):
        people = load_demo()
        self.stdout.write(
            self.style.SUCCESS("Demo data loaded. Accounts (password for all: %s):" % DEMO_PASSWORD)
        )
        for user in people:
            where = user.region or user.province or ""
            self.stdout.write(
                f"  {user.username:<20} {user.get_role_display():<18} {user.get_institution_display()}"
                + (f" ({where})" if where else "")
            )
