"""Correcting and removing stage records (field visits with photos, Q&A questions, attendees): through the
services with audit entries, while the stage is open and the plenary not finalised, with a confirmation
page before a removal; personas and forged ids."""

from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from assessments.enums import AttendeeRole, PlenaryStatus, Stage
from assessments.models import FieldVisit, FieldVisitPhoto, Plenary, QaAttendee, QaQuestion
from assessments.services import stage_records as services
from assessments.services.scoring import close_stage
from audit.models import AuditEntry
from tests.assessments.scoring_factories import build_scoring
from tests.assessments.test_scoring_permissions import photo_file

pytestmark = pytest.mark.django_db

VISITED = timezone.make_aware(datetime(2025, 11, 5, 9, 0))


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def scoring(kota_blitar, kota_mataram, assessor, staff):
    return build_scoring(
        region=kota_blitar,
        other_region=kota_mataram,
        member=assessor,
        staff=staff,
        open_stages=(Stage.FIELD_CHECK, Stage.QA),
    )


@pytest.fixture
def visit(scoring):
    return services.add_field_visit(
        scoring.assessment,
        by=scoring.member,
        place="Mal Pelayanan Publik",
        visited_at=VISITED,
        facilities=["laktasi"],
        photos=[photo_file("loket.jpg"), photo_file("laktasi.jpg")],
    )


@pytest.fixture
def question(scoring):
    return services.add_qa_question(
        scoring.assessment, by=scoring.member, question="Bagaimana WBS?", asked_by="Andi"
    )


@pytest.fixture
def attendee(scoring):
    return services.add_qa_attendee(
        scoring.assessment, by=scoring.member, role=AttendeeRole.SEKDA, name="Priyo"
    )


def item_url(name, scoring, stage, kind, pk):
    return reverse(
        f"scoring:{name}", kwargs={"pk": scoring.assessment.pk, "stage": stage, "kind": kind, "item_pk": pk}
    )


def test_correcting_a_visit_adds_and_removes_photos_with_an_audit_entry(
    scoring, visit, django_capture_on_commit_callbacks
):
    loket, laktasi = visit.photos.order_by("pk")
    with django_capture_on_commit_callbacks(execute=True):
        services.update_field_visit(
            visit,
            by=scoring.colleague,
            place="Mal Pelayanan Publik Kota Blitar",
            visited_at=VISITED,
            facilities=["laktasi", "disabilitas"],
            findings="Ruang laktasi bersih.",
            add_photos=[photo_file("ramp.jpg")],
            remove_photo_ids=[loket.pk],
        )

    visit.refresh_from_db()
    assert (visit.place, visit.facilities, visit.findings) == (
        "Mal Pelayanan Publik Kota Blitar",
        ["laktasi", "disabilitas"],
        "Ruang laktasi bersih.",
    )
    assert list(visit.photos.order_by("pk").values_list("original_name", flat=True)) == [
        "laktasi.jpg",
        "ramp.jpg",
    ]
    assert not default_storage.exists(loket.image.name)
    assert default_storage.exists(laktasi.image.name)
    entry = AuditEntry.objects.get(action="stage_record.field_visit.update")
    assert (entry.actor, entry.before["place"], entry.after["place"], entry.before["photos"]) == (
        scoring.colleague,
        "Mal Pelayanan Publik",
        "Mal Pelayanan Publik Kota Blitar",
        [loket.pk, laktasi.pk],
    )


def test_a_photo_of_another_visit_cannot_be_removed(scoring, visit):
    other = services.add_field_visit(
        scoring.assessment, by=scoring.member, place="UKPBJ", visited_at=VISITED, photos=[photo_file()]
    )
    with pytest.raises(ValidationError) as error:
        services.update_field_visit(
            visit,
            by=scoring.member,
            place="MPP",
            visited_at=VISITED,
            remove_photo_ids=[other.photos.get().pk],
        )
    assert error.value.code == "unknown_photo"
    assert FieldVisitPhoto.objects.count() == 3


