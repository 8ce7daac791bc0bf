# ruff: noqa: RUF001 (the reference templates write en dashes, as the page does)
"""Issue 14: the scoring page's repeated fragments are written in Python (assessments/templatetags/scoring.py);
each writes what the template it replaced wrote. The reference templates below are the page's own lines
before the change (and the evidence list's shared include, which other pages still use). The HTML is
compared with runs of whitespace collapsed (whitespace between tags is one space or none, as before)."""

import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from accounts.models import User
from assessments.models import Document, DocumentVersion, Indicator, RubricLevel, Score, ScoreChange
from assessments.queries.scoring import IndicatorRow, OtherScore

LOAD = "{% load i18n scoring %}"

REFERENCE = {
    "scale": '<small class="text-body-secondary">{% blocktranslate with max=indicator.max_score|floatformat:"-2" weight=indicator.weight|floatformat:"-2" %}skala 0–{{ max }} · bobot {{ weight }}%{% endblocktranslate %}</small>',
    "rubric": """{% with levels=indicator.rubric_levels.all %}{% if levels %}
        <details class="small mb-2"><summary>{% translate "Rubrik" %}</summary>
          <dl class="row mb-0 mt-1">{% for level in levels %}<dt class="col-3 col-md-2">{{ level.score|floatformat:"-2" }} · {{ level.label }}</dt><dd class="col-9 col-md-10">{{ level.description }}</dd>{% endfor %}</dl>
        </details>{% endif %}{% endwith %}""",
    "evidence": '{% include "assessments/evidence/_indicator_evidence.html" with documents=documents %}',
    "history": """{% if row.history %}
        <details class="small mt-2" data-testid="history-{{ row.indicator.code }}"><summary>{% blocktranslate count counter=row.history|length %}Riwayat nilai ({{ counter }} perubahan){% plural %}Riwayat nilai ({{ counter }} perubahan){% endblocktranslate %}</summary>
          <table class="table table-sm mb-0 mt-1"><thead><tr><th scope="col">{% translate "Waktu" %}</th><th scope="col">{% translate "Oleh" %}</th><th scope="col" class="text-end">{% translate "Lama" %}</th><th scope="col" class="text-end">{% translate "Baru" %}</th><th scope="col">{% translate "Catatan" %}</th></tr></thead>
          <tbody>{% for change in row.history %}<tr><td class="text-nowrap">{{ change.changed_at }}</td><td>{{ change.changed_by.get_full_name }}</td><td class="text-end">{% if change.old_value is None %}–{% else %}{{ change.old_value|floatformat:2 }}{% endif %}</td><td class="text-end">{% if change.new_value is None %}–{% else %}{{ change.new_value|floatformat:2 }}{% endif %}</td><td>{% if change.old_note != change.new_note %}{{ change.new_note|default:"–" }}{% endif %}</td></tr>{% endfor %}</tbody>
          </table>
        </details>
        {% endif %}""",
    "others": """{% if row.others %}
        <table class="table table-sm small mt-2 mb-0 others" data-testid="others-{{ row.indicator.code }}">
          <caption class="caption-top py-1">{% translate "Nilai penilai lain" %}</caption>
          <tbody>{% for other in row.others %}<tr><th scope="row" class="fw-normal">{{ other.assessor.get_full_name }}</th><td class="text-end">{% if other.score and other.score.value is not None %}{{ other.score.value|floatformat:2 }}{% else %}–{% endif %}</td><td>{{ other.score.note }}</td></tr>{% endfor %}</tbody>
        </table>
        {% endif %}""",
}
TAGS = {
    "scale": "{% indicator_scale indicator %}",
    "rubric": "{% indicator_rubric indicator %}",
    "evidence": "{% indicator_evidence documents %}",
    "history": "{% score_history row %}",
    "others": "{% colleague_scores row %}",
}


def collapsed(html: str) -> str:
    return re.sub(r"\s+", " ", html).strip()


def assert_same(fragment: str, **context) -> str:
    reference = Template("{% load i18n %}" + REFERENCE[fragment]).render(Context(context))
    written = Template(LOAD + TAGS[fragment]).render(Context(context))
    assert collapsed(written) == collapsed(reference)
    return written


def indicator(*, max_score="100", weight="5.27", levels=()):
    result = Indicator(pk=7, code="3.1", name="WBS", max_score=Decimal(max_score), weight=Decimal(weight))
    result._prefetched_objects_cache = {"rubric_levels": list(levels)}
    return result


