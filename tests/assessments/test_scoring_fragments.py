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
    "row": """      <li class="list-group-item py-3" id="indikator-{{ row.indicator.code }}" data-testid="indicator-{{ row.indicator.code }}">
        <div class="d-flex flex-wrap justify-content-between gap-2">
          <h3 class="h6 mb-1">{{ row.indicator.code }}. {{ row.indicator.name }}</h3>
          {% indicator_scale row.indicator %}
        </div>
        {% if row.indicator.description %}<p class="small mb-2">{{ row.indicator.description }}</p>{% endif %}
        {% indicator_rubric row.indicator %}
        <div class="small mb-2">
          {% indicator_evidence row.documents %}
        </div>
        {% if row.fed_by_criterion %}
        <div class="alert alert-light border mb-0 py-2" data-testid="criterion-{{ row.indicator.code }}">
          <i class="bi bi-link-45deg" aria-hidden="true"></i> {% translate "Diisi dari nilai kriteria" %} {{ row.indicator.get_criterion_display }}:
          {% if row.criterion_value %}<strong>{{ row.criterion_value.display_value }}</strong> ({% translate "tahun data" %} {{ row.criterion_value.data_year }}, {{ row.criterion_value.get_status_display|lower }}){% if row.criterion_score is not None %} → {% translate "nilai indikator" %} <strong>{{ row.criterion_score|floatformat:2 }}</strong>{% endif %}
          {% else %}<span class="text-danger">{% translate "belum ada nilai" %}</span>{% endif %}
        </div>
        {% else %}
        <div class="row g-2 align-items-start">
          <div class="col-5 col-sm-3 col-lg-2">
            <label class="form-label small mb-1" for="{{ row.score_field.id_for_label }}">{% translate "Nilai" %}</label>
            {{ row.score_widget }}
            <div id="skala-{{ row.indicator.pk }}" class="form-text">0–{{ row.indicator.max_score|floatformat:"-2" }}</div>
            {% if row.self_score %}<div class="form-text" data-testid="self-score-{{ row.indicator.code }}">{% translate "Nilai mandiri daerah:" %} <strong>{% if row.self_score.value is None %}–{% else %}{{ row.self_score.value|floatformat:2 }}{% endif %}</strong></div>{% endif %}
            {% for error in row.score_field.errors %}<div class="invalid-feedback d-block">{{ error }}</div>{% endfor %}
          </div>
          <div class="col-7 col-sm-9 col-lg-10">
            <label class="form-label small mb-1" for="{{ row.note_field.id_for_label }}">{% translate "Catatan" %}</label>
            {{ row.note_field }}
          </div>
          {% if row.attempted %}
          <div class="col-12"><div class="alert alert-warning py-1 px-2 small mb-0" data-testid="attempted-{{ row.indicator.code }}">
            {% translate "Isian Anda yang belum tersimpan:" %} <strong>{% if row.attempted.value is None %}–{% else %}{{ row.attempted.value|floatformat:"-2" }}{% endif %}</strong>{% if row.attempted.note %} · {{ row.attempted.note }}{% endif %}
          </div></div>
          {% endif %}
        </div>
        {% score_history row %}
        {% if page.others_visible %}{% colleague_scores row %}{% endif %}
        {% endif %}
      </li>
""",
}
TAGS = {
    "scale": "{% indicator_scale indicator %}",
    "rubric": "{% indicator_rubric indicator %}",
    "evidence": "{% indicator_evidence documents %}",
    "history": "{% score_history row %}",
    "others": "{% colleague_scores row %}",
    "row": "{% indicator_row row page.others_visible %}",
}


def collapsed(html: str) -> str:
    return re.sub(r"\s+", " ", html).strip()


def assert_same(fragment: str, **context) -> str:
    # The row's reference is the page's row before it was written in Python: the fragments above in it
    # were tags already.
    load = LOAD if fragment == "row" else "{% load i18n %}"
    reference = Template(load + REFERENCE[fragment]).render(Context(context))
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


def fields(row, data=None):
    """The row's fields as the view sets them (``StageScoringView.render``)."""
    from django import forms

    from antikorupsi.validators import DecimalField
    from assessments.forms.scoring import DirectTextarea, DirectTextInput

    pk = row.indicator.pk

    class Form(forms.Form):
        pass

    form = Form(data)
    form.fields[f"nilai_{pk}"] = DecimalField(
        required=True,
        max_value=row.indicator.max_score,
        localize=True,
        widget=DirectTextInput(attrs={"inputmode": "decimal", "class": "form-control score-input"}),
    )
    form.fields[f"catatan_{pk}"] = forms.CharField(required=False, widget=DirectTextarea(attrs={"rows": 2}))
    if data is not None:
        form.is_valid()
    row.score_field, row.note_field = form[f"nilai_{pk}"], form[f"catatan_{pk}"]
    row.score_widget = row.score_field.as_widget(attrs={"class": "form-control is-invalid"})
    return row


