from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from regions.models import Criterion
from regions.services.criteria_import import (
    ADD,
    CHANGE,
    SAME,
    CriteriaImportError,
    find_criterion,
    format_error,
    import_file,
)


class Command(BaseCommand):
    help = (
        "Import one criterion's values (CSV or XLSX: kode or nama, nilai, optional tanggal, sumber, "
        "keterangan) for a data year, or legal cases with a cases criterion (--criterion kasus). The "
        "criterion is a code of the criteria catalogue (mcp, spi, sakip, ombudsman, spip, spbe, bpk, kasus, "
        "and any code staff added). All rows or none."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--criterion", required=True, help="A criterion code of the catalogue, e.g. mcp.")
        parser.add_argument("--year", type=int, help="The data year the values describe (not for cases).")
        parser.add_argument(
            "--final",
            action="store_true",
            help="For a criterion with running values (MCP/MCSP): the final value (without it: the running one).",
        )

    def handle(self, *args, file: Path, criterion: str, year: int | None, final: bool, **options):
        if not file.is_file():
            raise CommandError(_("Berkas tidak ditemukan: %s") % file)
        definition = find_criterion(criterion, year)
        if definition is None:
            known = ", ".join(sorted(Criterion.objects.known_codes()))
            raise CommandError(
                _("Kriteria %(code)r tidak ada di katalog mana pun; pilih salah satu dari: %(known)s.")
                % {"code": criterion, "known": known}
            )
        if not definition.is_cases and year is None:
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
