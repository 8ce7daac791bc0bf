"""Files never orphan: a service that fails after storing a file removes it at once; a file left by a worker
killed before its row committed is found and removed by ``manage.py orphan_files`` (real files, on the
local folders and on S3 through moto)."""

import io
import os
import time
from datetime import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from assessments.enums import Stage
from assessments.models import DocumentVersion, FieldVisit, FieldVisitPhoto
from assessments.services import evidence as evidence_services
from assessments.services import stage_records as record_services
from assessments.storage import evidence_storage
from reports import contexts
from reports.models import IssuedDocument
from reports.services import issuing
from tests.assessments.evidence_fixtures import *  # noqa: F403
from tests.assessments.evidence_fixtures import pdf_file, upload
from tests.assessments.test_evidence_s3 import BUCKET, bucket, s3_endpoint  # noqa: F401
from tests.assessments.test_scoring_permissions import photo_file

pytestmark = pytest.mark.django_db

DAY_AGO = time.time() - 24 * 3600


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def all_files(root) -> list[str]:
    if not root.exists():
        return []
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


class Killed(Exception):
    """Stands for whatever fails after the file is stored: here the audit entry's insert."""


def fail_after_storing(monkeypatch, module):
    def record(**kwargs):
        raise Killed

    monkeypatch.setattr(module, "record", record)


def test_a_failed_upload_leaves_no_evidence_file(monkeypatch, blitar, inspector, indicators, evidence_root):
    fail_after_storing(monkeypatch, evidence_services)
    with pytest.raises(Killed):
        evidence_services.upload_documents(
            candidate=blitar,
            uploads=[("SK UPG", pdf_file("a.pdf")), ("SK WBS", pdf_file("b.pdf"))],
            indicators=indicators[:1],
            by=inspector,
        )
    assert (DocumentVersion.objects.count(), all_files(evidence_root)) == (0, [])


def test_a_failed_new_version_leaves_no_evidence_file(
    monkeypatch, blitar, inspector, indicators, evidence_root
):
    document = upload(blitar, inspector, indicators[:1])
    fail_after_storing(monkeypatch, evidence_services)
    with pytest.raises(Killed):
        evidence_services.add_version(document=document, file=pdf_file("v2.pdf", "Versi 2"), by=inspector)
    assert all_files(evidence_root) == [document.current_version.stored_name]


def test_a_failed_field_visit_leaves_no_photo(
    monkeypatch, kota_blitar, kota_mataram, assessor, staff, media_root
):
    from tests.assessments.scoring_factories import build_scoring

    scoring = build_scoring(
        region=kota_blitar,
        other_region=kota_mataram,
        member=assessor,
        staff=staff,
        open_stages=(Stage.FIELD_CHECK,),
    )
    fail_after_storing(monkeypatch, record_services)
    with pytest.raises(Killed):
        record_services.add_field_visit(
            scoring.assessment,
            by=assessor,
            place="Mal Pelayanan Publik",
            visited_at=timezone.make_aware(datetime(2025, 11, 5, 9, 0)),
            photos=[photo_file("loket.jpg"), photo_file("laktasi.jpg")],
        )
    assert (FieldVisit.objects.count(), FieldVisitPhoto.objects.count(), all_files(media_root)) == (0, 0, [])


def test_a_failed_issue_leaves_no_pdf(monkeypatch, media_root):
    from tests.assessments.factories import ProgrammeYearFactory

    fail_after_storing(monkeypatch, issuing)
    with pytest.raises(Killed):
        issuing.issue_pdf(
            contexts.year_summary_report(ProgrammeYearFactory(year=2025)), base_url="http://testserver/"
        )
    assert (IssuedDocument.objects.count(), all_files(media_root)) == (0, [])


def age(path) -> None:
    os.utime(path, (DAY_AGO, DAY_AGO))


def test_the_command_lists_then_removes_files_no_row_references(
    blitar, inspector, indicators, evidence_root, media_root
):
    from tests.assessments.factories import ProgrammeYearFactory

    document = upload(blitar, inspector, indicators[:1])
    issued = issuing.issue_pdf(
        contexts.year_summary_report(ProgrammeYearFactory(year=2025)), base_url="http://testserver/"
    )
    # What a worker killed between storing and committing leaves behind, a day ago.
    stray_evidence = evidence_storage().save("ab/abandoned", ContentFile(b"%PDF-1.4 setengah"))
    stray_photo = default_storage.save("cek-lapangan/abandoned.jpg", ContentFile(b"jpeg"))
    stray_pdf = default_storage.save("dokumen/2025/ABCD-EFGH-JKLM.pdf", ContentFile(b"%PDF"))
    for path in [*evidence_root.rglob("*"), *media_root.rglob("*")]:
        if path.is_file():
            age(path)
    # And one of an upload in progress right now.
    fresh = default_storage.save("cek-lapangan/in-progress.jpg", ContentFile(b"jpeg"))

    out = io.StringIO()
    call_command("orphan_files", stdout=out)
    listed = [line.split("\t")[0] for line in out.getvalue().splitlines()]
    assert listed == [
        f"default:{stray_photo}",
        f"default:{stray_pdf}",
        f"evidence:{stray_evidence}",
        "3 orphan file(s); run again with --delete to remove them.",
    ]
    assert len(all_files(media_root)) == 4  # a dry run removes nothing

    out = io.StringIO()
    call_command("orphan_files", "--delete", stdout=out)
    assert out.getvalue().splitlines()[-1] == "3 orphan file(s) removed."
    assert all_files(evidence_root) == [document.current_version.stored_name]
    assert all_files(media_root) == sorted([issued.file.name, fresh])

    out = io.StringIO()
    call_command("orphan_files", "--min-age", "0", "--delete", stdout=out)
    assert out.getvalue().splitlines() == [
        out.getvalue().splitlines()[0],
        "1 orphan file(s) removed.",
    ]
    assert out.getvalue().startswith(f"default:{fresh}\t")
    assert all_files(media_root) == [issued.file.name]


def test_the_command_sweeps_the_object_store(bucket, blitar, inspector, indicators):  # noqa: F811
    document = upload(blitar, inspector, indicators[:1])
    bucket.put_object(Bucket=BUCKET, Key="evidence/cd/abandoned", Body=b"%PDF-1.4 setengah")

    out = io.StringIO()
    call_command("orphan_files", "--min-age", "0", "--delete", stdout=out)

    assert out.getvalue().startswith("evidence:cd/abandoned\t")
    keys = sorted(item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET)["Contents"])
    assert keys == [f"evidence/{document.current_version.stored_name}"]
