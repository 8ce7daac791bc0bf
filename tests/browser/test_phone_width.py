"""Every page on a phone (issue 12, item 6): every main page of every role, loaded at 390 px on the demo
data (the finished 2025 Kota Blitar story and the 2026 Maros cohort in progress), is no wider than the
screen. Wide tables scroll inside their own box or become stacked cards; nothing widens the document."""

import io

import pytest
from django.core.management import call_command
from django.db.models.functions import Length

from assessments.demo.data import DEMO_PASSWORD
from assessments.models import Assessment, Document
from audit.models import AuditEntry
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)
WIDTH = 390


def main_pages() -> dict[str, list[str]]:
    maros = Assessment.objects.select_related("candidate", "team").get(candidate__region__code="73.09")
    blitar = Assessment.objects.select_related("candidate").get(candidate__region__code="35.72")
    document = Document.objects.filter(candidate=maros.candidate).order_by("pk").first()
    # The audit entry whose action, shown as one word in the admin's heading, is the longest.
    audit_entry = AuditEntry.objects.order_by(Length("action").desc(), "pk").first()
    candidate, team = maros.candidate.pk, maros.team.pk
    finished = blitar.candidate.pk
    return {
        "permas": [
            "/staf/",
            "/wilayah/",
            "/wilayah/35.72/",
            "/wilayah/skrining/",
            "/wilayah/skrining/aturan/2026/",
            "/wilayah/kriteria/impor/",
            "/program/",
            "/program/2026/",
            "/program/2026/kerangka/",
            "/program/2026/kerangka/perbedaan/",
            "/program/2026/calon/",
            f"/program/calon/{candidate}/",
            f"/program/calon/{candidate}/dinilai/",
            "/program/2026/calon/usul/",
            "/program/2026/tim/",
            "/program/2026/tim/susun/",
            f"/program/tim/{team}/",
            "/program/2026/penilaian/",
            f"/program/penilaian/{maros.pk}/",
            f"/program/penilaian/{blitar.pk}/pleno/",
            "/penilaian/progres/",
            f"/penilaian/{maros.pk}/progres/",
            f"/penilaian/{blitar.pk}/riwayat/",
            "/bukti-dukung/",
            f"/bukti-dukung/calon/{candidate}/",
            f"/bukti-dukung/dokumen/{document.pk}/",
            f"/daerah/calon/{finished}/monev/",
            f"/daerah/calon/{candidate}/monev/",
            f"/admin/audit/auditentry/{audit_entry.pk}/change/",
        ],
        "penilai.sulsel": [
            "/penilai/",
            f"/penilaian/{maros.pk}/",
            f"/penilaian/{maros.pk}/dokumen/nilai/",
            f"/penilaian/{maros.pk}/lapangan/catatan/",
            f"/penilaian/{maros.pk}/paparan/catatan/",
            f"/penilaian/{maros.pk}/tanya_jawab/catatan/",
            f"/penilaian/{maros.pk}/riwayat/",
            "/bukti-dukung/penilai/",
            f"/bukti-dukung/calon/{candidate}/",
            f"/bukti-dukung/dokumen/{document.pk}/",
            f"/program/penilaian/{maros.pk}/pleno/",
        ],
        "penilai.kpk": [
            "/penilai/",
            f"/penilaian/{blitar.pk}/",
            f"/penilaian/{blitar.pk}/dokumen/nilai/",
            f"/program/penilaian/{blitar.pk}/pleno/",
            f"/program/penilaian/{blitar.pk}/pleno/layar/",
            f"/program/penilaian/{maros.pk}/pleno/final/",
            f"/daerah/calon/{finished}/rekomendasi/",
            f"/daerah/calon/{finished}/monev/",
            f"/daerah/calon/{finished}/sanggah/",
        ],
        "inspektur.blitar": [
            "/inspektur/",
            f"/daerah/calon/{finished}/penilaian-mandiri/",
            f"/daerah/calon/{finished}/lke/",
            f"/daerah/calon/{finished}/rekomendasi/",
            f"/daerah/calon/{finished}/monev/",
        ],
        "inspektur.maros": [
            "/inspektur/",
            f"/daerah/calon/{candidate}/penilaian-mandiri/",
            f"/daerah/calon/{candidate}/lke/",
            f"/bukti-dukung/calon/{candidate}/",
            f"/bukti-dukung/calon/{candidate}/unggah/",
            f"/bukti-dukung/dokumen/{document.pk}/",
        ],
        "": ["/akun/masuk/", "/percontohan/", "/verifikasi/", "/verifikasi/TIDAKADA/"],
    }


@pytest.mark.parametrize(
    ("width", "language"),
    # A common phone in Indonesian, and a narrow one in English, whose words are often longer.
    [(WIDTH, "id"), (360, "en")],
)
def test_every_main_page_of_every_role_fits_a_phone(browser, live_server, width, language):
    call_command("load_demo", stdout=io.StringIO())
    pages = main_pages()
    too_wide, broken = [], []
    for username, urls in pages.items():
        context = browser.new_context(
            base_url=live_server.url,
            locale="id-ID",
            timezone_id="Asia/Makassar",
            viewport={"width": width, "height": 844},
            device_scale_factor=1,
            is_mobile=True,
            has_touch=True,
        )
        page = context.new_page()
        if username:
            log_in(page, username, DEMO_PASSWORD)
        context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        for url in urls:
            response = page.goto(url)
            if response.status not in (200, 404) or (response.status == 404 and "TIDAKADA" not in url):
                broken.append(f"{username or 'anonim'} {url}: {response.status}")
                continue
            page_width = page.evaluate("document.documentElement.scrollWidth")
            if page_width > width:
                culprits = page.evaluate(
                    """(limit) => Array.from(document.querySelectorAll('body *'))
                        .filter(el => el.getBoundingClientRect().right > limit + 1
                                && !el.closest('.table-responsive, .scroll-x'))
                        .slice(0, 3)
                        .map(el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : ''))""",
                    width,
                )
                too_wide.append(f"{username or 'anonim'} {url}: {page_width}px {culprits}")
        context.close()
    assert broken == []
    assert "\n".join(too_wide) == ""
    assert sum(len(urls) for urls in pages.values()) == 64