def test_removing_a_visit_removes_its_photos_and_keeps_what_it_said(
    scoring, visit, django_capture_on_commit_callbacks
):
    names = [photo.image.name for photo in visit.photos.all()]
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_field_visit(visit, by=scoring.member)

    assert (FieldVisit.objects.count(), FieldVisitPhoto.objects.count()) == (0, 0)
    assert [default_storage.exists(name) for name in names] == [False, False]
    entry = AuditEntry.objects.get(action="stage_record.field_visit.delete")
    assert (entry.before["place"], entry.before["facilities"], entry.object_id) == (
        "Mal Pelayanan Publik",
        ["laktasi"],
        str(visit.pk),
    )


def test_questions_and_attendees_are_corrected_and_removed_through_the_pages(
    client, scoring, question, attendee
):
    client.force_login(scoring.member)
    records = reverse("scoring:records", kwargs={"pk": scoring.assessment.pk, "stage": "tanya_jawab"})
    page = client.get(records).content.decode()
    assert item_url("record_edit", scoring, "tanya_jawab", "pertanyaan", question.pk) in page
    assert item_url("record_delete", scoring, "tanya_jawab", "hadir", attendee.pk) in page

    edit = client.get(item_url("record_edit", scoring, "tanya_jawab", "pertanyaan", question.pk))
    assert edit.context["form"]["question"].value() == "Bagaimana WBS?"
    response = client.post(
        item_url("record_edit", scoring, "tanya_jawab", "pertanyaan", question.pk),
        {
            "catatan-question": "Bagaimana tindak lanjut WBS?",
            "catatan-asked_by": "Andi",
            "catatan-answered_by": "Inspektur",
            "catatan-summary": "Sudah ada SOP.",
        },
    )
    assert (response.status_code, response["Location"]) == (302, records)
    question.refresh_from_db()
    assert (question.question, question.answered_by) == ("Bagaimana tindak lanjut WBS?", "Inspektur")
    entry = AuditEntry.objects.get(action="stage_record.qa_question.update")
    assert (entry.before["question"], entry.after["question"]) == (
        "Bagaimana WBS?",
        "Bagaimana tindak lanjut WBS?",
    )

    client.post(
        item_url("record_edit", scoring, "tanya_jawab", "hadir", attendee.pk),
        {"catatan-role": "wakil", "catatan-name": "Elim Tyu", "catatan-position": "Wakil Wali Kota"},
    )
    assert list(QaAttendee.objects.values_list("role", "name")) == [("wakil", "Elim Tyu")]

    confirm = client.get(item_url("record_delete", scoring, "tanya_jawab", "pertanyaan", question.pk))
    assert 'data-testid="confirm-delete"' in confirm.content.decode()
    assert QaQuestion.objects.count() == 1  # asking removes nothing
    response = client.post(item_url("record_delete", scoring, "tanya_jawab", "pertanyaan", question.pk))
    assert (response.status_code, QaQuestion.objects.count()) == (302, 0)
    client.post(item_url("record_delete", scoring, "tanya_jawab", "hadir", attendee.pk))
    assert QaAttendee.objects.count() == 0
    assert sorted(AuditEntry.objects.filter(action__endswith=".delete").values_list("action", flat=True)) == [
        "stage_record.qa_attendee.delete",
        "stage_record.qa_question.delete",
    ]


def test_a_visit_is_corrected_through_its_page(client, scoring, visit):
    client.force_login(scoring.member)
    loket = visit.photos.order_by("pk").first()
    response = client.post(
        item_url("record_edit", scoring, "lapangan", "kunjungan", visit.pk),
        {
            "catatan-place": "Inspektorat",
            "catatan-visited_at": "2025-11-05T10:15",
            "catatan-facilities": ["disabilitas"],
            "catatan-remove_photos": [loket.pk],
            "catatan-photos": [photo_file("baru.jpg")],
        },
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.place, visit.facilities) == ("Inspektorat", ["disabilitas"])
    assert sorted(visit.photos.values_list("original_name", flat=True)) == ["baru.jpg", "laktasi.jpg"]
    confirm = client.get(item_url("record_delete", scoring, "lapangan", "kunjungan", visit.pk))
    assert "2 foto kunjungan ini ikut terhapus." in confirm.content.decode()


