"""Fixtures and real sample files for the evidence tests (imported with ``from ... import *``).

The scene: Percontohan 2025 with a published framework of three indicators (the third fed by a criterion),
Kota Blitar designated and assessed by Satgas 1 (``assessor`` a member, ``recused_assessor`` recused),
Kota Mataram designated and assessed by Satgas 2 (``other_assessor``).
"""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.enums import Institution
from assessments.enums import CandidateStatus, IndicatorSource
from assessments.services import evidence as services
from tests.assessments.factories import (
    AssessmentFactory,
    CandidateFactory,
    ComponentFactory,
    FrameworkFactory,
    IndicatorFactory,
    ProgrammeYearFactory,
    RecusalFactory,
    TeamFactory,
    TeamMemberFactory,
)
from tests.factories import UserFactory

__all__ = [
    "blitar",
    "blitar_assessment",
    "docx_bytes",
    "evidence_root",
    "framework",
    "indicators",
    "make_pdf",
    "mataram",
    "other_assessor",
    "pdf_file",
    "png_bytes",
    "recused_assessor",
    "upload",
]


def make_pdf(text: str = "Bukti dukung") -> bytes:
    """A small valid one-page PDF with ``text`` on it (offsets in the xref table computed)."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def png_bytes(size=(16, 16)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            '2006/content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def pdf_file(name: str = "perwali-upg.pdf", text: str = "Bukti dukung") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, make_pdf(text), content_type="application/pdf")


@pytest.fixture(autouse=True)
def evidence_root(tmp_path, settings):
    """Each test stores its evidence files in its own folder (setting STORAGES again makes Django build
    the storage anew, reading EVIDENCE_ROOT)."""
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    settings.STORAGES = {**settings.STORAGES}
    return settings.EVIDENCE_ROOT


@pytest.fixture
def framework(db):
    programme_year = ProgrammeYearFactory(year=2025)
    return FrameworkFactory(programme_year=programme_year, published=True)


@pytest.fixture
def indicators(framework):
    governance = ComponentFactory(framework=framework, order=1, name="Tata Kelola Pemerintahan Daerah")
    supervision = ComponentFactory(framework=framework, order=2, name="Peningkatan Kualitas Pengawasan")
    return [
        IndicatorFactory(
            component=supervision,
            order=2,
            code="3",
            name="Sistem pelaporan pelanggaran (WBS)",
            expected_evidence="SK WBS dan laporan pengaduan",
        ),
        IndicatorFactory(
            component=supervision,
            order=3,
            code="4",
            name="Unit pengendalian gratifikasi",
            expected_evidence="SK UPG",
        ),
        IndicatorFactory(
            component=governance,
            order=1,
            code="1",
            name="Nilai MCSP",
            source=IndicatorSource.CRITERION,
            criterion="mcp",
        ),
    ]


@pytest.fixture
def blitar_assessment(framework, indicators, kota_blitar, assessor):
    candidate = CandidateFactory(
        programme_year=framework.programme_year, region=kota_blitar, status=CandidateStatus.DESIGNATED
    )
    team = TeamFactory(programme_year=framework.programme_year, name="Satgas 1")
    TeamMemberFactory(team=team, user=assessor)
    return AssessmentFactory(candidate=candidate, team=team, framework=framework)


@pytest.fixture
def blitar(blitar_assessment):
    return blitar_assessment.candidate


@pytest.fixture
def recused_assessor(blitar_assessment):
    user = UserFactory(username="penilai.mundur", name="Budi Santoso", institution=Institution.OMBUDSMAN)
    TeamMemberFactory(team=blitar_assessment.team, user=user)
    RecusalFactory(assessment=blitar_assessment, user=user)
    return user


@pytest.fixture
def other_assessor(db):
    return UserFactory(username="penilai.lain", name="Citra Dewi", institution=Institution.PANRB)


@pytest.fixture
def mataram(framework, indicators, kota_mataram, other_assessor):
    candidate = CandidateFactory(
        programme_year=framework.programme_year, region=kota_mataram, status=CandidateStatus.DESIGNATED
    )
    team = TeamFactory(programme_year=framework.programme_year, name="Satgas 2")
    TeamMemberFactory(team=team, user=other_assessor)
    AssessmentFactory(candidate=candidate, team=team, framework=framework)
    return candidate


def upload(candidate, by, indicators, file=None, title="Perwali UPG"):
    """Upload through the service (the setup of tests that are about something else)."""
    return services.upload_document(
        candidate=candidate, title=title, indicators=indicators, file=file or pdf_file(), by=by
    )
