from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from regions.services.region_import import RegionImportError, import_regions


class Command(BaseCommand):
    help = "Import provinces and regencies/cities from the Kemendagri CSV files (kode,nama and kode,kode_provinsi,...)."

    def add_arguments(self, parser):
        parser.add_argument("provinces_csv", type=Path)
        parser.add_argument("regencies_csv", type=Path)

    def handle(self, *args, provinces_csv: Path, regencies_csv: Path, **options):
        for path in (provinces_csv, regencies_csv):
            if not path.is_file():
                raise CommandError(_("Berkas tidak ditemukan: %s") % path)
        try:
            result = import_regions(provinces_csv, regencies_csv)
        except RegionImportError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(_("%d baris bermasalah; tidak ada yang diimpor.") % len(exc.errors)) from exc
        for label, counts in ((_("Provinsi"), result.provinces), (_("Kabupaten/kota"), result.regions)):
            self.stdout.write(
                _("%(label)s: %(created)d baru, %(updated)d diubah, %(unchanged)d tetap.")
                % {"label": label, **vars(counts)}
            )
