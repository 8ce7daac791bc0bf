"""Every view of the project declares a permission that exists (Kiwi TCMS's lint, as a test), and no URL
tells a stranger or an anonymous visitor whether the object it names exists."""

import inspect
import io
import re
from datetime import date
from types import SimpleNamespace

import pytest
import rules
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished
from django.db import close_old_connections
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from PIL import Image

from accounts.mixins import PermissionMixin
from assessments.enums import Stage
from assessments.services.evidence import upload_document
from assessments.services.plenary import plenary_for
from assessments.services.stage_records import add_field_visit, add_qa_question
from regions.enums import CaseHandler, CasePosition, CaseStage
from regions.models import Region
from regions.services.criteria import record_case
from regions.services.criteria_import import prepare_import
from regions.services.workbook import prepare_workbook
from reports.enums import DocumentKind
from reports.models import IssuedDocument
from tests.assessments.evidence_fixtures import make_pdf
from tests.assessments.factories import PredicateBandFactory
from tests.assessments.scoring_factories import build_scoring

# Django's own views (log-in, password reset, language switch, the admin) guard themselves.
DJANGO_MODULES = "django."


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def test_every_project_view_declares_a_permission():
    missing = []
    checked = 0
    for route, callback in walk(get_resolver().url_patterns):
        view_class = getattr(callback, "view_class", None)
        module = (view_class or callback).__module__
        if module.startswith(DJANGO_MODULES) or getattr(view_class, "public", False):
            continue
        if view_class is None and isinstance(getattr(inspect.unwrap(callback), "__self__", None), ModelAdmin):
            continue  # a ModelAdmin's own view (ours wrap Django's): has_*_permission decide (test_admin_walk)

        checked += 1
        if not (view_class and issubclass(view_class, PermissionMixin) and view_class.permission_required):
            missing.append(f"{route} ({module})")

    assert missing == []
    assert checked >= 6


def test_every_declared_permission_exists_in_the_rules():
    unknown = []
    for route, callback in walk(get_resolver().url_patterns):
        view_class = getattr(callback, "view_class", None)
        permission = getattr(view_class, "permission_required", "") if view_class else ""
        if isinstance(permission, str) and permission and not rules.perm_exists(permission):
            unknown.append(f"{route}: {permission}")

    assert unknown == []


def test_only_the_public_pages_are_open_to_anonymous_visitors():
    open_views = {
        (view_class.__name__, view_class.permission_required)
        for _route, callback in walk(get_resolver().url_patterns)
        if (view_class := getattr(callback, "view_class", None))
        and issubclass(view_class, PermissionMixin)
        and view_class.open_to_anonymous
    }

    assert open_views == {
        ("VerifyFormView", "reports.verify_document"),
        ("VerifyDocumentView", "reports.verify_document"),
        ("PublicProgrammeView", "assessments.view_public_programme"),
    }
    for _name, permission in open_views:
        assert AnonymousUser().has_perm(permission) is True


# The persona walk (issue 10, item 7). Every URL pattern with a parameter names an object (a region, a
# programme year, an assessment, a document...). For each, an existing object and one that does not exist
# must give a stranger the same answer, 404, and an anonymous visitor the same answer, the log-in page:
# nothing tells them whether the object exists. The strangers are an assessor of another team and the
# inspector of another region; the objects belong to Kota Blitar's assessment.
ID_KWARGS = {"pk", "code", "year", "object_id", "photo_pk", "item_pk", "id"}
MISSING = {
    "pk": 999_999,
    "photo_pk": 999_999,
    "item_pk": 999_999,
    "object_id": "999999",
    "year": 1999,
    "id": "999999",
}
# Public by design: the verification page answers 404 for an unknown code and shows a known one.
PUBLIC = {"reports:verify"}


