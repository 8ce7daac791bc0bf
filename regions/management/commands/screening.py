from django.core.management.base import BaseCommand

from regions.enums import Stage
from regions.models import Criterion
from regions.services.export import write_csv
from regions.services.screening import screen_regions


class Command(BaseCommand):
    help = (
        "Print the screening of every region for a programme year: kode,nama, one column per criterion code "
        "of the year's catalogue (pass/fail/missing), eligible."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="The programme year, e.g. 2026.")
        parser.add_argument("--format", choices=["csv"], default="csv")
        parser.add_argument(
            "--stage",
            choices=Stage.values,
            default=Stage.CANDIDACY,
            help="The step screened: pencalonan (default) or penetapan.",
        )

    def handle(self, *args, year: int, stage: str, **options):
        catalogue = Criterion.objects.for_year(year)
        screenings = screen_regions(year, stage=stage, catalogue=catalogue)
        write_csv(screenings, self.stdout, codes=[criterion.code for criterion in catalogue])
