"""Evidence services: upload, refused files, versions, review loop with e-mail, read-only after the plenary,
the checksum check, and the evidence_by_indicator query."""

import hashlib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from assessments.enums import EvidenceStatus, PlenaryStatus
from assessments.models import Document, DocumentVersion, Plenary
from assessments.queries import evidence as queries
from assessments.services import evidence as services
from assessments.storage import evidence_storage
from audit.models import AuditEntry
from tests.assessments.evidence_fixtures import *  # noqa: F403
from tests.assessments.evidence_fixtures import docx_bytes, make_pdf, pdf_file, png_bytes, upload
from tests.assessments.factories import (
    CandidateFactory,
    ComponentFactory,
    FrameworkFactory,
    IndicatorFactory,
    ProgrammeYearFactory,
)


def test_upload_stores_version_one_under_a_random_name(blitar, inspector, indicators):
    content = make_pdf("Perwali UPG")

    document = services.upload_document(
        candidate=blitar,
        title="  Perwali UPG  ",
        description="Perwali Nomor 12 Tahun 2024",
        indicators=indicators[:2],
        file=SimpleUploadedFile("Perwali UPG 2024.pdf", content),
        by=inspector,
    )

    version = document.current_version
    assert (document.title, document.description, document.status) == (
        "Perwali UPG",
        "Perwali Nomor 12 Tahun 2024",
        EvidenceStatus.WAITING,
    )
    assert sorted(document.indicators.values_list("code", flat=True)) == ["3", "4"]
    assert (version.number, version.original_name, version.size, version.content_type) == (
        1,
        "Perwali UPG 2024.pdf",
        len(content),
        "application/pdf",
    )
    assert version.sha256 == hashlib.sha256(content).hexdigest()
    assert "Perwali" not in version.stored_name
    assert len(version.stored_name) == len("ab/") + 32
    with evidence_storage().open(version.stored_name, "rb") as stored:
        assert stored.read() == content
    entry = AuditEntry.objects.get(action="evidence.upload")
    assert (entry.actor, entry.after["indicators"], entry.after["version"]) == (inspector, ["3", "4"], 1)


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("kosong.pdf", b"", "empty"),
        ("program.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200 + b"PE\x00\x00", "type_not_allowed"),
        ("halaman.pdf", b"<html><script>alert(1)</script></html>", "type_not_allowed"),
        ("foto.png", b"GIF89a" + b"\x00" * 40, "type_not_allowed"),
        ("../../etc/passwd.pdf", make_pdf(), "name_invalid"),
        ("..\\..\\windows\\win.ini.pdf", make_pdf(), "name_invalid"),
        ("laporan\x00.pdf", make_pdf(), "name_invalid"),
        ("...pdf", make_pdf(), "name_invalid"),
    ],
    ids=["empty", "exe-as-pdf", "html-as-pdf", "gif-as-png", "dot-dot-slash", "backslash", "nul", "dots"],
)
def test_refused_files_are_not_stored(blitar, inspector, indicators, evidence_root, name, content, code):
    file = SimpleUploadedFile("x.pdf", content)
    file._name = name  # as a forged request or another caller could pass it; Django strips folders itself

    with pytest.raises(ValidationError) as excinfo:
        upload(blitar, inspector, indicators[:1], file=file)

    assert excinfo.value.code == code
    assert (Document.objects.count(), DocumentVersion.objects.count()) == (0, 0)
    assert not evidence_root.exists() or list(evidence_root.rglob("*")) == []


