"""The plenary page's score grid is written in Python (``assessments.templatetags.plenary.plenary_grid``,
issue 14) and must write what the template wrote before, byte for byte: the template is kept here as it
was and both are rendered from the same rows, for every branch (scores shown or hidden, the form open,
bound with errors, or the plenary final; a criterion-fed row; empty cells; text that needs escaping; both
languages)."""

from dataclasses import replace
from decimal import Decimal

import pytest
from django import template
from django.template import Context, Engine
from django.utils import translation

from accounts.models import User
from assessments.forms.plenary import PlenaryScoresForm
from assessments.models import Plenary
from assessments.queries.plenary import plenary_sheet
from assessments.templatetags.plenary import plenary_decimal, plenary_grid

pytestmark = pytest.mark.django_db

# The filters the template used (a library of this module, loaded by BEFORE as ``plenary_before``).
register = template.Library()
register.filter("plenary_decimal", plenary_decimal)


@register.filter
def plenary_field(form, row):
    return form.value_field(row)


@register.filter
def plenary_reason(form, row):
    return form.reason_field(row)


# templates/assessments/plenary.html's loop over the rows before issue 14, verbatim.
BEFORE = Engine(
    libraries={"i18n": "django.templatetags.i18n", "plenary_before": __name__},
).from_string(
    "{% load i18n plenary_before %}"
    + """{% for row in rows %}
  <tbody data-indicator="{{ row.indicator.code }}">
    {% with span=scores_visible|yesno:"4,1" %}
    <tr>
      <td rowspan="{{ span }}" class="indicator-cell">
        <strong>{{ row.indicator.code }}.</strong> {{ row.indicator.name }}
        {% if row.indicator.rubric_levels.all %}<details class="rubric"><summary class="text-body-secondary">{% translate "Rubrik" %}</summary>
          <ul class="list-unstyled mb-0">{% for level in row.indicator.rubric_levels.all %}<li><strong>{{ level.score|floatformat:2 }}</strong> {{ level.label }}{% if level.description %}: {{ level.description }}{% endif %}</li>{% endfor %}</ul>
        </details>{% endif %}
      </td>
      {% if scores_visible %}
        {% with first=row.stage_rows.0 %}<th class="fw-normal text-body-secondary stage">{{ first.0 }}</th>{% for value in first.1 %}<td class="text-end">{{ value|floatformat:2|default:"·" }}</td>{% endfor %}{% endwith %}
        <td rowspan="4" class="text-end">{{ row.mean|floatformat:2|default:"-" }}</td>
        <td rowspan="4" class="text-end">{{ row.median|floatformat:2|default:"-" }}</td>
        <td rowspan="4" class="text-end{% if row.spread and row.spread > threshold %} text-danger fw-semibold{% endif %}">{{ row.spread|floatformat:2|default:"-" }}</td>
      {% endif %}
      <td rowspan="{{ span }}">{{ row.evidence|join:", "|default:"-" }}</td>
      <td rowspan="{{ span }}" class="agreed-cell">
        {% if row.feed %}
          {{ row.feed.value|floatformat:2 }} ({{ row.feed.data_year }})
          <span class="badge {% if row.feed.is_provisional %}text-bg-warning{% else %}text-bg-success{% endif %}">{% if row.feed.is_provisional %}{% translate "sementara" %}{% else %}{% translate "akhir" %}{% endif %}</span>
        {% elif scores_form and not plenary.is_finalised %}
          {% with value_field=scores_form|plenary_field:row reason_field=scores_form|plenary_reason:row %}
          <div class="d-flex gap-1">
            <input class="form-control form-control-sm agreed-value{% if value_field.errors %} is-invalid{% endif %}" name="{{ value_field.html_name }}" id="{{ value_field.id_for_label }}" inputmode="decimal" aria-label="{% translate 'Nilai pleno' %} {{ row.indicator.code }}" value="{{ value_field.value|default_if_none:''|plenary_decimal }}">
            <input class="form-control form-control-sm" name="{{ reason_field.html_name }}" placeholder="{% translate 'Alasan' %}" aria-label="{% translate 'Alasan' %} {{ row.indicator.code }}" value="{{ reason_field.value|default_if_none:'' }}">
          </div>
          {% for error in value_field.errors %}<div class="invalid-feedback d-block" data-testid="error-{{ row.indicator.code }}">{{ error }}</div>{% endfor %}
          {% endwith %}
        {% else %}
          {{ row.agreed.value|floatformat:2|default:"-" }}{% if row.agreed.reason %}<div class="text-body-secondary">{{ row.agreed.reason }}</div>{% endif %}
        {% endif %}
      </td>
    </tr>
    {% if scores_visible %}{% for label, values in row.stage_rows|slice:"1:" %}<tr><th class="fw-normal text-body-secondary stage">{{ label }}</th>{% for value in values %}<td class="text-end">{{ value|floatformat:2|default:"·" }}</td>{% endfor %}</tr>{% endfor %}{% endif %}
    {% endwith %}
  </tbody>
  {% endfor %}"""
)


