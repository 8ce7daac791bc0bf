from django.core.management.base import BaseCommand

from regions.services.export import write_csv
from regions.services.screening import screen_regions


class Command(BaseCommand):
    help = "Print the screening of every region for a programme year (kode,nama,<8 criteria>,eligible)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="The programme year, e.g. 2026.")
        parser.add_argument("--format", choices=["csv"], default="csv")

    def handle(self, *args, year: int, **options):
        write_csv(screen_regions(year), self.stdout)