@override_settings(EVIDENCE_MAX_UPLOAD_SIZE=1000)
def test_a_file_over_the_limit_is_refused_with_the_limit(blitar, inspector, indicators):
    with pytest.raises(ValidationError) as excinfo:
        upload(blitar, inspector, indicators[:1], file=SimpleUploadedFile("besar.pdf", make_pdf("x" * 1000)))

    assert excinfo.value.code == "too_large"
    assert excinfo.value.messages == ["Berkas terlalu besar: paling besar 1000\xa0bita."]
    assert Document.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "cleaned", "content_type"),
    [
        ("Laporan  <WBS>: 2024.PDF", make_pdf(), "Laporan _WBS__ 2024.pdf", "application/pdf"),
        ("foto-mpp.exe", png_bytes(), "foto-mpp.png", "image/png"),
        (
            "sk upg",
            docx_bytes(),
            "sk upg.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
    ids=["odd-characters", "png-named-exe", "docx-without-ending"],
)
def test_names_are_cleaned_and_end_as_their_content(
    blitar, inspector, indicators, name, content, cleaned, content_type
):
    document = upload(blitar, inspector, indicators[:1], file=SimpleUploadedFile(name, content))

    assert (document.current_version.original_name, document.current_version.content_type) == (
        cleaned,
        content_type,
    )


def test_indicators_must_belong_to_the_candidates_framework(blitar, inspector, indicators):
    other_year = FrameworkFactory(programme_year=ProgrammeYearFactory(year=2026))
    foreign = IndicatorFactory(component=ComponentFactory(framework=other_year))

    with pytest.raises(ValidationError) as excinfo:
        upload(blitar, inspector, [indicators[0], foreign])
    assert excinfo.value.code == "indicator_foreign"

    with pytest.raises(ValidationError) as excinfo:
        upload(blitar, inspector, [])
    assert excinfo.value.code == "indicators_required"


def test_only_the_regions_inspector_uploads(blitar, inspector, other_inspector, assessor, staff, indicators):
    for user in (other_inspector, assessor, staff):
        with pytest.raises(ValidationError) as excinfo:
            upload(blitar, user, indicators[:1])
        assert excinfo.value.code == "not_allowed"
    assert Document.objects.count() == 0


def test_new_version_keeps_the_earlier_ones_and_tells_the_team(
    blitar, inspector, assessor, recused_assessor, indicators, django_capture_on_commit_callbacks
):
    document = upload(blitar, inspector, indicators[:2])
    first = document.current_version
    services.review_version(
        version=first, status=EvidenceStatus.REVISION, note="Belum ditandatangani.", by=assessor
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        second = services.add_version(
            document=document,
            file=pdf_file("perwali-upg-ttd.pdf", "Sudah ditandatangani"),
            comment="Versi bertanda tangan.",
            by=inspector,
            base_url="https://antikorupsi.example",
        )

    document.refresh_from_db()
    first.refresh_from_db()
    assert (second.number, document.current_version, document.status) == (2, second, EvidenceStatus.WAITING)
    assert (first.review_status, first.review_note) == (EvidenceStatus.REVISION, "Belum ditandatangani.")
    assert list(document.versions.values_list("number", flat=True)) == [2, 1]
    with evidence_storage().open(first.stored_name, "rb") as stored:
        assert stored.read() == make_pdf()
    assert [message.to for message in mail.outbox] == [[assessor.email]]
    assert mail.outbox[0].subject == "Versi baru bukti dukung Kota Blitar: Perwali UPG"
    assert f"https://antikorupsi.example/bukti-dukung/dokumen/{document.pk}/" in mail.outbox[0].body


def test_revision_needs_a_note_and_mails_the_inspector(
    blitar, inspector, assessor, indicators, django_capture_on_commit_callbacks
):
    document = upload(blitar, inspector, indicators[:1])
    with pytest.raises(ValidationError) as excinfo:
        services.review_version(
            version=document.current_version, status=EvidenceStatus.REVISION, note=" ", by=assessor
        )
    assert excinfo.value.code == "note_required"

    with django_capture_on_commit_callbacks(execute=True):
        version = services.review_version(
            version=document.current_version,
            status=EvidenceStatus.REVISION,
            note="Halaman 3 tidak terbaca.",
            by=assessor,
        )

    assert (version.review_status, version.reviewed_by) == (EvidenceStatus.REVISION, assessor)
    assert [message.to for message in mail.outbox] == [[inspector.email]]
    assert mail.outbox[0].subject == "Bukti dukung perlu perbaikan: Perwali UPG"
    assert "Catatan penilai: Halaman 3 tidak terbaca." in mail.outbox[0].body


def test_only_the_current_version_is_reviewed_by_a_member_not_recused(
    blitar, inspector, assessor, recused_assessor, other_assessor, indicators
):
    document = upload(blitar, inspector, indicators[:1])
    first = document.current_version
    services.add_version(document=document, file=pdf_file(), by=inspector)

    with pytest.raises(ValidationError) as excinfo:
        services.review_version(version=first, status=EvidenceStatus.ACCEPTED, by=assessor)
    assert excinfo.value.code == "not_current"
    for user in (recused_assessor, other_assessor, inspector):
        with pytest.raises(ValidationError) as excinfo:
            services.review_version(
                version=document.versions.first(), status=EvidenceStatus.ACCEPTED, by=user
            )
        assert excinfo.value.code == "not_allowed"


def test_evidence_is_read_only_after_the_plenary(blitar, blitar_assessment, inspector, assessor, indicators):
    document = upload(blitar, inspector, indicators[:1])
    Plenary.objects.create(
        assessment=blitar_assessment, status=PlenaryStatus.FINALISED, finalised_at=timezone.now()
    )

    attempts = [
        lambda: upload(blitar, inspector, indicators[:1]),
        lambda: services.add_version(document=document, file=pdf_file(), by=inspector),
        lambda: services.link_indicators(document=document, indicators=indicators[:2], by=inspector),
        lambda: services.review_version(
            version=document.current_version, status=EvidenceStatus.ACCEPTED, by=assessor
        ),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as excinfo:
            attempt()
        assert excinfo.value.code == "read_only"
    assert DocumentVersion.objects.count() == 1


def test_link_many_indicators_to_one_upload(blitar, inspector, indicators):
    document = upload(blitar, inspector, indicators[:1])

    services.link_indicators(document=document, indicators=indicators, by=inspector)

    assert sorted(document.indicators.values_list("code", flat=True)) == ["1", "3", "4"]
    assert AuditEntry.objects.get(action="evidence.link").after == {"indicators": ["1", "3", "4"]}


def test_open_verified_refuses_a_tampered_or_missing_file(blitar, inspector, indicators):
    version = upload(blitar, inspector, indicators[:1]).current_version
    with services.open_verified(version) as stored:
        assert stored.read() == make_pdf()

    path = evidence_storage().path(version.stored_name)
    with open(path, "r+b") as stored:
        stored.seek(20)
        stored.write(b"X")
    with pytest.raises(services.ChecksumMismatch):
        services.open_verified(version)

    evidence_storage().delete(version.stored_name)
    with pytest.raises(services.ChecksumMismatch):
        services.open_verified(version)


def test_evidence_by_indicator_in_one_query(
    blitar_assessment, blitar, inspector, indicators, django_assert_num_queries
):
    sk = upload(blitar, inspector, indicators[:2], title="SK UPG")
    laporan = upload(blitar, inspector, indicators[1:2], title="Laporan gratifikasi")

    with django_assert_num_queries(1):
        evidence = queries.evidence_by_indicator(blitar_assessment)
        versions = [
            document.current_version.number for documents in evidence.values() for document in documents
        ]

    assert evidence == {indicators[0].pk: [sk], indicators[1].pk: [laporan, sk]}
    assert evidence[indicators[0].pk][0] is evidence[indicators[1].pk][1]
    assert versions == [1, 1, 1]


def test_evidence_deadline_of_the_candidate_replaces_the_years(blitar, staff, framework):
    """``with_evidence_due_on`` reads in the candidate's query what ``evidence_deadline`` reads (issue
    14), with another candidate of the year beside it that keeps the year's deadline."""
    from datetime import date

    from assessments.models import Candidate

    other = CandidateFactory(programme_year=framework.programme_year)

    def due_on(candidate):
        annotated = queries.with_evidence_due_on(Candidate.objects.filter(pk=candidate.pk)).get()
        deadline = queries.evidence_deadline(candidate)
        assert annotated.evidence_due_on == (deadline.due_on if deadline else None)
        return annotated.evidence_due_on

    assert (due_on(blitar), due_on(other)) == (None, None)
    services.set_deadline(programme_year=framework.programme_year, due_on=date(2025, 10, 31), by=staff)
    assert (due_on(blitar), due_on(other)) == (date(2025, 10, 31), date(2025, 10, 31))
    services.set_deadline(
        programme_year=framework.programme_year, candidate=blitar, due_on=date(2025, 11, 3), by=staff
    )
    assert (due_on(blitar), due_on(other)) == (date(2025, 11, 3), date(2025, 10, 31))


def test_the_scoring_pages_evidence_lines_are_those_of_evidence_by_indicator(
    blitar_assessment, blitar, inspector, indicators, django_assert_num_queries
):
    """The scoring page reads its evidence as values (issue 14); its lines are the full query's."""
    from django.template import Context, Template

    upload(blitar, inspector, indicators[:2], title="SK <UPG> & lampiran")
    upload(blitar, inspector, indicators[1:2], title="Laporan gratifikasi")

    with django_assert_num_queries(1):
        lines = queries.evidence_lines_by_indicator(blitar_assessment)
    full = queries.evidence_by_indicator(blitar_assessment)

    def html(evidence):
        template = Template("{% load scoring %}{% for d in evidence %}{% indicator_evidence d %}{% endfor %}")
        return template.render(Context({"evidence": [evidence.get(i.pk, []) for i in indicators]}))

    assert {pk: [d.pk for d in documents] for pk, documents in lines.items()} == {
        pk: [d.pk for d in documents] for pk, documents in full.items()
    }
    assert lines[indicators[0].pk][0] is lines[indicators[1].pk][1]
    assert html(lines) == html(full)
    assert html(lines).count("<li ") == 3
    # What the lines do not show is deferred, never a default: reading it reads the row.
    line = lines[indicators[0].pk][0]
    assert "description" in line.get_deferred_fields()
    assert "sha256" in line.current_version.get_deferred_fields()
    with django_assert_num_queries(1):
        assert line.current_version.sha256 == full[indicators[0].pk][0].current_version.sha256
