"""The scene of the region's side of the cycle (issue 13), imported with ``from ... import *``.

Kota Blitar 2025 assessed by Satgas 1 (``build_scoring``: the chair ``assessor``, a colleague, a recused
member; Kota Mataram assessed by Satgas 2 with its own assessor), the Blitar inspector and the Mataram
inspector, an evidence document, and helpers to finalise the plenary and announce it provisionally.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.enums import AnnouncementKind
from assessments.services import announcements as announcement_services
from assessments.services import plenary as plenary_services
from assessments.services.evidence import upload_document
from tests.assessments.evidence_fixtures import make_pdf
from tests.assessments.scoring_factories import build_scoring
from tests.factories import UserFactory

__all__ = [
    "Scene",
    "announce",
    "finalise",
    "pdf_upload",
    "personas",
    "region_colleague",
    "region_evidence_root",
    "scene",
]


def pdf_upload(name="bukti.pdf", text="Bukti"):
    return SimpleUploadedFile(name, make_pdf(text), content_type="application/pdf")


@pytest.fixture(autouse=True)
def region_evidence_root(tmp_path, settings):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    settings.STORAGES = {**settings.STORAGES}
    return settings.EVIDENCE_ROOT


@dataclass
class Scene:
    scoring: object
    candidate: object
    inspector: object
    other_inspector: object
    document: object

    @property
    def assessment(self):
        return self.scoring.assessment

    @property
    def indicators(self):
        return self.scoring.indicators


@pytest.fixture
def scene(kota_blitar, kota_mataram, assessor, staff, inspector, other_inspector):
    scoring = build_scoring(region=kota_blitar, other_region=kota_mataram, member=assessor, staff=staff)
    candidate = scoring.assessment.candidate
    document = upload_document(
        candidate=candidate,
        title="Perwali WBS",
        indicators=scoring.indicators[:1],
        file=pdf_upload(),
        by=inspector,
    )
    return Scene(scoring, candidate, inspector, other_inspector, document)


def personas(scene: Scene) -> dict:
    """Every persona of the permission tests, by name."""
    return {
        "staff": scene.scoring.staff,
        "team": scene.scoring.member,
        "other_team": scene.scoring.outsider,
        "recused": scene.scoring.recused,
        "inspector": scene.inspector,
        "other_inspector": scene.other_inspector,
    }


def finalise(scene: Scene, values=(Decimal("80"), Decimal("3"))):
    """The chair records the agreed scores and the meeting and finalises the plenary."""
    chair = scene.scoring.member
    plenary = plenary_services.plenary_for(scene.assessment)
    for indicator, value in zip(scene.indicators, values, strict=True):
        plenary_services.record_plenary_score(plenary=plenary, indicator=indicator, value=value, by=chair)
    plenary_services.record_meeting(
        plenary=plenary,
        held_on=date(2025, 11, 6),
        place="Kantor Wali Kota Blitar",
        attendees=[("Andi Pratama", "Ketua", "BPKP")],
        by=chair,
    )
    return plenary_services.finalize_plenary(plenary=plenary, by=chair)


def announce(plenary, staff, *, kind=AnnouncementKind.PROVISIONAL, announced_on=date(2025, 11, 7)):
    return announcement_services.publish_announcement(
        plenary=plenary,
        kind=kind,
        announced_on=announced_on,
        place="Balai Kota Blitar",
        official_name="Ibnu Basuki Widodo",
        official_position="Wakil Ketua KPK",
        witnesses=[("Wali Kota Blitar", "Wali Kota")],
        by=staff,
    )


def region_colleague(region):
    return UserFactory(username="staf.inspektorat", name="Sari Wulandari", inspector=True, region=region)
