from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from regions.services.criteria_import import expire_previews


class Command(BaseCommand):
    help = "Mark criteria import previews (files and workbooks) left unconfirmed for 24 hours as expired."

    def handle(self, *args, **options):
        count = expire_previews()
        self.stdout.write(_("%d pratinjau impor kedaluwarsa.") % count)
