"""Evidence pages with personas: who sees and changes what by URL or form field, refused uploads through
HTTP, serving with checksum, read-only after the plenary, the staff overview and query counts."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from assessments.enums import EvidenceStatus, PlenaryStatus
from assessments.models import Document, DocumentVersion, Plenary
from assessments.services import evidence as services
from assessments.storage import evidence_storage
from tests.assessments.evidence_fixtures import *  # noqa: F403
from tests.assessments.evidence_fixtures import docx_bytes, make_pdf, pdf_file, upload
from tests.assessments.factories import CandidateFactory
from tests.factories import RegionFactory

ANONYMOUS = "anonymous"


def client_for(client, user):
    if user != ANONYMOUS:
        client.force_login(user)
    return client


@pytest.fixture
def document(blitar, inspector, indicators):
    return upload(blitar, inspector, indicators[:2])


@pytest.fixture
def personas(staff, assessor, recused_assessor, other_assessor, inspector, other_inspector, mataram):
    return {
        "staff": staff,
        "assessor": assessor,
        "recused": recused_assessor,
        "other_assessor": other_assessor,
        "inspector": inspector,
        "other_inspector": other_inspector,
        "anonymous": ANONYMOUS,
    }


SEE = {
    "staff": 200,
    "assessor": 200,
    "inspector": 200,
    "recused": 404,
    "other_assessor": 404,
    "other_inspector": 404,
}


@pytest.mark.parametrize("persona", [*SEE, "anonymous"])
@pytest.mark.parametrize("page", ["workspace", "document", "view", "download"])
def test_who_sees_a_regions_evidence(client, personas, document, blitar, persona, page):
    url = {
        "workspace": reverse("evidence:workspace", args=[blitar.pk]),
        "document": document.get_absolute_url(),
        "view": document.current_version.get_view_url(),
        "download": document.current_version.get_download_url(),
    }[page]

    response = client_for(client, personas[persona]).get(url)
    if response.streaming:
        b"".join(response.streaming_content)  # read to the end, which closes the file

    if persona == "anonymous":
        assert (response.status_code, response["Location"]) == (302, f"/akun/masuk/?next={url}")
    else:
        assert response.status_code == SEE[persona]


CHANGE = {
    "inspector": 302,
    "assessor": 403,
    "staff": 403,
    "recused": 404,
    "other_assessor": 404,
    "other_inspector": 404,
}


@pytest.mark.parametrize("persona", CHANGE)
def test_who_uploads_adds_versions_and_links(client, personas, document, blitar, indicators, persona):
    client = client_for(client, personas[persona])
    responses = [
        client.post(
            reverse("evidence:upload", args=[blitar.pk]),
            {"title": "SK WBS", "indicators": [indicators[0].pk], "file": pdf_file("sk-wbs.pdf")},
        ),
        client.post(reverse("evidence:new_version", args=[document.pk]), {"file": pdf_file(), "comment": ""}),
        client.post(reverse("evidence:link", args=[document.pk]), {"indicators": [indicators[2].pk]}),
    ]

    assert [response.status_code for response in responses] == [CHANGE[persona]] * 3
    changed = CHANGE[persona] == 302
    assert Document.objects.count() == (2 if changed else 1)
    assert DocumentVersion.objects.filter(document=document).count() == (2 if changed else 1)
    assert list(document.indicators.values_list("code", flat=True)) == (["1"] if changed else ["3", "4"])


REVIEW = {
    "assessor": 302,
    "inspector": 403,
    "staff": 403,
    "recused": 404,
    "other_assessor": 404,
    "other_inspector": 404,
}


@pytest.mark.parametrize("persona", REVIEW)
def test_who_reviews(client, personas, document, persona):
    response = client_for(client, personas[persona]).post(
        reverse("evidence:review", args=[document.pk]), {"status": EvidenceStatus.ACCEPTED, "note": ""}
    )

    assert response.status_code == REVIEW[persona]
    document.current_version.refresh_from_db()
    expected = EvidenceStatus.ACCEPTED if REVIEW[persona] == 302 else EvidenceStatus.WAITING
    assert document.current_version.review_status == expected


def test_the_other_inspector_cannot_reach_blitar_through_their_own_upload_form(
    client, other_inspector, mataram, blitar, indicators, document
):
    """Form fields name the indicators only; a forged indicator id of another year is refused, and the
    document and candidate come from the URL, which the permission check covers."""
    from tests.assessments.factories import (
        ComponentFactory,
        FrameworkFactory,
        IndicatorFactory,
        ProgrammeYearFactory,
    )

    foreign = IndicatorFactory(
        component=ComponentFactory(framework=FrameworkFactory(programme_year=ProgrammeYearFactory(year=2026)))
    )
    client.force_login(other_inspector)
    response = client.post(
        reverse("evidence:upload", args=[mataram.pk]),
        {"title": "Titipan", "indicators": [foreign.pk], "file": pdf_file(), "candidate": blitar.pk},
    )

    assert response.status_code == 200
    assert "indicators" in response.context["form"].errors
    assert Document.objects.filter(candidate=mataram).count() == 0
    assert Document.objects.filter(candidate=blitar).count() == 1


def test_a_region_not_yet_designated_has_no_workspace(client, framework, indicators):
    region = RegionFactory(code="35.06")
    proposed = CandidateFactory(programme_year=framework.programme_year, region=region)
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="inspektur3", inspector=True, region=region))

    assert client.get(reverse("evidence:workspace", args=[proposed.pk])).status_code == 404


def test_upload_through_the_form(client, inspector, blitar, indicators):
    client.force_login(inspector)
    url = reverse("evidence:upload", args=[blitar.pk])
    form_page = client.get(url, {"indikator": indicators[1].pk})
    response = client.post(
        url,
        {
            "title": "Perwali UPG",
            "description": "Nomor 12 Tahun 2024",
            "indicators": [indicators[0].pk, indicators[1].pk],
            "file": pdf_file("Perwali UPG.pdf"),
        },
    )

    assert form_page.context["form"].initial == {"indicators": [indicators[1].pk]}
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("evidence:workspace", args=[blitar.pk]),
    )
    document = Document.objects.get()
    assert (document.title, document.current_version.original_name) == ("Perwali UPG", "Perwali UPG.pdf")


def post_upload(client, blitar, indicators, file):
    return client.post(
        reverse("evidence:upload", args=[blitar.pk]),
        {"title": "Dokumen", "indicators": [indicators[0].pk], "file": file},
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("kosong.pdf", b"", "Berkas kosong."),
        (
            "program.pdf",
            b"MZ\x90\x00\x03" + b"\x00" * 200 + b"PE\x00\x00",
            "Jenis berkas tidak diizinkan (isinya application/x-dosexec).",
        ),
        (
            "halaman.pdf",
            b"<html><script>alert(1)</script></html>",
            "Jenis berkas tidak diizinkan (isinya text/html).",
        ),
    ],
    ids=["empty", "exe-as-pdf", "html-as-pdf"],
)
def test_refused_uploads_say_why(
    client, inspector, blitar, indicators, evidence_root, name, content, message
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(inspector)
    response = post_upload(client, blitar, indicators, SimpleUploadedFile(name, content))

    assert response.status_code == 200
    assert response.context["form"].errors["file"][0].startswith(message)
    assert Document.objects.count() == 0
    assert not evidence_root.exists()


@override_settings(EVIDENCE_MAX_UPLOAD_SIZE=2000)
def test_an_oversized_upload_is_dropped_while_it_is_read(
    client, inspector, blitar, indicators, evidence_root
):
    client.force_login(inspector)
    response = post_upload(client, blitar, indicators, pdf_file(text="x" * 5000))

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["Berkas terlalu besar: paling besar 2,0\xa0KB."]
    assert response.wsgi_request.oversized_uploads == {"file"}
    assert "file" not in response.wsgi_request.FILES
    assert not evidence_root.exists()


def multipart(filename: str, content: bytes, indicator_id: int) -> tuple[bytes, str]:
    boundary = "batasUjiBuktiDukung"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nJejak\r\n'.encode(),
        f'--{boundary}\r\nContent-Disposition: form-data; name="indicators"\r\n\r\n{indicator_id}\r\n'.encode(),
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        f"Content-Type: application/pdf\r\n\r\n".encode()
        + content
        + b"\r\n",
        f"--{boundary}--\r\n".encode(),
    ]
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def test_path_tricks_in_a_posted_name_never_reach_the_storage_path(
    client, inspector, blitar, indicators, evidence_root
):
    client.force_login(inspector)
    body, content_type = multipart("../../../etc/cron.d/evil.pdf", make_pdf(), indicators[0].pk)

    response = client.post(reverse("evidence:upload", args=[blitar.pk]), body, content_type=content_type)

    assert response.status_code == 302
    version = DocumentVersion.objects.get()
    assert version.original_name == "evil.pdf"
    stored = evidence_root / version.stored_name
    assert stored.is_file()
    assert [path.name for path in evidence_root.rglob("*") if path.is_file()] == [stored.name]


@pytest.mark.parametrize("filename", ["..", "."])
def test_a_posted_name_of_only_dots_is_refused(
    client, inspector, blitar, indicators, evidence_root, filename
):
    client.force_login(inspector)
    body, content_type = multipart(filename, make_pdf(), indicators[0].pk)

    response = client.post(reverse("evidence:upload", args=[blitar.pk]), body, content_type=content_type)

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["Pilih berkas yang akan diunggah."]
    assert not evidence_root.exists()


def test_pdf_opens_inline_with_its_checked_type_and_name(client, assessor, document):
    client.force_login(assessor)
    version = document.current_version

    inline = client.get(version.get_view_url())
    download = client.get(version.get_download_url())

    assert inline["Content-Type"] == "application/pdf"
    assert inline["Content-Disposition"] == 'inline; filename="perwali-upg.pdf"'
    assert (inline["X-Content-Type-Options"], inline["Cache-Control"]) == ("nosniff", "private, no-store")
    assert inline["X-Frame-Options"] == "SAMEORIGIN"
    assert b"".join(inline.streaming_content) == make_pdf()
    assert download["Content-Disposition"] == 'attachment; filename="perwali-upg.pdf"'
    assert b"".join(download.streaming_content) == make_pdf()


def test_office_documents_are_always_downloaded(client, inspector, blitar, indicators):
    from django.core.files.uploadedfile import SimpleUploadedFile

    version = upload(
        blitar, inspector, indicators[:1], file=SimpleUploadedFile("sk.docx", docx_bytes())
    ).current_version
    client.force_login(inspector)

    response = client.get(version.get_view_url())

    assert b"".join(response.streaming_content) == docx_bytes()
    assert response["Content-Disposition"] == 'attachment; filename="sk.docx"'
    assert (
        response["Content-Security-Policy"] == "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    )


def test_a_tampered_file_is_refused(client, assessor, document):
    version = document.current_version
    with open(evidence_storage().path(version.stored_name), "r+b") as stored:
        stored.seek(30)
        stored.write(b"!")
    client.force_login(assessor)

    response = client.get(version.get_view_url())

    assert response.status_code == 409
    assert "checksum SHA-256 tidak cocok" in response.content.decode()


def test_read_only_after_the_plenary(
    client, inspector, assessor, blitar_assessment, blitar, document, indicators
):
    Plenary.objects.create(
        assessment=blitar_assessment, status=PlenaryStatus.FINALISED, finalised_at=timezone.now()
    )
    client.force_login(inspector)

    workspace = client.get(reverse("evidence:workspace", args=[blitar.pk]))
    upload_page = client.get(reverse("evidence:upload", args=[blitar.pk]))
    new_version = client.post(reverse("evidence:new_version", args=[document.pk]), {"file": pdf_file()})
    client.force_login(assessor)
    review = client.post(reverse("evidence:review", args=[document.pk]), {"status": EvidenceStatus.ACCEPTED})

    assert (workspace.status_code, workspace.context["can_upload"], workspace.context["is_open"]) == (
        200,
        False,
        False,
    )
    assert 'data-testid="read-only"' in workspace.content.decode()
    assert [upload_page.status_code, new_version.status_code, review.status_code] == [403, 403, 403]
    assert DocumentVersion.objects.count() == 1


def test_review_form_needs_a_note_for_a_revision(client, assessor, document):
    client.force_login(assessor)

    response = client.post(
        reverse("evidence:review", args=[document.pk]), {"status": EvidenceStatus.REVISION, "note": ""}
    )

    assert response.status_code == 400
    assert response.context["review_form"].errors == {"note": ["Tulis apa yang perlu diperbaiki."]}


def test_workspace_shows_completeness_and_deadline(
    client, inspector, staff, blitar, indicators, document, framework
):
    from datetime import timedelta

    services.set_deadline(
        programme_year=framework.programme_year, due_on=timezone.localdate() + timedelta(days=5), by=staff
    )
    client.force_login(inspector)

    response = client.get(reverse("evidence:workspace", args=[blitar.pk]))

    workspace = response.context["workspace"]
    assert (
        workspace.completeness,
        workspace.covered_count,
        workspace.days_left,
        workspace.waiting_count,
    ) == (
        100,
        2,
        5,
        1,
    )
    assert [row.indicator.code for row in workspace.rows] == ["1", "3", "4"]
    assert "5 hari lagi" in response.content.decode()


def test_inspector_home_links_to_the_workspace(client, inspector, blitar, document):
    client.force_login(inspector)

    response = client.get(reverse("inspector_home"))

    assert [workspace.candidate for workspace in response.context["workspaces"]] == [blitar]
    assert reverse("evidence:workspace", args=[blitar.pk]) in response.content.decode()


def test_inspector_home_without_candidacy_keeps_the_empty_state(client, other_inspector):
    client.force_login(other_inspector)

    response = client.get(reverse("inspector_home"))

    assert response.context["workspaces"] == []
    assert "Belum ada pencalonan" in response.content.decode()


def make_documents(candidate, inspector, indicators, count):
    for number in range(count):
        upload(candidate, inspector, indicators[:2], title=f"Dokumen {number}")


@pytest.mark.parametrize("count", [1, 6])
def test_workspace_queries_do_not_grow(
    client, inspector, blitar, indicators, django_assert_num_queries, count
):
    make_documents(blitar, inspector, indicators, count)
    client.force_login(inspector)
    url = reverse("evidence:workspace", args=[blitar.pk])
    client.get(url)

    # The session, the user, the candidate with its assessment, plenary state and framework, the
    # documents and the deadline; the indicators come from the kept framework tree (issue 14: 11 before,
    # then 7).
    with django_assert_num_queries(5):
        response = client.get(url)

    assert len(response.context["workspace"].documents) == count


@pytest.mark.parametrize("count", [1, 6])
def test_workspace_of_a_draft_framework_reads_its_indicators(
    client, inspector, blitar, framework, indicators, django_assert_num_queries, count
):
    """A draft is not kept: its indicators are one more query, in the same order as the kept tree's."""
    from assessments.enums import FrameworkStatus

    make_documents(blitar, inspector, indicators, count)
    client.force_login(inspector)
    url = reverse("evidence:workspace", args=[blitar.pk])
    published = [row.indicator.code for row in client.get(url).context["workspace"].rows]
    type(framework).objects.filter(pk=framework.pk).update(status=FrameworkStatus.DRAFT, published_at=None)

    with django_assert_num_queries(6):
        response = client.get(url)

    assert [row.indicator.code for row in response.context["workspace"].rows] == published == ["1", "3", "4"]
    assert len(response.context["workspace"].documents) == count


