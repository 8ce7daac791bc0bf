"""The admin is a door like any other: a walk over EVERY registered ModelAdmin (``admin.site._registry``, so a
new model cannot escape) where staff try to add, change and delete a real row. Each attempt is either
refused (nothing changes) or goes through a service (an audit entry by the staff member)."""

import pytest
from django.contrib import admin
from django.db import transaction
from django.forms.models import model_to_dict
from django.urls import reverse

from accounts.models import User
from assessments.models import (
    Assessment,
    Candidate,
    Component,
    EvidenceDeadline,
    Framework,
    Indicator,
    ProgrammeYear,
    RecordedResult,
    Recusal,
    Team,
)
from audit.models import AuditEntry
from regions.models import Criterion, Region
from reports.models import DocumentNumbering
from tests.admin_world import admin_post_data, build_world
from tests.assessments.evidence_fixtures import evidence_root  # noqa: F401

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


def the_object(model, world):
    """The real row each walk acts on: the one a service may change where the model has such a door."""
    chosen = {
        Framework: lambda: world.draft_framework,
        Component: lambda: world.draft_framework.components.order_by("pk").last(),
        Indicator: lambda: world.draft_framework.indicators.order_by("pk").last(),
        ProgrammeYear: lambda: ProgrammeYear.objects.get(year=2027),
        Team: lambda: world.assessment.team,
        Assessment: lambda: world.assessment,
        User: lambda: world.inspector,
    }
    if model in chosen:
        return chosen[model]()
    return model.objects.order_by("pk").last()


def add_data(model, world) -> dict | None:
    """What staff type in an add form, for each model staff may add."""
    year_2026 = ProgrammeYear.objects.get(year=2026)
    year_2027 = ProgrammeYear.objects.get(year=2027)
    component = world.draft_framework.components.order_by("order").first()
    return {
        User: lambda: {
            "username": "penilai.baru",
            "name": "Penilai Baru",
            "email": "penilai.baru@contoh.go.id",
            "role": "penilai",
            "institution": "bpkp",
            "usable_password": "true",
            "password1": "kata-sandi-Uji-2026!",
            "password2": "kata-sandi-Uji-2026!",
        },
        ProgrammeYear: lambda: {
            "year": "2028",
            "name": "Percontohan 2028",
            "status": "persiapan",
            "pass_mark": "90",
        },
        Component: lambda: {
            "framework": str(world.draft_framework.pk),
            "order": "7",
            "name": "Komponen baru",
        },
        Indicator: lambda: {
            "framework": str(world.draft_framework.pk),
            "component": str(component.pk),
            "order": "30",
            "code": "30",
            "name": "Indikator baru",
            "weight": "0",
            "max_score": "100",
            "source": "penilai",
        },
        Team: lambda: {"programme_year": str(year_2026.pk), "name": "Satgas 9"},
        Candidate: lambda: {
            "programme_year": str(year_2027.pk),
            # not a pilot nor in another year's cycle: a region that can still be proposed
            "region": str(Region.objects.get(code="35.05").pk),
            "proposer_kind": "provinsi",
            "proposer": "Pemerintah Provinsi Jawa Timur",
        },
        Assessment: lambda: {
            "candidate": str(year_2026.candidates.get(region__code="19.04").pk),
            "team": str(world.assessment.team_id),
            "starts_on": "2026-10-12",
            "ends_on": "2026-10-13",
            "place": "Kantor Bupati Bangka Tengah",
        },
        Recusal: lambda: {
            "assessment": str(world.assessment.pk),
            "user": str(world.member.pk),
            "reason": "Kerabat Sekda.",
        },
        EvidenceDeadline: lambda: {"programme_year": str(year_2027.pk), "due_on": "2027-09-30"},
        Criterion: lambda: {
            "programme_year": "2027",
            "code": "perda_antikorupsi",
            "order": "10",
            "name": "Memiliki perda antikorupsi",
            "publisher": "Dit Permas KPK",
            "kind": "ya_tidak",
            "gate": "penetapan",
            "grades": "[]",
            "grade_bands": "[]",
            "positions": "[]",
            "data_year_lag": "1",
            "years_required": "1",
        },
        DocumentNumbering: lambda: {
            "kind": "laporan_nilai",
            "year": "2030",
            "pattern": "LAP/{seq}/PERMAS/{year}",
        },
        RecordedResult: lambda: {
            "candidate": str(year_2026.candidates.get(region__code="53.15").pk),
            "total": "91.25",
            "source": "Pengumuman KPK",
            "decided_on": "2026-11-20",
        },
    }.get(model, lambda: None)()


# One field staff change on each model they may change (a real change, so the service has work to do).
EDITS = {
    User: {"name": "Inspektur Kota Bontang"},
    ProgrammeYear: {"notes": "Catatan baru."},
    Framework: {"notes": "Catatan kerangka."},
    Component: {"description": "Uraian baru."},
    Indicator: {"description": "Uraian baru."},
    Team: {"name": "Satgas 2026 A"},
    Assessment: {"place": "Balai Kota Bontang"},
    EvidenceDeadline: {"due_on": "2026-10-01"},
    Criterion: {"name": "Nilai MCSP"},
    RecordedResult: {"source": "Surat KPK yang diperbaiki"},
    DocumentNumbering: {"pattern": "B/{seq}/DKM.01.02/{month_roman}/{year}"},
}