def before(rows, *, scores_visible, threshold, scores_form, plenary) -> str:
    return BEFORE.render(
        Context(
            {
                "rows": rows,
                "scores_visible": scores_visible,
                "threshold": threshold,
                "scores_form": scores_form,
                "plenary": plenary,
            }
        )
    )


def assert_same(rows, *, scores_visible, threshold, scores_form, plenary):
    for language in ("id", "en"):
        with translation.override(language):
            expected = before(
                rows,
                scores_visible=scores_visible,
                threshold=threshold,
                scores_form=scores_form,
                plenary=plenary,
            )
            written = plenary_grid(rows, scores_visible, threshold, scores_form, plenary.is_finalised)
        assert written == expected


@pytest.fixture
def blitar(demo_open_plenary):
    """Kota Blitar's open plenary (seven assessors, four stages, 19 indicators, one fed by the MCSP
    value), every agreed score recorded."""
    plenary = Plenary.objects.select_related("assessment__candidate__programme_year").get(
        assessment__candidate__region__code="35.72"
    )
    return plenary


def sheet_for(plenary, username):
    return plenary_sheet(plenary, User.objects.get(username=username))


def test_scores_shown_with_the_open_form_prefilled(blitar):
    sheet = sheet_for(blitar, "permas")
    year = blitar.assessment.candidate.programme_year
    form = PlenaryScoresForm(sheet.rows, prefill=year.plenary_prefill)
    assert sheet.scores_visible and any(row.feed for row in sheet.rows)

    assert_same(
        sheet.rows,
        scores_visible=True,
        threshold=year.plenary_reason_threshold,
        scores_form=form,
        plenary=blitar,
    )


def test_the_form_as_typed_with_errors_beside_the_fields(blitar):
    sheet = sheet_for(blitar, "permas")
    rows = [row for row in sheet.rows if row.feed is None]
    data = {f"nilai_{row.indicator.pk}": "80,5" for row in rows}
    data[f"nilai_{rows[0].indicator.pk}"] = '<b>"150"</b>'
    data[f"alasan_{rows[1].indicator.pk}"] = 'Disepakati & "dicatat" <i>bersama</i>'
    form = PlenaryScoresForm(sheet.rows, data)
    assert not form.is_valid()

    assert_same(sheet.rows, scores_visible=True, threshold=Decimal("10"), scores_form=form, plenary=blitar)


def test_the_agreed_scores_of_a_final_plenary_and_of_a_reader_without_the_form(blitar):
    sheet = sheet_for(blitar, "permas")
    sheet.rows[0].agreed.reason = 'Lihat <b>"SK"</b> & lampiran'
    sheet.rows[1].agreed = None
    blitar.status = "final"

    assert_same(sheet.rows, scores_visible=True, threshold=Decimal("10"), scores_form=None, plenary=blitar)
    blitar.status = "berjalan"
    assert_same(sheet.rows, scores_visible=True, threshold=Decimal("10"), scores_form=None, plenary=blitar)


def test_hidden_scores(blitar):
    sheet = sheet_for(blitar, "inspektur.blitar")
    assert sheet.scores_visible is False
    form = PlenaryScoresForm(sheet.rows)

    assert_same(sheet.rows, scores_visible=False, threshold=Decimal("10"), scores_form=form, plenary=blitar)
    assert_same(sheet.rows, scores_visible=False, threshold=Decimal("10"), scores_form=None, plenary=blitar)


