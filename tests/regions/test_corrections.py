"""Dit Permas staff add or correct one criterion value or one legal case from the region page."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEntry
from regions.enums import CaseStage, ValueStatus
from regions.models import CriterionValue, CriterionValueRevision, LegalCase, LegalCaseRevision
from regions.services.criteria import record_value
from regions.services.screening import screen_region
from tests.regions.factories import CriterionValueFactory, LegalCaseFactory

pytestmark = pytest.mark.django_db


def value_url(region) -> str:
    return reverse("regions:value_form", args=[region.code])


def value_data(**changes) -> dict:
    return {
        "criterion": "mcp",
        "data_year": "2025",
        "value": "74,99",
        "status": "akhir",
        "as_of": "2026-02-10",
        "source": "Surat KPK Nomor B/123/2026",
        "source_url": "",
        "note": "",
        **changes,
    }


def case_data(**changes) -> dict:
    return {
        "person_name": "Budi Hartono",
        "position": "kepala_opd",
        "stage": "penyidikan",
        "handler": "kpk",
        "started_on": "2025-03-01",
        "ended_on": "",
        "source": "Siaran pers KPK",
        "note": "",
        **changes,
    }


@pytest.fixture
def open_case(kota_blitar):
    return LegalCaseFactory(region=kota_blitar, person_name="Budi Hartono", started_on=date(2025, 3, 1))


@pytest.mark.parametrize("name", ["value", "case_add", "case_change"])
def test_only_staff_may_correct_values_and_cases(
    client, staff, assessor, inspector, kota_blitar, open_case, name
):
    url = {
        "value": value_url(kota_blitar),
        "case_add": reverse("regions:case_add", args=[kota_blitar.code]),
        "case_change": reverse("regions:case_change", args=[kota_blitar.code, open_case.pk]),
    }[name]
    data = value_data() if name == "value" else case_data(stage="selesai", ended_on="2025-12-01")

    response = client.get(url)
    assert (response.status_code, response["Location"]) == (302, f"/akun/masuk/?next={url}")
    assert client.post(url, data).status_code == 302
    for outsider in (assessor, inspector):
        client.force_login(outsider)
        assert (client.get(url).status_code, client.post(url, data).status_code) == (404, 404)
    assert (CriterionValue.objects.count(), LegalCase.objects.get().stage) == (0, "penyidikan")
    client.force_login(staff)
    assert client.get(url).status_code == 200


def test_an_unknown_region_or_another_regions_case_is_404_for_staff(client, staff, kota_mataram, open_case):
    client.force_login(staff)

    assert client.get(reverse("regions:value_form", args=["99.99"])).status_code == 404
    assert (
        client.get(reverse("regions:case_change", args=[kota_mataram.code, open_case.pk])).status_code == 404
    )


def test_staff_add_a_value_with_a_decimal_comma_and_it_is_kept_in_the_history(client, staff, kota_blitar):
    client.force_login(staff)

    response = client.post(value_url(kota_blitar), value_data())

    assert (response.status_code, response["Location"]) == (302, kota_blitar.get_absolute_url())
    value = CriterionValue.objects.get()
    assert (value.criterion, value.data_year, value.score, value.grade, value.status, value.entered_by) == (
        "mcp",
        2025,
        Decimal("74.99"),
        "",
        "akhir",
        staff,
    )
    assert [(r.score, r.changed_by, r.source) for r in CriterionValueRevision.objects.all()] == [
        (Decimal("74.99"), staff, "Surat KPK Nomor B/123/2026")
    ]
    entry = AuditEntry.objects.get(action="regions.criterion_value.correct")
    assert (entry.actor, entry.before, entry.after["score"]) == (staff, None, "74.99")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Nilai MCP/MCSP tahun data 2025 disimpan: 74,99."
    ]
    assert screen_region(kota_blitar, 2026).results["mcp"].outcome == "fail"


def test_a_correction_keeps_the_old_value_in_the_history_and_the_audit(client, staff, kota_blitar):
    record_value(region=kota_blitar, criterion="mcp", data_year=2025, score=Decimal("80"), source="Impor")
    client.force_login(staff)

    form = client.get(value_url(kota_blitar), {"kriteria": "mcp", "tahun": "2025"}).context["form"]
    assert (form.initial["value"], form.initial["source"]) == ("80,00", "Impor")
    client.post(value_url(kota_blitar), value_data(value="82.5"))

    assert [(r.score, r.changed_by) for r in CriterionValueRevision.objects.order_by("changed_at", "pk")] == [
        (Decimal("80.00"), None),
        (Decimal("82.50"), staff),
    ]
    assert CriterionValue.objects.get().score == Decimal("82.50")
    entry = AuditEntry.objects.get(action="regions.criterion_value.correct")
    assert (entry.before["score"], entry.after["score"]) == ("80.00", "82.50")


def test_saving_the_same_value_again_changes_nothing(client, staff, kota_blitar):
    client.force_login(staff)
    client.post(value_url(kota_blitar), value_data(), follow=True)

    response = client.post(value_url(kota_blitar), value_data())

    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Tidak ada yang berubah."]
    assert (CriterionValueRevision.objects.count(), AuditEntry.objects.count()) == (1, 1)


@pytest.mark.parametrize(
    ("criterion", "value", "score", "grade"),
    [
        ("mcp", "100", Decimal("100.00"), ""),
        ("mcp", "0,01", Decimal("0.01"), ""),
        ("spi", "68", Decimal("68.00"), ""),
        ("sakip", "bb", None, "BB"),
        ("ombudsman", "B", None, "B"),
        ("ombudsman", "77,99", Decimal("77.99"), ""),
        ("spip", "3,25", Decimal("3.25"), ""),
        ("spbe", "2.6", Decimal("2.60"), ""),
        ("bpk", "WDP", None, "WDP"),
    ],
)
def test_each_scale_accepts_its_values(client, staff, kota_blitar, criterion, value, score, grade):
    client.force_login(staff)

    client.post(value_url(kota_blitar), value_data(criterion=criterion, value=value))

    assert CriterionValue.objects.values_list("criterion", "score", "grade").get() == (
        criterion,
        score,
        grade,
    )


@pytest.mark.parametrize(
    ("criterion", "value", "message"),
    [
        ("mcp", "100,01", "Nilai 100,01 di luar skala 0-100."),
        ("mcp", "74,999", "Nilai 74,999 memiliki lebih dari dua angka desimal."),
        ("mcp", "7,4,9", "Nilai '7,4,9' bukan angka (misalnya 74,99)."),
        ("spip", "5,01", "Nilai 5,01 di luar skala 0-5."),
        ("spbe", "-1", "Nilai -1 di luar skala 0-5."),
        ("sakip", "E", "Nilai 'E' tidak sah; pilih salah satu dari AA, A, BB, B, CC, C, D."),
        ("ombudsman", "F", "Nilai 'F' tidak sah; pilih salah satu dari A, B, C, D, E."),
        ("bpk", "WTT", "Nilai 'WTT' tidak sah; pilih salah satu dari WTP, WDP, TW, TMP."),
    ],
)
def test_a_value_off_the_criterions_scale_is_refused_in_indonesian(
    client, staff, kota_blitar, criterion, value, message
):
    client.force_login(staff)

    response = client.post(value_url(kota_blitar), value_data(criterion=criterion, value=value))

    assert (response.status_code, response.context["form"].errors) == (200, {"value": [message]})
    assert CriterionValue.objects.count() == 0


def test_a_source_is_required(client, staff, kota_blitar):
    client.force_login(staff)

    response = client.post(value_url(kota_blitar), value_data(source=""))

    assert response.context["form"].errors == {"source": ["Bidang ini tidak boleh kosong."]}


def test_a_provisional_value_may_not_replace_a_final_one(client, staff, kota_blitar):
    record_value(region=kota_blitar, criterion="mcp", data_year=2025, score=Decimal("80"))
    client.force_login(staff)

    response = client.post(value_url(kota_blitar), value_data(status="sementara"))

    assert response.context["form"].non_field_errors() == [
        "Kota Blitar sudah punya nilai akhir 80,00 untuk tahun data 2025; nilai sementara tidak boleh "
        "menimpanya (impor sebagai nilai akhir bila ini koreksi)."
    ]
    assert (CriterionValue.objects.get().score, CriterionValueRevision.objects.count()) == (
        Decimal("80.00"),
        1,
    )
    assert not AuditEntry.objects.exists()


def test_only_mcp_has_provisional_values_and_a_final_one_replaces_a_provisional_one(
    client, staff, kota_blitar
):
    client.force_login(staff)

    response = client.post(
        value_url(kota_blitar), value_data(criterion="spi", value="70", status="sementara")
    )
    assert response.context["form"].errors == {
        "status": ["Kriteria ini tidak punya nilai sementara; nilainya selalu nilai akhir."]
    }

    client.post(value_url(kota_blitar), value_data(value="73,10", status="sementara"))
    client.post(value_url(kota_blitar), value_data(value="76,40", status="akhir"))
    assert [(r.score, r.status) for r in CriterionValueRevision.objects.order_by("pk")] == [
        (Decimal("73.10"), ValueStatus.PROVISIONAL),
        (Decimal("76.40"), ValueStatus.FINAL),
    ]


def test_staff_add_a_case_and_close_it_with_an_end_date(client, staff, kota_blitar):
    client.force_login(staff)
    client.post(reverse("regions:case_add", args=[kota_blitar.code]), case_data())
    case = LegalCase.objects.get()
    assert screen_region(kota_blitar, 2026).results["kasus"].outcome == "fail"
    url = reverse("regions:case_change", args=[kota_blitar.code, case.pk])

    refused = client.post(url, case_data(stage="selesai"))
    assert refused.context["form"].errors == {"ended_on": ["Isi tanggal selesai untuk kasus yang selesai."]}
    refused = client.post(url, case_data(stage="selesai", ended_on="2025-02-01"))
    assert refused.context["form"].errors == {"ended_on": ["Tanggal selesai sebelum tanggal mulai."]}

    # The person and start date identify the case: a changed name in the POST is ignored.
    response = client.post(url, case_data(person_name="Orang Lain", stage="selesai", ended_on="2025-12-01"))

    assert (response.status_code, response["Location"]) == (302, kota_blitar.get_absolute_url())
    case.refresh_from_db()
    assert (case.person_name, case.stage, case.ended_on, LegalCase.objects.count()) == (
        "Budi Hartono",
        CaseStage.SELESAI,
        date(2025, 12, 1),
        1,
    )
    assert [(r.stage, r.ended_on, r.changed_by) for r in LegalCaseRevision.objects.order_by("pk")] == [
        ("penyidikan", None, staff),
        ("selesai", date(2025, 12, 1), staff),
    ]
    assert [
        (e.action, (e.before or {}).get("stage"), e.after["stage"]) for e in AuditEntry.objects.order_by("pk")
    ] == [
        ("regions.legal_case.correct", None, "penyidikan"),
        ("regions.legal_case.correct", "penyidikan", "selesai"),
    ]
    assert screen_region(kota_blitar, 2026).results["kasus"].outcome == "pass"


def test_the_region_page_links_staff_to_the_corrections(client, staff, kota_blitar, open_case):
    CriterionValueFactory(region=kota_blitar, criterion="mcp", data_year=2025)
    client.force_login(staff)

    response = client.get(kota_blitar.get_absolute_url())

    assert f'href="{value_url(kota_blitar)}?kriteria=mcp&amp;tahun=2025"' in response.text
    assert f'href="{reverse("regions:case_change", args=[kota_blitar.code, open_case.pk])}"' in response.text
    assert f'href="{reverse("regions:case_add", args=[kota_blitar.code])}"' in response.text


def test_the_region_page_takes_the_same_queries_for_one_value_and_for_many(client, staff, kota_blitar):
    client.force_login(staff)
    record_value(region=kota_blitar, criterion="mcp", data_year=2025, score=Decimal("80"), by=staff)
    with CaptureQueriesContext(connection) as one:
        assert client.get(kota_blitar.get_absolute_url(), {"tahun": 2026}).status_code == 200

    for year in (2021, 2022, 2023, 2024, 2025):
        for criterion, fields in (
            ("mcp", {"score": Decimal("81")}),
            ("spi", {"score": Decimal("70")}),
            ("sakip", {"grade": "A"}),
            ("ombudsman", {"score": Decimal("80")}),
            ("spip", {"score": Decimal("3")}),
            ("spbe", {"score": Decimal("3")}),
            ("bpk", {"grade": "WTP"}),
        ):
            record_value(region=kota_blitar, criterion=criterion, data_year=year, by=staff, **fields)
    for number in range(5):
        LegalCaseFactory(region=kota_blitar, person_name=f"Orang {number}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(kota_blitar.get_absolute_url(), {"tahun": 2026})

    assert sum(len(history.values) for history in response.context["histories"]) == 35
    assert len(response.context["cases"]) == 5
    assert len(many) == len(one)
