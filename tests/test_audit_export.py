"""The audit trail exports from its admin list (the selected entries) as XLSX and CSV in Indonesian."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import AuditEntry
from regions.services.catalogue import create_catalogue

pytestmark = pytest.mark.django_db


def test_staff_export_the_selected_audit_entries(client, staff):
    create_catalogue(programme_year=2026, by=staff)
    entry = AuditEntry.objects.get()
    client.force_login(staff)
    url = reverse("admin:audit_auditentry_changelist")

    xlsx = client.post(url, {"action": "export_xlsx", "_selected_action": [entry.pk]})
    text = client.post(url, {"action": "export_csv", "_selected_action": [entry.pk]})

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A1"].value.startswith("Jejak audit · diekspor ")
    assert [cell.value for cell in sheet[2]][:5] == ["Waktu", "Oleh", "Tindakan", "Jenis objek", "Objek"]
    assert [cell.value for cell in sheet[3]][1:3] == ["Rina Kartika", "regions.catalogue.create"]
    rows = list(csv.reader(io.StringIO(text.content.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[1][1:3] == ["Rina Kartika", "regions.catalogue.create"]