def test_empty_cells_evidence_rubrics_and_text_that_needs_escaping(blitar):
    sheet = sheet_for(blitar, "permas")
    row, other, fed = sheet.rows[0], sheet.rows[1], sheet.rows[-1]
    row.indicator.code = "2<a>"
    row.indicator.name = 'Perencanaan & "penganggaran" <berbasis> kinerja'
    level = row.indicator.rubric_levels.all()[0]
    level.label, level.description = "Baik & <lengkap>", 'Dokumen "lengkap"'
    row.indicator.rubric_levels.all()[1].description = ""
    other.indicator._prefetched_objects_cache["rubric_levels"] = other.indicator.rubric_levels.none()
    row.evidence = ["Diterima", 'Perlu <perbaikan> & "revisi"']
    label, values = row.stage_rows[1]
    row.stage_rows[1] = (label, [None, Decimal("0"), Decimal("84.5"), *values[3:]])
    row.mean = row.median = row.spread = None
    other.spread = Decimal("0")
    for status in ("sementara", "akhir"):
        fed.feed = replace(fed.feed, status=status)
        assert_same(
            sheet.rows, scores_visible=True, threshold=Decimal("10"), scores_form=None, plenary=blitar
        )
    form = PlenaryScoresForm(sheet.rows)

    for threshold in (Decimal("0"), Decimal("10")):
        assert_same(sheet.rows, scores_visible=True, threshold=threshold, scores_form=form, plenary=blitar)
        assert_same(sheet.rows, scores_visible=True, threshold=threshold, scores_form=None, plenary=blitar)


@pytest.mark.parametrize("language", ["id", "en"])
def test_reopen_form_is_written_as_crispy_writes_it(language):
    """templates/assessments/_reopen_form.html writes the reopen form's field as ``{{ form|crispy }}`` did."""
    from django.template import engines
    from django.template.loader import render_to_string

    from assessments.forms.plenary import ReopenForm

    form = ReopenForm()
    with translation.override(language):
        crispy = (
            engines["django"]
            .from_string("{% load crispy_forms_tags %}{{ form|crispy }}")
            .render({"form": form})
        )
        plain = render_to_string("assessments/_reopen_form.html", {"field": form["reason"]})
    assert plain == crispy
    assert 'name="reason"' in plain


# templates/assessments/plenary.html's assessors' column heads and subtotals per component, verbatim.
BEFORE_HEADS = Engine(
    libraries={
        "programme": "assessments.templatetags.programme",
        "plenary": "assessments.templatetags.plenary",
    },
).from_string(
    "{% load programme plenary %}"
    + """{% for name, institution in sheet.assessors %}<th class="text-end assessor" title="{{ name }}{% if institution %} ({{ institution }}){% endif %}">{{ name|first_word }}{% conflict_flag conflict_flags name %}<div class="fw-normal text-body-secondary text-truncate">{{ institution }}</div></th>{% endfor %}"""
)
BEFORE_COMPONENTS = Engine().from_string(
    """{% for component in result.components %}<tr><td>{{ component.order }}. {{ component.name }}</td><td class="text-end">{{ component.weight|floatformat:2 }}</td><td class="text-end">{{ component.shown_subtotal|floatformat:2 }}</td></tr>{% endfor %}"""
)


def test_assessor_heads_with_conflict_flags_and_text_that_needs_escaping(blitar):
    from assessments.queries.programme import ConflictFlag
    from assessments.templatetags.plenary import plenary_assessor_heads

    sheet = sheet_for(blitar, "permas")
    (first, _), _second, (third, _) = sheet.assessors[:3]
    sheet.assessors[:3] = [
        (first, ""),
        ('Dr. "Ani" <Sari> & Co', 'BPKP & "Inspektorat" <Jatim>'),
        (third, "KPK"),
    ]
    reasons = ['Berasal dari provinsi yang sama <"Jawa Timur">.', "Dicatat staf: saudara & ipar."]
    flags = {
        first: ConflictFlag(user_id=1, name=first, reasons=reasons, seating_reason=""),
        'Dr. "Ani" <Sari> & Co': ConflictFlag(
            user_id=2, name="x", reasons=reasons[:1], seating_reason='Satu-satunya ahli "PBJ" & <audit>'
        ),
    }
    for conflict_flags in (flags, {}, None):
        for language in ("id", "en"):
            with translation.override(language):
                context = Context({"sheet": sheet, "conflict_flags": conflict_flags})
                expected = BEFORE_HEADS.render(context)
                written = plenary_assessor_heads(sheet.assessors, conflict_flags)
            assert written == expected
    assert "konflik kepentingan" in plenary_assessor_heads(sheet.assessors, flags)


def test_subtotals_per_component(blitar):
    from assessments.templatetags.plenary import plenary_components

    result = sheet_for(blitar, "permas").result
    components = [*result.components]
    components[0] = replace(components[0], name='Tata kelola & "integritas" <publik>', order=12)
    components[1] = replace(components[1], weight=Decimal("1234.5"), subtotal=Decimal("0"))
    assert len(components) > 2
    for language in ("id", "en"):
        with translation.override(language):
            expected = BEFORE_COMPONENTS.render(Context({"result": {"components": components}}))
            assert plenary_components(components) == expected
