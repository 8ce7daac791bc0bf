from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from regions.enums import Criterion
from regions.services.criteria_import import ADD, CHANGE, SAME, CriteriaImportError, format_error, import_file


class Command(BaseCommand):
    help = (
        "Import one criterion's values (CSV or XLSX: kode or nama, nilai, optional tanggal, sumber, "
        "keterangan) for a data year, or legal cases with --criterion kasus. All rows or none."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--criterion", required=True, choices=Criterion.values)
        parser.add_argument("--year", type=int, help="The data year the values describe (not for kasus).")
        parser.add_argument(
            "--final", action="store_true", help="MCP/MCSP: the final value (without it: the running value)."
        )

    def handle(self, *args, file: Path, criterion: str, year: int | None, final: bool, **options):
        if not file.is_file():
            raise CommandError(_("Berkas tidak ditemukan: %s") % file)
        if criterion != Criterion.KASUS and year is None:
            raise CommandError(_("--year wajib untuk kriteria %s.") % criterion)
        try:
            batch = import_file(file, criterion=criterion, data_year=year, final=final)
        except CriteriaImportError as exc:
            for error in exc.errors:
                self.stderr.write(format_error(error))
            raise CommandError(_("%d baris bermasalah; tidak ada yang diimpor.") % len(exc.errors)) from exc
        self.stdout.write(
            _("%(add)d baru, %(change)d diubah, %(same)d tetap.")
            % {"add": batch.summary[ADD], "change": batch.summary[CHANGE], "same": batch.summary[SAME]}
        )