def user(name):
    return User(pk=abs(hash(name)) % 1000 + 1, username=name.lower().replace(" ", ""), name=name)


def document(pk, title, *, content_type="application/pdf", status="menunggu", size=45, version=True):
    doc = Document(pk=pk, title=title)
    doc.current_version = (
        DocumentVersion(
            pk=pk * 10,
            number=pk % 3 + 1,
            size=size,
            content_type=content_type,
            review_status=status,
            review_note="perlu diperbaiki" if status == "perbaikan" else "",
        )
        if version
        else None
    )
    return doc


LANGUAGES = pytest.mark.parametrize("language", ["id", "en"])


@LANGUAGES
@pytest.mark.parametrize(
    ("max_score", "weight"), [("100", "5.27"), ("4", "10"), ("12.5", "0.5"), ("1000", "33.333")]
)
def test_the_scale(language, max_score, weight):
    with translation.override(language):
        written = assert_same("scale", indicator=indicator(max_score=max_score, weight=weight))
    if language == "id" and max_score == "100":
        assert written == '<small class="text-body-secondary">skala 0–100 · bobot 5,27%</small>'


@LANGUAGES
def test_the_rubric(language):
    levels = [
        RubricLevel(
            pk=1, score=Decimal("100"), label="Sangat <baik>", description='Terpenuhi "semua" & lengkap.'
        ),
        RubricLevel(pk=2, score=Decimal("12.50"), label="Kurang", description=""),
        RubricLevel(pk=3, score=Decimal("0"), label="Tidak ada", description="Tidak terpenuhi."),
    ]
    with translation.override(language):
        assert_same("rubric", indicator=indicator(levels=levels))
        assert assert_same("rubric", indicator=indicator()) == ""


@LANGUAGES
def test_the_evidence_list(language):
    documents = [
        document(1, "Perwali <UPG> 2024"),
        document(2, "Foto & daftar hadir", content_type="image/png", status="diterima", size=2_500_000),
        document(3, "Rekap.xlsx", content_type="application/vnd.ms-excel", status="perbaikan", size=1536),
        document(4, "Belum diunggah", version=False),
        document(5, "Laporan 'akhir'", size=5 * 1024**3),
    ]
    with translation.override(language):
        written = assert_same("evidence", documents=documents)
        assert_same("evidence", documents=documents[:1])
        assert_same("evidence", documents=[])
    assert written.count("<li ") == 5


@LANGUAGES
@pytest.mark.parametrize("zone", ["Asia/Jakarta", "Asia/Jayapura"])
def test_the_history(language, zone):
    me = user("Rina <Penilai>")
    changes = [
        ScoreChange(
            pk=1,
            changed_by=me,
            changed_at=datetime(2026, 3, 2, 1, 5, tzinfo=UTC),
            old_value=None,
            new_value=Decimal("80"),
            old_note="",
            new_note="Lihat <b>SK</b> & lampiran",
        ),
        ScoreChange(
            pk=2,
            changed_by=me,
            changed_at=datetime(2026, 3, 2, 23, 59, tzinfo=UTC),
            old_value=Decimal("80"),
            new_value=Decimal("92.155"),
            old_note="x",
            new_note="x",
        ),
        ScoreChange(
            pk=3,
            changed_by=me,
            changed_at=datetime(2026, 3, 3, 8, 0, tzinfo=UTC),
            old_value=Decimal("92.16"),
            new_value=None,
            old_note="x",
            new_note="",
        ),
    ]
    row = IndicatorRow(indicator(), history=changes)
    with translation.override(language), timezone.override(zone):
        assert_same("history", row=row)
        assert_same("history", row=IndicatorRow(indicator(), history=changes[:1]))
        assert assert_same("history", row=IndicatorRow(indicator())) == ""


@LANGUAGES
def test_the_colleagues_scores(language):
    others = [
        OtherScore(user("Budi"), Score(pk=1, value=Decimal("75.5"), note="Bukti <lengkap> & rapi")),
        OtherScore(user("Sari O'Neil"), Score(pk=2, value=None, note="Belum dinilai")),
        OtherScore(user("Tono"), None),
        OtherScore(user("Wati"), Score(pk=3, value=Decimal("0"), note="")),
    ]
    with translation.override(language):
        written = assert_same("others", row=IndicatorRow(indicator(), others=others))
        assert assert_same("others", row=IndicatorRow(indicator())) == ""
    assert written.count("<tr>") == 4
