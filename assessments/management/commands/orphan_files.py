from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from assessments.files import delete_orphans, orphan_files


class Command(BaseCommand):
    help = (
        "List stored files (evidence, field-visit photos, issued PDFs) that no row references, e.g. left by a "
        "worker killed in the middle of an upload; --delete removes them. Files younger than --min-age "
        "minutes are left alone: they may belong to an upload in progress."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--delete", action="store_true", help="Remove the files listed (default: only list)."
        )
        parser.add_argument(
            "--min-age", type=int, default=60, help="Only files at least this many minutes old (default 60)."
        )

    def handle(self, *args, delete: bool, min_age: int, **options):
        if min_age < 0:
            raise CommandError("--min-age must be 0 or more minutes.")
        orphans = orphan_files(min_age=timedelta(minutes=min_age))
        for orphan in orphans:
            self.stdout.write(
                f"{orphan.storage}:{orphan.name}\t{filesizeformat(orphan.size)}\t{orphan.modified:%Y-%m-%d %H:%M}"
            )
        if not delete:
            self.stdout.write(f"{len(orphans)} orphan file(s); run again with --delete to remove them.")
            return
        deleted = delete_orphans(orphans)
        self.stdout.write(f"{deleted} orphan file(s) removed.")