def snapshot(obj) -> dict | None:
    model = type(obj)
    fresh = model.objects.filter(pk=obj.pk).first()
    return None if fresh is None else model_to_dict(fresh)


def error_messages(response) -> list[str]:
    return (
        [str(m) for m in response.context["messages"]]
        if response.context and "messages" in response.context
        else []
    )


def staff_audit(staff) -> int:
    return AuditEntry.objects.filter(actor=staff).count()


def attempt(client, world, model, model_admin, action) -> str:
    """Try one action; return "" when it was refused or went through a service, else what went wrong."""
    opts = model._meta
    obj = the_object(model, world)
    if obj is None:
        return f"{opts.label}: no real row in the world"
    before, audit_before = snapshot(obj), staff_audit(world.staff)
    info = f"admin:{opts.app_label}_{opts.model_name}"
    if action == "add":
        url = reverse(f"{info}_add")
        page = client.get(url)
        if page.status_code == 403:
            return "" if client.post(url, {}).status_code == 403 else f"{opts.label}: add POST not refused"
        data = add_data(model, world)
        if data is None:
            return f"{opts.label}: staff may add; give the walk the data of a new row"
        response = client.post(url, {**admin_post_data(page), **data})
        if response.status_code != 302:
            errors = response.context["adminform"].form.errors if response.context else response.status_code
            return f"{opts.label}: add refused with {errors}"
        return (
            "" if staff_audit(world.staff) > audit_before else f"{opts.label}: added without an audit entry"
        )
    if action == "change":
        url = reverse(f"{info}_change", args=[obj.pk])
        page = client.get(url)
        assert page.status_code == 200, (opts.label, page.status_code)
        if not page.context["has_change_permission"]:
            refused = client.post(url, {}).status_code == 403 and snapshot(obj) == before
            return "" if refused else f"{opts.label}: change POST not refused"
        if model not in EDITS:
            return f"{opts.label}: staff may change; give the walk an edit"
        response = client.post(url, {**admin_post_data(page), **EDITS[model]})
        if response.status_code != 302:
            return f"{opts.label}: change refused with {response.context['adminform'].form.errors}"
        if snapshot(obj) == before:
            return f"{opts.label}: the change did not happen"
        return (
            "" if staff_audit(world.staff) > audit_before else f"{opts.label}: changed without an audit entry"
        )
    url = reverse(f"{info}_delete", args=[obj.pk])
    if client.get(url).status_code == 403:
        refused = client.post(url, {"post": "yes"}).status_code == 403 and snapshot(obj) == before
        return "" if refused else f"{opts.label}: delete POST not refused"
    client.post(url, {"post": "yes"})
    if snapshot(obj) is not None:
        return f"{opts.label}: delete allowed on the page, yet the row stayed"
    return "" if staff_audit(world.staff) > audit_before else f"{opts.label}: deleted without an audit entry"


def test_every_admin_door_refuses_or_goes_through_a_service(client, evidence_root):  # noqa: F811
    world = build_world()
    client.force_login(world.staff)
    problems = []
    walked = []
    for model, model_admin in admin.site._registry.items():
        for action in ("add", "change", "delete"):
            try:
                with transaction.atomic():
                    problem = attempt(client, world, model, model_admin, action)
                    raise Rollback
            except Rollback:
                pass
            if problem:
                problems.append(problem)
            walked.append((model._meta.label, action))
    assert "\n".join(problems) == ""
    assert len(walked) == 3 * len(admin.site._registry)


def test_staff_see_every_app_and_model_on_the_admin_index(client, staff):
    client.force_login(staff)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    listed = {
        (app["app_label"], model["object_name"])
        for app in response.context["app_list"]
        for model in app["models"]
    }
    assert listed == {(model._meta.app_label, model.__name__) for model in admin.site._registry}
    assert [app["name"] for app in response.context["app_list"]] == [
        "Jejak audit",
        "Keamanan masuk: penguncian",
        "Laporan dan verifikasi dokumen",
        "Pengguna",
        "Penilaian",
        "Verifikasi dua langkah: aplikasi autentikator",
        "Verifikasi dua langkah: kode pemulihan",
        "Wilayah",
    ]
    assert client.get(reverse("admin:app_list", args=["assessments"])).status_code == 200


@pytest.mark.parametrize("model", sorted(admin.site._registry, key=lambda model: model._meta.label))
def test_every_changelist_answers_for_staff(client, staff, model):
    client.force_login(staff)
    opts = model._meta
    response = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert (response.status_code, response.context["cl"].result_count) == (200, model.objects.count())


def test_no_changelist_grows_with_its_rows(client, evidence_root):  # noqa: F811
    """Every changelist costs the same number of queries for a page of one row as for a page of many (the
    world holds hundreds of scores, criteria values and audit entries): list_select_related and annotated
    querysets, never a query per row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    world = build_world()
    client.force_login(world.staff)
    grows = []
    for model, model_admin in admin.site._registry.items():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        counts = []
        for per_page in (1, 100):
            model_admin.list_per_page = per_page
            try:
                with CaptureQueriesContext(connection) as queries:
                    assert client.get(url).status_code == 200
            finally:
                del model_admin.list_per_page
            counts.append(len(queries))
        if counts[0] != counts[1]:
            grows.append(
                f"{model._meta.label} ({model.objects.count()} rows): {counts[0]} -> {counts[1]} queries"
            )
    assert grows == []
