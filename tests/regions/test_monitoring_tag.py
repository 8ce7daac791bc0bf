"""{% criteria_alerts %} (issue 14) writes what regions/_monitoring.html writes."""

from datetime import UTC, datetime

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from regions.enums import CriterionKind, Outcome
from regions.models import Region
from regions.services.monitoring import CriteriaAlert
from regions.templatetags.monitoring import criteria_alerts


@pytest.mark.parametrize("language", ["id", "en"])
def test_criteria_alerts_write_what_the_template_writes(language):
    region = Region(code="35.72", name="Blitar <Kota>", full_name='Kota "Blitar" & <sekitarnya>')
    alerts = [
        CriteriaAlert(
            region,
            "kasus",
            'Kasus "hukum"',
            Outcome.FAIL,
            "Kasus terbuka: <b>Uji</b>.",
            datetime(2025, 9, 15, 23, 30, tzinfo=UTC),
            CriterionKind.CASES,
        ),
        CriteriaAlert(
            region, "desa", "Desa <antikorupsi>", Outcome.MISSING, "Nilai tahun data 2025 belum ada.", None
        ),
        CriteriaAlert(
            region,
            "mcp",
            "MCP",
            Outcome.FAIL,
            "2025: 70 menjadi 60 (syarat ≥ 75).",
            datetime(2026, 1, 1, 0, 5, tzinfo=UTC),
        ),
    ]
    with translation.override(language):
        for case in (alerts, alerts[1:2], []):
            assert criteria_alerts(case) == render_to_string("regions/_monitoring.html", {"alerts": case})
