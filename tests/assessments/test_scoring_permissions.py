"""Personas against every scoring page and POST: staff; an assessor on the team; one on another team; a
recused member; the region's inspector; another region's inspector; anonymous. Nobody reads or writes
outside their assignment by editing a URL or a form field."""

import io
from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from assessments.enums import Stage
from assessments.models import AssessmentStage, FieldVisit, QaAttendee, QaQuestion, StageSubmission
from assessments.services.stage_records import add_field_visit

PERSONAS = ["staff", "member", "outsider", "recused", "inspector", "other_inspector", "anonymous"]


# The stages the shared ``scoring`` fixture opens (tests/assessments/conftest.py).
OPEN_STAGES = (Stage.DOCUMENTS, Stage.FIELD_CHECK, Stage.PRESENTATION, Stage.QA)


@pytest.fixture
def log_in(client, scoring, inspector, other_inspector):
    def log_in_as(persona):
        users = {
            "staff": scoring.staff,
            "member": scoring.member,
            "outsider": scoring.outsider,
            "recused": scoring.recused,
            "inspector": inspector,
            "other_inspector": other_inspector,
        }
        if persona != "anonymous":
            client.force_login(users[persona])
        return client

    return log_in_as


def photo_file(name="mpp.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def expected(persona, allowed, *, staff=403):
    if persona == "anonymous":
        return 302
    if persona == "staff":
        return staff
    return 200 if persona in allowed else 404


def url(name, scoring, **kwargs):
    return reverse(f"scoring:{name}", kwargs={"pk": scoring.assessment.pk, **kwargs})


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("name", "kwargs", "staff_status"),
    [
        ("assessment", {}, 403),
        ("stage", {"stage": "dokumen"}, 403),
        ("records", {"stage": "lapangan"}, 200),
        ("records", {"stage": "tanya_jawab"}, 200),
        ("progress", {}, 200),
    ],
)
def test_pages_by_persona(log_in, scoring, persona, name, kwargs, staff_status):
    response = log_in(persona).get(url(name, scoring, **kwargs))
    if name == "progress":  # staff only; the team sees the assessment, so it is told "forbidden"
        assert response.status_code == {"staff": 200, "member": 403, "anonymous": 302}.get(persona, 404)
    else:
        assert response.status_code == expected(persona, {"member"}, staff=staff_status)
    if persona == "anonymous":
        assert response["Location"].startswith("/akun/masuk/?next=")


