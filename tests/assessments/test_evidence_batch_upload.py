"""Several files in one upload: one document per file, all linked to the chosen indicators; one refused
file refuses the whole upload and nothing is stored."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from assessments.models import Document
from assessments.services import evidence as services
from audit.models import AuditEntry
from tests.assessments.evidence_fixtures import *  # noqa: F403
from tests.assessments.evidence_fixtures import docx_bytes, make_pdf, pdf_file, png_bytes

EXE = b"MZ\x90\x00\x03" + b"\x00" * 200 + b"PE\x00\x00"


def stored_files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def post(client, candidate, indicators, files, title="Perwali"):
    return client.post(
        reverse("evidence:upload", args=[candidate.pk]),
        {"title": title, "indicators": [indicator.pk for indicator in indicators], "file": files},
    )


def good_batch():
    return [
        pdf_file("SK UPG.pdf", text="SK"),
        SimpleUploadedFile("foto-loket.png", png_bytes()),
        SimpleUploadedFile("laporan.docx", docx_bytes()),
    ]


def test_the_upload_form_accepts_several_files(client, inspector, blitar):
    client.force_login(inspector)
    html = client.get(reverse("evidence:upload", args=[blitar.pk])).content.decode()
    assert 'type="file" name="file"' in html
    assert " multiple" in html.split('name="file"')[1].split(">")[0]


def test_a_good_batch_becomes_one_document_per_file_linked_to_every_indicator(
    client, inspector, blitar, indicators, evidence_root
):
    client.force_login(inspector)
    files = good_batch()
    contents = [file.read() for file in files]
    for file in files:
        file.seek(0)

    response = post(client, blitar, indicators[:2], files)

    assert (response.status_code, response["Location"]) == (
        302,
        reverse("evidence:workspace", args=[blitar.pk]),
    )
    documents = list(Document.objects.order_by("pk").select_related("current_version"))
    assert [
        (
            document.title,
            document.current_version.original_name,
            document.current_version.content_type,
            document.current_version.sha256,
            sorted(document.indicators.values_list("code", flat=True)),
        )
        for document in documents
    ] == [
        (
            "Perwali (SK UPG)",
            "SK UPG.pdf",
            "application/pdf",
            hashlib.sha256(contents[0]).hexdigest(),
            ["3", "4"],
        ),
        (
            "Perwali (foto-loket)",
            "foto-loket.png",
            "image/png",
            hashlib.sha256(contents[1]).hexdigest(),
            ["3", "4"],
        ),
        (
            "Perwali (laporan)",
            "laporan.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            hashlib.sha256(contents[2]).hexdigest(),
            ["3", "4"],
        ),
    ]
    assert len(stored_files(evidence_root)) == 3
    assert AuditEntry.objects.filter(action="evidence.upload", actor=inspector).count() == 3
    page = client.get(response["Location"])
    assert [str(m) for m in page.context["messages"]] == [
        '3 dokumen diunggah: "Perwali (SK UPG)", "Perwali (foto-loket)", "Perwali (laporan)".'
    ]


def test_a_batch_without_a_title_takes_the_file_names(client, inspector, blitar, indicators):
    client.force_login(inspector)
    response = post(
        client, blitar, indicators[:1], [pdf_file("SK WBS.pdf"), pdf_file("Laporan WBS.pdf")], title=""
    )

    assert response.status_code == 302
    assert list(Document.objects.order_by("pk").values_list("title", flat=True)) == ["SK WBS", "Laporan WBS"]


def test_one_file_still_needs_a_title(client, inspector, blitar, indicators, evidence_root):
    client.force_login(inspector)
    response = post(client, blitar, indicators[:1], [pdf_file()], title=" ")

    assert response.status_code == 200
    assert response.context["form"].errors == {"title": ["Isi judul dokumen."]}
    assert (Document.objects.count(), stored_files(evidence_root)) == (0, [])


def test_a_mixed_batch_with_one_bad_file_stores_nothing_and_names_it(
    client, inspector, blitar, indicators, evidence_root
):
    client.force_login(inspector)
    files = [pdf_file("SK UPG.pdf"), SimpleUploadedFile("program.pdf", EXE), pdf_file("Laporan.pdf")]

    response = post(client, blitar, indicators[:2], files)

    assert response.status_code == 200
    errors = list(response.context["form"].errors["file"])
    assert errors[0] == (
        "Unggahan ditolak seluruhnya; tidak ada berkas yang disimpan. Perbaiki atau buang berkas ini:"
    )
    assert [error.split(" (")[0] for error in errors[1:]] == ["program.pdf: Jenis berkas tidak diizinkan"]
    assert (Document.objects.count(), stored_files(evidence_root), AuditEntry.objects.count()) == (0, [], 0)


def test_a_batch_with_an_empty_file_and_a_path_trick_lists_both(
    client, inspector, blitar, indicators, evidence_root
):
    client.force_login(inspector)
    files = [
        pdf_file("baik.pdf"),
        SimpleUploadedFile("kosong.pdf", b""),
        SimpleUploadedFile("gambar.png", b"bukan"),
    ]

    response = post(client, blitar, indicators[:1], files)

    assert list(response.context["form"].errors["file"])[1:] == [
        "kosong.pdf: Berkas kosong.",
        "gambar.png: Jenis berkas tidak diizinkan (isinya text/plain). Yang diizinkan: "
        + ", ".join(services.allowed_extensions())
        + ".",
    ]
    assert (Document.objects.count(), stored_files(evidence_root)) == (0, [])


@override_settings(EVIDENCE_MAX_UPLOAD_SIZE=2000)
def test_an_oversized_file_in_a_batch_refuses_the_whole_upload(
    client, inspector, blitar, indicators, evidence_root
):
    client.force_login(inspector)
    small = SimpleUploadedFile("kecil.pdf", make_pdf("a"))
    assert small.size < 2000

    response = post(client, blitar, indicators[:1], [small, pdf_file("besar.pdf", text="x" * 5000)])

    assert response.context["form"].errors["file"] == [
        "Unggahan ditolak seluruhnya karena berkas besar.pdf: Berkas terlalu besar: paling besar 2,0\xa0KB."
    ]
    assert (Document.objects.count(), stored_files(evidence_root)) == (0, [])


def test_the_service_refuses_the_whole_batch_before_storing(inspector, blitar, indicators, evidence_root):
    with pytest.raises(ValidationError) as refused:
        services.upload_documents(
            candidate=blitar,
            uploads=[("Satu", pdf_file()), ("Dua", SimpleUploadedFile("halaman.pdf", b"<html></html>"))],
            indicators=indicators[:1],
            by=inspector,
        )
    assert refused.value.messages[0].startswith(
        "Unggahan ditolak seluruhnya karena berkas halaman.pdf: Jenis berkas tidak diizinkan (isinya text/html)."
    )
    assert (Document.objects.count(), stored_files(evidence_root)) == (0, [])


def test_a_storage_failure_mid_batch_removes_the_files_already_stored(
    inspector, blitar, indicators, evidence_root, monkeypatch
):
    store = services._store
    calls = []

    def failing_store(file):
        calls.append(file.name)
        if len(calls) == 2:
            raise OSError("disk full")
        return store(file)

    monkeypatch.setattr(services, "_store", failing_store)
    with pytest.raises(OSError, match="disk full"):
        services.upload_documents(
            candidate=blitar,
            uploads=[("Satu", pdf_file("a.pdf")), ("Dua", pdf_file("b.pdf"))],
            indicators=indicators[:1],
            by=inspector,
        )
    assert (Document.objects.count(), stored_files(evidence_root)) == (0, [])