@LANGUAGES
@pytest.mark.parametrize("others_visible", [True, False])
def test_the_whole_row_of_a_scored_indicator(language, others_visible):
    from types import SimpleNamespace

    from assessments.models import SelfScore
    from assessments.services.scoring import Entry

    levels = [RubricLevel(pk=1, score=Decimal("4"), label="Baik", description="Lengkap & <rapi>.")]
    subject = indicator(max_score="4", levels=levels)
    subject.description = "Uraian <indikator> & bukti."
    me = user("Rina")
    history = [
        ScoreChange(
            pk=1,
            changed_by=me,
            changed_at=datetime(2026, 3, 2, 1, 5, tzinfo=UTC),
            old_value=None,
            new_value=Decimal("3"),
            old_note="",
            new_note="x",
        )
    ]
    others = [OtherScore(user("Budi"), Score(pk=1, value=Decimal("2.5"), note="<b>ok</b>"))]
    page = SimpleNamespace(others_visible=others_visible)
    cases = [
        (fields(IndicatorRow(subject, history=history, others=others, documents=[document(1, "SK")])), None),
        (fields(IndicatorRow(indicator()), {"nilai_7": "1000,5", "catatan_7": "<i>coba</i>"}), None),
        (fields(IndicatorRow(indicator()), {"nilai_7": "", "catatan_7": ""}), Decimal("3.25")),
    ]
    with translation.override(language), timezone.override("Asia/Makassar"):
        for number, (row, self_value) in enumerate(cases):
            row.self_score = SelfScore(pk=1, value=self_value) if number else None
            if number == 1:
                row.attempted = Entry(Decimal("9.5"), "<i>coba</i>")
            written = assert_same("row", row=row, page=page)
            assert written.count("invalid-feedback") == len(row.score_field.errors) == (number > 0)
            assert written.count('data-testid="others-') == (others_visible and number == 0)


@LANGUAGES
def test_the_whole_row_of_an_indicator_fed_by_a_criterion(language):
    from regions.models import CriterionValue

    subject = indicator()
    subject.source, subject.criterion = "kriteria", "mcp"
    values = [
        (
            CriterionValue(pk=1, criterion="mcp", score=Decimal("91.5"), data_year=2024, status="akhir"),
            Decimal("100"),
        ),
        (
            CriterionValue(pk=2, criterion="mcp", score=Decimal("50"), data_year=2025, status="sementara"),
            None,
        ),
        (None, None),
    ]
    with translation.override(language):
        for value, score in values:
            row = IndicatorRow(subject, criterion_value=value, criterion_score=score)
            assert row.fed_by_criterion
            assert 'data-testid="criterion-3.1"' in assert_same("row", row=row, page=None)


def test_the_indicator_head_is_kept_per_language():
    """The row's head (name, scale, description, rubric) is written once per language and kept on the
    indicator (a kept framework's indicators are shared by every request): a row in another language is
    written in that language, and each is what the template writes."""
    from types import SimpleNamespace

    levels = [RubricLevel(pk=1, score=Decimal("12.5"), label="Baik", description="Lengkap.")]
    subject = indicator(max_score="12.5", weight="33.333", levels=levels)
    subject.description = "Uraian & bukti."
    page = SimpleNamespace(others_visible=False)
    written = {}
    for language in ("id", "en", "id", "en"):
        row = fields(IndicatorRow(subject))
        row.self_score = None
        with translation.override(language):
            written.setdefault(language, set()).add(assert_same("row", row=row, page=page))
    assert len(written["id"]) == len(written["en"]) == 1
    assert written["id"] != written["en"]
    assert set(subject._scoring_heads) == {"id", "en"}


@LANGUAGES
def test_a_kept_evidence_line_follows_its_document(language):
    """Evidence lines are kept in the process under everything they show: a document renamed, a new
    version or another review status is written afresh, as the template writes it."""
    states = [
        document(1, "SK Tim"),
        document(1, "SK Tim (revisi)"),
        document(1, "SK Tim (revisi)", status="diterima"),
        document(1, "SK Tim (revisi)", status="diterima", size=4096),
        document(1, "SK Tim (revisi)", version=False),
        document(1, "SK Tim"),
    ]
    with translation.override(language):
        written = [assert_same("evidence", documents=[state]) for state in states]
    assert len(set(written[:5])) == 5
    assert written[5] == written[0]