@pytest.mark.parametrize("persona", PERSONAS)
def test_staff_pages_by_persona(log_in, persona):
    response = log_in(persona).get(reverse("scoring:progress_list"))
    assert response.status_code == {"staff": 200, "anonymous": 302}.get(persona, 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_posting_scores_by_persona(log_in, scoring, persona):
    indicator = scoring.indicators[0]
    data = {"version": "0", "simpan": "1", f"nilai_{indicator.pk}": "80"}
    response = log_in(persona).post(url("stage", scoring, stage="dokumen"), data)

    assert response.status_code == {"member": 302, "anonymous": 302, "staff": 403}.get(persona, 404)
    assert StageSubmission.objects.count() == (1 if persona == "member" else 0)


@pytest.mark.parametrize("persona", PERSONAS)
def test_posting_records_by_persona(log_in, scoring, persona):
    data = {"form": "pertanyaan", "pertanyaan-question": "Bagaimana WBS?", "pertanyaan-asked_by": "Andi"}
    response = log_in(persona).post(url("records", scoring, stage="tanya_jawab"), data)

    assert response.status_code == {"member": 302, "anonymous": 302, "staff": 403}.get(persona, 404)
    assert QaQuestion.objects.count() == (1 if persona == "member" else 0)


@pytest.mark.parametrize("persona", PERSONAS)
def test_opening_a_stage_by_persona(log_in, scoring, persona):
    response = log_in(persona).post(url("stage_action", scoring, stage="dokumen", action="tutup"))

    assert response.status_code == {"staff": 302, "anonymous": 302, "member": 403}.get(persona, 404)
    status = AssessmentStage.objects.get(assessment=scoring.assessment, stage="dokumen").status
    assert status == ("ditutup" if persona == "staff" else "dibuka")


@pytest.mark.parametrize("persona", PERSONAS)
def test_field_photos_by_persona(log_in, scoring, persona):
    visit = add_field_visit(
        scoring.assessment,
        by=scoring.member,
        place="Mal Pelayanan Publik",
        visited_at=timezone.make_aware(datetime(2025, 11, 5, 9, 0)),
        photos=[photo_file()],
    )
    photo = visit.photos.get()
    response = log_in(persona).get(url("photo", scoring, photo_pk=photo.pk))

    assert response.status_code == expected(persona, {"member"}, staff=200)
    if response.status_code == 200:
        assert response["Content-Type"] == "image/jpeg"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"  # JPEG magic
        response.close()


def test_forged_ids_in_urls(client, scoring):
    """The member of Satgas 1 edits ids in the URL: another assessment, a photo of it, an unknown stage."""
    other_visit = add_field_visit(
        scoring.other_assessment,
        by=scoring.outsider,
        place="Inspektorat",
        visited_at=timezone.make_aware(datetime(2025, 11, 5, 10, 0)),
        photos=[photo_file()],
    )
    client.force_login(scoring.member)
    other = scoring.other_assessment.pk
    photo = other_visit.photos.get()

    assert client.get(reverse("scoring:stage", kwargs={"pk": other, "stage": "dokumen"})).status_code == 404
    assert (
        client.post(reverse("scoring:stage", kwargs={"pk": other, "stage": "dokumen"}), {}).status_code == 404
    )
    assert client.get(url("photo", scoring, photo_pk=photo.pk)).status_code == 404  # not this assessment's
    assert client.get(url("stage", scoring, stage="rahasia")).status_code == 404
    assert client.get(url("records", scoring, stage="dokumen")).status_code == 404
    assert client.get(reverse("scoring:stage", kwargs={"pk": 999999, "stage": "dokumen"})).status_code == 404
    assert client.post(url("records", scoring, stage="tanya_jawab"), {"form": "tidak-ada"}).status_code == 404


def test_forged_component_in_the_presentation_form_is_ignored(client, scoring):
    client.force_login(scoring.member)
    component = scoring.assessment.framework.components.first()
    response = client.post(
        url("records", scoring, stage="paparan"),
        {
            "form": "paparan",
            "paparan-presenter": "Syauqul Muhibbin",
            "paparan-presenter_position": "Wali Kota Blitar",
            f"paparan-komponen_{component.pk}": "Tata kelola baik.",
            "paparan-komponen_999999": "palsu",
        },
    )
    assert response.status_code == 302
    presentation = scoring.assessment.presentation
    assert list(presentation.notes.values_list("component__name", "note")) == [
        ("Tata Kelola Pemerintahan Daerah", "Tata kelola baik.")
    ]


def test_records_flow_for_the_field_check_and_qa(client, scoring):
    client.force_login(scoring.member)
    response = client.post(
        url("records", scoring, stage="lapangan"),
        {
            "form": "kunjungan",
            "kunjungan-place": "Mal Pelayanan Publik",
            "kunjungan-visited_at": "2025-11-05T09:30",
            "kunjungan-facilities": ["ramah_anak", "laktasi", "disabilitas"],
            "kunjungan-checked": "Ruang tunggu, loket.",
            "kunjungan-findings": "Ruang laktasi tersedia.",
            "kunjungan-photos": [photo_file("a.jpg"), photo_file("b.jpg")],
        },
    )
    assert response.status_code == 302
    visit = FieldVisit.objects.get()
    assert (visit.place, visit.facility_labels, visit.photos.count()) == (
        "Mal Pelayanan Publik",
        ["Fasilitas ramah anak", "Ruang laktasi", "Fasilitas disabilitas"],
        2,
    )

    response = client.post(
        url("records", scoring, stage="lapangan"),
        {
            "form": "kunjungan",
            "kunjungan-place": "UKPBJ",
            "kunjungan-visited_at": "2025-11-05T11:00",
            "kunjungan-photos": [
                SimpleUploadedFile("foto.jpg", b"%PDF-1.4 bukan foto", content_type="image/jpeg")
            ],
        },
    )
    assert response.status_code == 400
    assert "Berkas ini bukan foto JPEG, PNG atau WebP." in response.content.decode()
    assert FieldVisit.objects.count() == 1

    response = client.post(
        url("records", scoring, stage="tanya_jawab"),
        {"form": "hadir", "hadir-role": "sekda", "hadir-name": "Priyo Suhartono", "hadir-position": "Sekda"},
    )
    assert response.status_code == 302
    assert list(QaAttendee.objects.values_list("role", "name")) == [("sekda", "Priyo Suhartono")]
    response = client.get(url("records", scoring, stage="tanya_jawab"))
    assert "Sekretaris daerah" in response.content.decode()


def test_records_are_read_only_when_the_stage_is_closed(client, scoring):
    from assessments.services.scoring import close_stage

    close_stage(scoring.assessment, stage=Stage.QA, by=scoring.staff)
    client.force_login(scoring.member)
    response = client.post(
        url("records", scoring, stage="tanya_jawab"),
        {"form": "hadir", "hadir-role": "sekda", "hadir-name": "Priyo", "hadir-position": ""},
    )
    assert response.status_code == 400
    assert "Tahap ini sedang tidak dibuka; catatan tidak dapat diubah." in response.content.decode()
    assert QaAttendee.objects.count() == 0