@pytest.mark.parametrize("count", [1, 5])
def test_overview_per_region_and_its_queries(
    client, staff, framework, indicators, inspector, blitar, django_assert_num_queries, count
):
    from assessments.enums import CandidateStatus

    make_documents(blitar, inspector, indicators[:1], 1)
    for number in range(count - 1):
        CandidateFactory(
            programme_year=framework.programme_year,
            region=RegionFactory(code=f"35.{10 + number}"),
            status=CandidateStatus.DESIGNATED,
        )
    client.force_login(staff)
    url = reverse("evidence:overview")
    client.get(url)

    with django_assert_num_queries(7):
        response = client.get(url)

    rows = {row.region.code: row for row in response.context["rows"]}
    assert len(rows) == count
    blitar_row = rows["35.72"]
    assert (
        blitar_row.missing_count,
        blitar_row.waiting_count,
        blitar_row.revision_count,
        blitar_row.accepted_count,
    ) == (
        1,
        1,
        0,
        0,
    )


def test_only_staff_see_the_overview_and_set_the_deadline(client, assessor, inspector, staff, framework):
    for user in (assessor, inspector):
        client.force_login(user)
        assert client.get(reverse("evidence:overview")).status_code == 404
        assert (
            client.post(reverse("evidence:deadline", args=[2025]), {"due_on": "2025-10-31"}).status_code
            == 404
        )
    client.force_login(staff)

    response = client.post(reverse("evidence:deadline", args=[2025]), {"due_on": "2025-10-31"})

    assert (response.status_code, response["Location"]) == (302, "/bukti-dukung/?tahun=2025")
    assert str(framework.programme_year.evidence_deadlines.get().due_on) == "2025-10-31"