def test_records_cannot_change_once_the_stage_is_closed(client, scoring, question, attendee):
    close_stage(scoring.assessment, stage=Stage.QA, by=scoring.staff)
    client.force_login(scoring.member)

    edit = client.post(
        item_url("record_edit", scoring, "tanya_jawab", "pertanyaan", question.pk),
        {"catatan-question": "Diubah", "catatan-asked_by": "Andi"},
    )
    delete = client.post(item_url("record_delete", scoring, "tanya_jawab", "hadir", attendee.pk))

    message = "Tahap ini sedang tidak dibuka; catatan tidak dapat diubah."
    assert (edit.status_code, delete.status_code) == (400, 400)
    assert message in edit.content.decode() and message in delete.content.decode()
    assert QaQuestion.objects.get().question == "Bagaimana WBS?"
    assert QaAttendee.objects.count() == 1
    records = client.get(
        reverse("scoring:records", kwargs={"pk": scoring.assessment.pk, "stage": "tanya_jawab"})
    )
    assert 'data-testid="delete-hadir' not in records.content.decode()


def test_records_cannot_change_once_the_plenary_is_final(client, scoring, question):
    Plenary.objects.create(
        assessment=scoring.assessment, status=PlenaryStatus.FINALISED, finalised_at=timezone.now()
    )
    with pytest.raises(ValidationError) as error:
        services.delete_qa_question(question, by=scoring.member)
    assert error.value.code == "plenary_finalised"
    client.force_login(scoring.member)  # the page itself is refused: record_stage ends with the plenary
    assert (
        client.post(item_url("record_delete", scoring, "tanya_jawab", "pertanyaan", question.pk)).status_code
        == 403
    )
    assert QaQuestion.objects.count() == 1


PERSONAS = {
    "staff": 403,
    "member": 200,
    "colleague": 200,
    "recused": 404,
    "outsider": 404,
    "inspector": 404,
    "other_inspector": 404,
    "anonymous": 302,
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", ["record_edit", "record_delete"])
def test_record_pages_by_persona(client, scoring, question, inspector, other_inspector, persona, name):
    users = {"inspector": inspector, "other_inspector": other_inspector}
    if persona != "anonymous":
        client.force_login(users.get(persona) or getattr(scoring, persona))
    url = item_url(name, scoring, "tanya_jawab", "pertanyaan", question.pk)

    assert client.get(url).status_code == PERSONAS[persona]
    posted = client.post(url, {"catatan-question": "Palsu", "catatan-asked_by": "X"})
    assert posted.status_code == {200: 302}.get(PERSONAS[persona], PERSONAS[persona])
    exists = QaQuestion.objects.filter(pk=question.pk).exists()
    changed = persona in ("member", "colleague")
    assert exists == (not changed or name == "record_edit")
    if persona == "anonymous":
        assert posted["Location"].startswith("/akun/masuk/?next=")


def test_forged_ids_and_kinds_are_not_found(client, scoring, question):
    other = services.add_qa_question(
        scoring.other_assessment, by=scoring.outsider, question="Lain?", asked_by="B"
    )
    client.force_login(scoring.member)

    assert (
        client.get(item_url("record_edit", scoring, "tanya_jawab", "pertanyaan", other.pk)).status_code == 404
    )
    assert (
        client.post(item_url("record_delete", scoring, "tanya_jawab", "pertanyaan", other.pk)).status_code
        == 404
    )
    assert (
        client.get(item_url("record_edit", scoring, "lapangan", "pertanyaan", question.pk)).status_code == 404
    )
    assert (
        client.get(item_url("record_edit", scoring, "tanya_jawab", "paparan", question.pk)).status_code == 404
    )
    assert QaQuestion.objects.count() == 2