def named_patterns(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", prefix + str(pattern.pattern)


@pytest.fixture
def world(kota_blitar, kota_mataram, assessor, staff, inspector):
    """One of every object a URL can name, all of Kota Blitar's 2025 assessment."""
    scoring = build_scoring(
        region=kota_blitar,
        other_region=kota_mataram,
        member=assessor,
        staff=staff,
        open_stages=(Stage.DOCUMENTS, Stage.FIELD_CHECK, Stage.PRESENTATION, Stage.QA),
    )
    assessment = scoring.assessment
    photo = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(photo, "JPEG")
    visit = add_field_visit(
        assessment,
        by=assessor,
        place="Mal Pelayanan Publik",
        visited_at=timezone.now(),
        photos=[SimpleUploadedFile("mpp.jpg", photo.getvalue(), content_type="image/jpeg")],
    )
    question = add_qa_question(assessment, by=assessor, question="Bagaimana WBS?", asked_by="Ketua")
    document = upload_document(
        candidate=assessment.candidate,
        title="Perwali UPG",
        indicators=scoring.indicators[:1],
        file=SimpleUploadedFile("perwali.pdf", make_pdf(), content_type="application/pdf"),
        by=inspector,
    )
    case, _change = record_case(
        region=kota_blitar,
        person_name="Fulan",
        started_on=date(2025, 1, 6),
        position=CasePosition.KEPALA_DAERAH,
        stage=CaseStage.PENYELIDIKAN,
        handler=CaseHandler.KPK,
    )
    batch = prepare_import(
        content=b"kode;nilai\n35.72;80\n", file_name="mcp.csv", criterion="mcp", data_year=2025
    )
    band = PredicateBandFactory(programme_year=assessment.candidate.programme_year)
    plenary = plenary_for(assessment)
    issued = IssuedDocument.objects.create(
        code="ABCD2345EFGH",
        kind=DocumentKind.PLENARY_RECORD,
        title="Berita acara",
        subject="Kota Blitar",
        sha256="0" * 64,
        size=1,
        file=ContentFile(b"%PDF", name="x.pdf"),
        issued_at=timezone.now(),
    )
    member = assessment.team.members.get(user=scoring.colleague)
    year = assessment.candidate.programme_year.year
    region_side = region_side_objects(scoring, staff, inspector)
    by_name = {
        "regions:screening_rules": {"year": year},
        "regions:catalogue_create": {"year": year},
        "regions:catalogue_diff": {"year": year},
        "regions:criterion_add": {"year": year},
        "regions:criterion_change": {"year": year, "code": "mcp"},
        "regions:criterion_delete": {"year": year, "code": "mcp"},
        "regions:criteria_import_detail": {"pk": batch.pk},
        "regions:criteria_workbook_detail": {
            "pk": prepare_workbook(content=b"-", file_name="k.xlsx", programme_year=year).pk
        },
        "regions:criteria_template": {"year": year},
        "assessments:candidate_export": {"year": year},
        "assessments:team_export": {"year": year},
        "assessments:assessment_export": {"year": year},
        "regions:detail": {"code": kota_blitar.code},
        "regions:value_form": {"code": kota_blitar.code},
        "regions:case_add": {"code": kota_blitar.code},
        "regions:case_change": {"code": kota_blitar.code, "pk": case.pk},
        "assessments:band_delete": {"pk": band.pk},
        "assessments:indicator_update": {"year": year, "pk": scoring.indicators[0].pk},
        "assessments:indicator_delete": {"pk": scoring.indicators[0].pk},
        "assessments:framework_action": {"year": year, "action": "terbitkan"},
        "assessments:candidate_detail": {"pk": assessment.candidate.pk},
        "assessments:candidate_step": {"pk": assessment.candidate.pk, "step": "penetapan"},
        "assessments:team_detail": {"pk": assessment.team.pk},
        "assessments:team_member_add": {"pk": assessment.team.pk},
        "assessments:team_member_remove": {"pk": member.pk},
        "assessments:announcement_create": {"pk": assessment.pk, "kind": "sementara"},
        "reports:announcement_pdf": {"pk": assessment.pk, "kind": "sementara"},
        "reports:plenary_pdf": {"pk": assessment.pk, "report": "berita-acara"},
        "reports:year_summary_pdf": {"year": year},
        "scoring:photo": {"pk": assessment.pk, "photo_pk": visit.photos.get().pk},
        "scoring:stage": {"pk": assessment.pk, "stage": Stage.DOCUMENTS},
        "scoring:records": {"pk": assessment.pk, "stage": Stage.FIELD_CHECK},
        "scoring:record_edit": {
            "pk": assessment.pk,
            "stage": Stage.QA,
            "kind": "pertanyaan",
            "item_pk": question.pk,
        },
        "scoring:record_delete": {
            "pk": assessment.pk,
            "stage": Stage.QA,
            "kind": "pertanyaan",
            "item_pk": question.pk,
        },
        "scoring:stage_action": {"pk": assessment.pk, "stage": Stage.DOCUMENTS, "action": "tutup"},
        "reports:download": {"code": issued.code},
        "evidence:deadline": {"year": year},
        "evidence:workspace": {"pk": assessment.candidate.pk},
        "evidence:upload": {"pk": assessment.candidate.pk},
        "evidence:document": {"pk": document.pk},
        "evidence:new_version": {"pk": document.pk},
        "evidence:link": {"pk": document.pk},
        "evidence:review": {"pk": document.pk},
        "evidence:view": {"pk": document.current_version.pk},
        "evidence:download": {"pk": document.current_version.pk},
        "admin:assessments_plenary_report": {"object_id": str(plenary.pk), "report": "berita-acara"},
        "admin:assessments_announcement_report": {"object_id": "1", "report": "sementara"},
        "admin:assessments_programmeyear_report": {
            "object_id": str(assessment.candidate.programme_year_id),
            "report": "rekapitulasi",
        },
        "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "reports:verify": {"code": issued.code},
        "set_language": {},
        "admin:view_on_site": {
            "content_type_id": ContentType.objects.get_for_model(Region).pk,
            "object_id": str(kota_blitar.pk),
        },
        "admin:auth_user_password_change": {"id": str(inspector.pk)},
        **region_side,
    }
    return SimpleNamespace(
        by_name=by_name, year=year, assessment=assessment, outsider=scoring.outsider, region=kota_blitar
    )


def region_side_objects(scoring, staff, inspector) -> dict:
    """The region's side (issue 13): a monitoring round, a recommendation with a follow-up file, an
    objection point (after the plenary is finalised and provisionally announced)."""
    from assessments.services import announcements as announcement_services
    from assessments.services import monitoring, objections, recommendations
    from assessments.services import plenary as plenary_services

    assessment = scoring.assessment
    candidate = assessment.candidate
    monitoring_round = monitoring.open_round(
        candidate=candidate, held_on=date(2025, 5, 2), kind="monev", by=staff
    )
    item = recommendations.add_recommendation(
        candidate=candidate,
        source="observasi",
        text="Bentuk UPG.",
        agency="Inspektorat",
        due_on=date(2025, 8, 1),
        by=staff,
    )
    pdf = SimpleUploadedFile("sk.pdf", make_pdf(), content_type="application/pdf")
    recommendations.follow_up(recommendation=item, text="SK terbit.", files=[pdf], by=inspector)
    plenary = plenary_for(assessment)
    for indicator in scoring.indicators:
        plenary_services.record_plenary_score(
            plenary=plenary, indicator=indicator, value=indicator.max_score, by=staff
        )
    plenary_services.record_meeting(
        plenary=plenary,
        held_on=date(2025, 11, 6),
        place="Blitar",
        attendees=[("Andi", "Ketua", "BPKP")],
        by=staff,
    )
    plenary = plenary_services.finalize_plenary(plenary=plenary, by=staff)
    announcement_services.publish_announcement(
        plenary=plenary,
        kind="sementara",
        announced_on=date(2025, 11, 7),
        place="Blitar",
        official_name="Pimpinan KPK",
        official_position="Wakil Ketua KPK",
        witnesses=[],
        by=staff,
    )
    objection = objections.file_objection(
        plenary=plenary,
        points=[objections.PointInput(indicator=scoring.indicators[0], argument="Bukti terlewat.")],
        by=inspector,
        today=date(2025, 11, 10),
    )
    return {
        "region:schedule": {"year": candidate.programme_year.year},
        "region:contributor_remove": {"pk": candidate.pk, "contributor": 1},
        "region:monitoring_round": {"pk": monitoring_round.pk},
        "region:recommendation": {"pk": item.pk},
        "region:follow_up": {"pk": item.pk},
        "region:recommendation_review": {"pk": item.pk},
        "region:objection_answer": {"pk": objection.points.get().pk},
        "region:file": {"pk": item.files.get().pk},
    }


def existing_kwargs(world, name: str, route: str) -> dict:
    if name in world.by_name:
        return world.by_name[name]
    if name.startswith("admin:"):
        # The model admins' own pages (change, delete, history, extra views): any row of that model.
        for model in admin.site._registry:
            prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
            if name.startswith(prefix):
                row = model.objects.first()
                key = "object_id" if "object_id" in route else "pk"
                return (
                    {key: str(row.pk) if row else "1"} if key == "object_id" else {key: row.pk if row else 1}
                )
    if name.startswith("assessments:") or name.startswith("evidence:"):
        if "<int:year>" in route and route.count("<") == 1:
            return {"year": world.year}
        if "<int:pk>" in route and route.count("<") == 1:
            return {"pk": world.assessment.pk}
    if name.startswith("scoring:") and route.count("<") == 1:
        return {"pk": world.assessment.pk}
    if name.startswith("region:") and route.startswith("daerah/calon/<int:pk>/") and route.count("<") == 1:
        return {"pk": world.assessment.candidate.pk}
    raise AssertionError(f"{name} ({route}): add an existing object for it to the persona walk")


def missing_kwargs(kwargs: dict, name: str) -> dict:
    missing = {key: MISSING.get(key, value) for key, value in kwargs.items()}
    if "code" in kwargs:
        missing["code"] = "99.99" if name.startswith("regions:") else "TIDAKADA2345"
    return missing


def test_strangers_and_anonymous_cannot_tell_whether_an_object_exists(client, world, other_inspector):
    checked, wrong = 0, []
    for name, route in named_patterns(get_resolver().url_patterns):
        if (
            "<" not in route
            or name in PUBLIC
            or not (ID_KWARGS & set(re.findall(r"<(?:\w+:)?(\w+)>", route)))
        ):
            continue
        found = existing_kwargs(world, name, route)
        urls = (reverse(name, kwargs=found), reverse(name, kwargs=missing_kwargs(found, name)))
        for persona in ("anonymous", world.outsider, other_inspector):
            client.logout()
            if persona != "anonymous":
                client.force_login(persona)
            for method in ("get",) if name.startswith("admin:") else ("get", "post"):
                statuses = [getattr(client, method)(url).status_code for url in urls]
                expected = 302 if persona == "anonymous" or name.startswith("admin:") else 404
                if statuses != [expected, expected]:
                    wrong.append(f"{method.upper()} {urls[0]} as {persona}: {statuses}, expected {expected}")
        checked += 1

    assert "\n".join(wrong) == ""
    assert checked >= 40


CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def close(response) -> None:
    """Close a response and the files it streams, as a server would, without ending the test's database
    connection (the test client does the same around each request)."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def test_every_html_page_carries_the_content_security_policy(client, world, staff, assessor, inspector):
    pages = 0
    for persona in ("anonymous", staff, assessor, inspector):
        client.logout()
        if persona != "anonymous":
            client.force_login(persona)
        for name, route in named_patterns(get_resolver().url_patterns):
            if name.startswith("admin:") and name not in (
                "admin:index",
                "admin:login",
                "admin:accounts_user_changelist",
            ):
                continue
            kwargs = existing_kwargs(world, name, route) if "<" in route else {}
            response = client.get(reverse(name, kwargs=kwargs))
            close(response)
            if response["Content-Type"].startswith("text/html"):
                directives = sorted(response.get("Content-Security-Policy", "").split("; "))
                assert (name, directives) == (name, sorted(CSP.split("; ")))
                pages += 1
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                assert "<script>" not in response.content.decode()

    assert pages >= 120