def test_assessor_list_shows_their_teams_evidence(
    client, assessor, recused_assessor, blitar, inspector, indicators
):
    make_documents(blitar, inspector, indicators, 2)
    client.force_login(assessor)
    rows = list(client.get(reverse("evidence:assessor_list")).context["rows"])
    client.force_login(recused_assessor)
    recused_rows = list(client.get(reverse("evidence:assessor_list")).context["rows"])

    assert [(row.candidate, row.document_count, row.waiting_count) for row in rows] == [(blitar, 2, 2)]
    assert recused_rows == []


def test_the_evidence_overview_exports_in_indonesian(client, staff, framework, indicators, inspector, blitar):
    import io

    from openpyxl import load_workbook

    make_documents(blitar, inspector, indicators[:1], 1)
    client.force_login(staff)

    response = client.get(reverse("evidence:overview_export"), {"format": "xlsx"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value.startswith(
        f"Bukti dukung per daerah tahun program {framework.programme_year.year} · diekspor "
    )
    assert [cell.value for cell in sheet[2]] == [
        "Kabupaten/kota",
        "Indikator tanpa bukti",
        "Menunggu pemeriksaan",
        "Perlu perbaikan",
        "Diterima",
        "Batas waktu",
    ]
    assert [cell.value for cell in sheet[3]][:5] == ["Kota Blitar", 1, 1, 0, 0]


@pytest.mark.parametrize("count", [1, 6])
def test_inspector_home_queries_do_not_grow(
    client, inspector, blitar, indicators, django_assert_num_queries, count
):
    make_documents(blitar, inspector, indicators, count)
    client.force_login(inspector)
    url = reverse("inspector_home")
    client.get(url)

    # The session, the user, the region with whether it has recommendations due and documents to revise
    # (none here), the candidacies with their self-assessment, framework, deadline and whether they have a
    # plenary and monitoring rounds, and their documents; the indicators come from the kept framework tree
    # (issue 14: 15 on the benchmark's data before, then 10).
    with django_assert_num_queries(5):
        response = client.get(url)

    assert [len(workspace.documents) for workspace in response.context["workspaces"]] == [count]


@pytest.mark.parametrize("count", [1, 3])
def test_inspector_home_reads_the_documents_to_revise_only_when_there_are_some(
    client, inspector, assessor, blitar, indicators, django_assert_num_queries, count
):
    make_documents(blitar, inspector, indicators, count)
    for document in Document.objects.filter(candidate=blitar):
        services.review_version(
            version=document.current_version, status=EvidenceStatus.REVISION, note="Lengkapi.", by=assessor
        )
    client.force_login(inspector)
    url = reverse("inspector_home")
    client.get(url)

    with django_assert_num_queries(6):  # as above, and the documents to revise
        response = client.get(url)

    assert len(response.context["documents_to_revise"]) == count
    assert response.context["due_recommendations"] == []


@pytest.mark.parametrize("years", [1, 3])
def test_inspector_home_queries_do_not_grow_with_candidacies(
    client, inspector, blitar, indicators, django_assert_num_queries, years
):
    """Earlier candidacies of the region (without a framework here) add no query of their own while they
    have no monitoring round; the documents of all of them are one query."""
    from assessments.enums import CandidateStatus
    from tests.assessments.factories import ProgrammeYearFactory

    for year in range(1, years):
        CandidateFactory(
            programme_year=ProgrammeYearFactory(year=2025 - year),
            region=blitar.region,
            status=CandidateStatus.PILOT,
        )
    make_documents(blitar, inspector, indicators, 2)
    client.force_login(inspector)
    url = reverse("inspector_home")
    client.get(url)

    with django_assert_num_queries(5):
        response = client.get(url)

    assert [len(workspace.documents) for workspace in response.context["workspaces"]] == [2] + [0] * (
        years - 1
    )


def test_evidence_summary_counts_what_the_workspace_counts(blitar, inspector, assessor, indicators, staff):
    """The inspector's home reads each document's title and status only (issue 14); its figures are the
    workspace's."""
    from datetime import timedelta

    from assessments.queries.evidence import evidence_summaries, evidence_workspace

    accepted = upload(blitar, inspector, indicators[:2], title="B diterima")
    revised = upload(blitar, inspector, indicators[1:3], title="A perbaikan")
    upload(blitar, inspector, indicators[:1], title="C menunggu")
    services.review_version(version=accepted.current_version, status=EvidenceStatus.ACCEPTED, by=assessor)
    services.review_version(
        version=revised.current_version, status=EvidenceStatus.REVISION, note="Lengkapi.", by=assessor
    )
    services.set_deadline(
        programme_year=blitar.programme_year, due_on=timezone.localdate() + timedelta(days=3), by=staff
    )
    today = timezone.localdate()

    def figures(workspace):
        return (
            [
                (row.indicator.pk, [document.pk for document in row.documents], row.accepted)
                for row in workspace.rows
            ],
            [(document.pk, document.title, document.status) for document in workspace.documents],
            workspace.completeness,
            workspace.covered_count,
            workspace.accepted_count,
            workspace.waiting_count,
            workspace.revision_count,
            workspace.days_left,
        )

    (summary,) = [figures(workspace) for workspace in evidence_summaries([blitar], today)]
    assert summary == figures(evidence_workspace(blitar, today))
    assert summary[4:7] == (2, 1, 1)  # indicators with an accepted document; documents waiting, to revise
