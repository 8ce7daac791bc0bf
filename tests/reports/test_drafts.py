"""The documents of a plenary still open are drafts (watermark, no code, nothing issued); a record issued
before the final announcement names it on its verification page and is replaced by the one issued after it.
(The module's demo stops before finalising: ``demo_open_plenary``.)"""

import pytest

from accounts.models import User
from assessments.enums import AnnouncementKind
from reports.enums import DocumentKind
from reports.models import IssuedDocument
from tests.assessments.test_plenary_views import open_blitar  # noqa: F401 (fixture: the demo, plenary open)
from tests.reports.pdf import pdf_text
from tests.reports.test_documents import download, login, record_url

pytestmark = pytest.mark.django_db


def test_the_documents_of_an_open_plenary_are_drafts(client, open_blitar):  # noqa: F811
    login(client, "penilai.kpk")

    for report, title in [
        ("berita-acara", "BERITA ACARA RAPAT PLENO"),
        ("laporan-nilai", "LAPORAN NILAI DAERAH"),
    ]:
        response = client.get(record_url(open_blitar, report))
        assert response["Content-Type"] == "application/pdf"
        text = pdf_text(response.content)
        assert title in text
        assert "DRAF" in text
        assert "Kode verifikasi" not in text
        assert "/verifikasi/" not in text

        response = client.post(record_url(open_blitar, report), follow=True)
        assert "masih draf" in response.content.decode()
    assert IssuedDocument.objects.count() == 0


def test_an_earlier_record_names_the_final_announcement_and_the_one_issued_after_it(
    client,
    open_blitar,  # noqa: F811
):
    from datetime import date

    from assessments.demo import plenary as demo
    from assessments.services.plenary import finalize_plenary

    people = {user.username: user for user in User.objects.filter(username__in=["permas", "penilai.kpk"])}
    plenary = finalize_plenary(plenary=open_blitar, by=people["penilai.kpk"])
    demo.announce(plenary, people, kind=AnnouncementKind.PROVISIONAL, announced_on=date(2025, 11, 7))
    url = record_url(plenary)
    login(client, "penilai.kpk")
    client.post(url)
    before = IssuedDocument.objects.get(kind=DocumentKind.PLENARY_RECORD)
    assert ["Nilai total", "92,15 (sementara)"] in before.statements
    demo.import_final_mcsp(plenary.assessment.candidate.region, people["permas"])
    demo.announce(plenary, people, kind=AnnouncementKind.FINAL, announced_on=date(2025, 12, 9))

    page = client.get(before.get_absolute_url()).content.decode()
    assert 'data-testid="final-result"' in page
    assert (
        "Pengumuman hasil penilaian akhir tanggal 9 Desember 2025, nilai total 92,15, predikat Istimewa"
        in page
    )

    outdated = client.get(url)  # the record now states the final result: it must be issued again
    assert 'data-testid="outdated"' in outdated.content.decode()
    client.post(url)
    after = IssuedDocument.objects.get(kind=DocumentKind.PLENARY_RECORD, superseded_by__isnull=True)
    assert ["Nilai total", "92,15 (akhir)"] in after.statements
    assert ["Sumber nilai", "Pengumuman akhir 9 Desember 2025"] in after.statements
    before.refresh_from_db()
    assert before.superseded_by == after
    assert "92,15 (akhir)" in pdf_text(download(client.get(url)))
    page = client.get(before.get_absolute_url()).content.decode()
    assert f'href="{after.get_absolute_url()}" data-testid="current-link"' in page
