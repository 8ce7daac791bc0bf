"""Speed-ups of issue 14 that must not change what a page shows: the scoring form's widgets written in
Python write what Django's widget templates write; pk_url() gives what reverse() gives; the outcome tag escapes."""

from decimal import Decimal

import pytest
from django import forms

from assessments.forms.scoring import DirectHiddenInput, DirectTextarea, DirectTextInput

SCORE_ATTRS = {"inputmode": "decimal", "autocomplete": "off", "class": "form-control", "data-max": "100"}


def form_class(text, textarea, hidden, *, disabled=False):
    class Form(forms.Form):
        score = forms.DecimalField(
            localize=True, required=False, disabled=disabled, widget=text(attrs=SCORE_ATTRS)
        )
        note = forms.CharField(required=False, widget=textarea(attrs={"rows": 2, "class": "form-control"}))
        version = forms.IntegerField(widget=hidden, min_value=0)

    return Form


@pytest.mark.parametrize(
    "kwargs",
    [
        {"initial": {"score": Decimal("92.15"), "note": 'Lihat <b>"SK"</b> & lampiran', "version": 3}},
        {"data": {"score": "3,5x", "note": "", "version": "-1"}},
        {"data": {"score": "7", "note": "Catatan", "version": "2"}},
        {},
    ],
)
@pytest.mark.parametrize("disabled", [False, True])
def test_direct_widgets_write_what_the_templates_write(kwargs, disabled):
    django_form = form_class(forms.TextInput, forms.Textarea, forms.HiddenInput, disabled=disabled)(**kwargs)
    direct_form = form_class(DirectTextInput, DirectTextarea, DirectHiddenInput, disabled=disabled)(**kwargs)
    django_form.is_bound and django_form.is_valid()
    direct_form.is_bound and direct_form.is_valid()

    for name in ("score", "note", "version"):
        extra = {"aria-describedby": "skala-1", "class": "form-control is-invalid"}
        assert direct_form[name].as_widget(attrs=extra) == django_form[name].as_widget(attrs=extra)
        assert str(direct_form[name]) == str(django_form[name])


def test_pk_url_is_what_reverse_gives():
    from django.urls import reverse

    from assessments.models.urls import pk_url

    names = ("evidence:document", "evidence:download", "evidence:view")
    for name in (*names, "region:recommendation", "assessments:candidate_detail"):
        for pk in (1, 42, 918273645, 10**12):
            assert pk_url(name, pk) == reverse(name, kwargs={"pk": pk})


@pytest.mark.parametrize("scored", [1, 18])
def test_saving_a_stage_takes_the_same_queries_for_one_indicator_or_many(
    client, kota_blitar, kota_mataram, assessor, staff, scored
):
    """Issue 14: the save read each indicator's framework again, one query per indicator."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from assessments.enums import Stage
    from tests.assessments.scoring_factories import build_scoring

    scoring = build_scoring(
        region=kota_blitar, other_region=kota_mataram, member=assessor, staff=staff, scored=scored
    )
    client.force_login(assessor)
    url = reverse("scoring:stage", args=[scoring.assessment.pk, Stage.DOCUMENTS])
    data = {"version": "0", "kirim": "1"}
    for indicator in scoring.indicators:
        data[f"nilai_{indicator.pk}"] = "1"
        data[f"catatan_{indicator.pk}"] = "Catatan."
    client.post(url, data)  # the first save creates the rows
    data["version"] = "1"
    for indicator in scoring.indicators:
        data[f"nilai_{indicator.pk}"] = "2"

    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)

    # session, user, assessment, permission (membership unless recused); the form is built from the kept
    # framework (no query); the service: a savepoint, the stage row locked with the membership
    # (unless recused) read afresh, the submission locked with its scores (one query), the scores updated
    # (one UPDATE), their history rows (one INSERT), the submission, the audit entry, the savepoint
    # released. The indicators come from the kept framework tree.
    assert response.status_code == 302
    assert len(queries) == 12


def test_outcome_tag_escapes_what_it_shows():
    from regions.services.screening import CriterionResult
    from regions.templatetags.screening import outcome

    result = CriterionResult(
        criterion="bpk", label='Opini "BPK"', outcome="fail", value="<WDP> 2025", source="BPK & co"
    )

    assert outcome(result, show_value=True) == (
        '<span class="outcome outcome-fail" tabindex="0" role="button" data-bs-toggle="popover" '
        'data-bs-trigger="hover focus" data-bs-placement="top" data-bs-title="Opini &quot;BPK&quot;" '
        'data-bs-content="Opini &quot;BPK&quot; · &lt;WDP&gt; 2025 · sumber: BPK &amp; co" '
        'title="Opini &quot;BPK&quot; · &lt;WDP&gt; 2025 · sumber: BPK &amp; co" data-testid="outcome-bpk">'
        '<i class="bi bi-x-circle-fill text-danger" aria-hidden="true"></i> '
        '<span class="visually-hidden">Tidak memenuhi</span> <small>&lt;WDP&gt; 2025</small></span>'
    )


@pytest.mark.django_db
def test_the_kept_framework_tree_follows_every_publication(staff, django_assert_num_queries):
    """The scoring page keeps a published framework's tree in the process (issue 14): an edit needs the
    framework back in draft, and publishing it again shows the edit at once; a draft is read afresh."""
    from assessments.models import Framework
    from assessments.queries.programme import published_framework_tree
    from assessments.services import framework as services
    from tests.assessments.factories import ProgrammeYearFactory

    def names(framework):
        framework = Framework.objects.get(pk=framework.pk)
        return [i.name for c in published_framework_tree(framework) for i in c.indicators.all()][:2]

    framework = services.create_default_framework(programme_year=ProgrammeYearFactory(year=2025), by=staff)
    services.publish_framework(framework=framework, by=staff)
    first = names(framework)
    with django_assert_num_queries(1):  # the framework row only: the tree is kept
        assert names(framework) == first

    services.unpublish_framework(framework=framework, by=staff, reason="Koreksi nama indikator.")
    indicator = framework.indicators.get(code="2")
    services.save_indicator(framework=framework, indicator=indicator, name="Nama baru", by=staff)
    assert names(framework) == [first[0], "Nama baru"]  # a draft, read afresh
    services.save_indicator(framework=framework, indicator=indicator, name="Nama terbit", by=staff)
    assert names(framework) == [first[0], "Nama terbit"]
    services.publish_framework(framework=framework, by=staff)
    assert names(framework) == [first[0], "Nama terbit"]


@pytest.mark.django_db
def test_the_scoring_page_shows_a_republished_framework_at_once(
    client, kota_blitar, kota_mataram, assessor, staff
):
    """The page itself: the framework an assessment uses is frozen; were it ever published again (its
    assessments gone), the kept tree is not used for the new publication."""
    from django.urls import reverse

    from assessments.enums import Stage
    from assessments.queries.programme import published_framework_tree
    from tests.assessments.scoring_factories import build_scoring

    scoring = build_scoring(region=kota_blitar, other_region=kota_mataram, member=assessor, staff=staff)
    client.force_login(assessor)
    url = reverse("scoring:stage", args=[scoring.assessment.pk, Stage.DOCUMENTS])
    assert scoring.indicators[0].name in client.get(url).content.decode()

    framework = scoring.assessment.framework
    framework.refresh_from_db()
    kept = published_framework_tree(framework)
    framework.published_at = framework.published_at.replace(
        microsecond=(framework.published_at.microsecond + 1) % 10**6
    )
    assert published_framework_tree(framework) is not kept


def test_esc_escapes_as_conditional_escape_does():
    from django.utils.html import conditional_escape
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext_lazy

    from assessments.html import esc

    for value in [
        '<a href="x">&\'</a>',
        mark_safe("<b>aman</b>"),
        42,
        Decimal("92.15"),
        gettext_lazy("Nilai"),
        None,
    ]:
        assert esc(value) == conditional_escape(value)


@pytest.mark.django_db
def test_a_save_writes_every_changed_score_in_one_update(kota_blitar, kota_mataram, assessor, staff):
    """The changed scores are written by one UPDATE from a VALUES list (issue 14): empty values, notes
    with quotes, the scale and the time of the save read back exactly, and untouched rows stay."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from assessments.enums import Stage
    from assessments.models import Score
    from assessments.services.scoring import Entry, save_stage_scores
    from tests.assessments.scoring_factories import build_scoring

    scoring = build_scoring(
        region=kota_blitar, other_region=kota_mataram, member=assessor, staff=staff, scored=3
    )
    first, second, third = (indicator.pk for indicator in scoring.indicators)

    def save(scores, version):
        return save_stage_scores(
            scoring.assessment,
            assessor=assessor,
            stage=Stage.DOCUMENTS,
            scores=scores,
            submit=False,
            version=version,
        )

    save({first: Entry(Decimal("1")), second: Entry(None, "catatan"), third: Entry(Decimal("3"), "tetap")}, 0)
    with CaptureQueriesContext(connection) as queries:
        submission = save(
            {
                first: Entry(None, "kosong lagi"),
                second: Entry(Decimal("3.15"), "Lihat 'SK' & \"lampiran\""),
                third: Entry(Decimal("3"), "tetap"),
            },
            1,
        )

    assert sum(1 for query in queries if query["sql"].lstrip().upper().startswith(("WITH", "UPDATE"))) == 2
    rows = {score.indicator_id: score for score in Score.objects.filter(submission=submission)}
    assert (rows[first].value, rows[first].note) == (None, "kosong lagi")
    assert (rows[second].value, rows[second].note) == (Decimal("3.15"), "Lihat 'SK' & \"lampiran\"")
    assert (rows[third].value, rows[third].note) == (Decimal("3"), "tetap")
    assert rows[first].updated_at == rows[second].updated_at == submission.saved_at != rows[third].updated_at
    assert {pk: score.scale_max for pk, score in rows.items()} == {
        i.pk: i.max_score for i in scoring.indicators
    }


# The framework page's indicator row as the template wrote it before {% framework_row %} (issue 14).
FRAMEWORK_ROW_TEMPLATE = """{% load i18n %}<tr>
      <td class="font-monospace">{{ indicator.code }}</td>
      <td>{{ indicator.name }}{% if indicator.rubric_levels.all %}<div class="small text-body-secondary">{% for level in indicator.rubric_levels.all %}{{ level.score|floatformat:0 }} {{ level.label }}{% if not forloop.last %} · {% endif %}{% endfor %}</div>{% endif %}{% if indicator.value_mappings.all %}<div class="small text-body-secondary">{% for mapping in indicator.value_mappings.all %}≥ {{ mapping.min_value|floatformat:2 }} → {{ mapping.score|floatformat:2 }}{% if not forloop.last %} · {% endif %}{% endfor %}</div>{% endif %}</td>
      <td>{{ indicator.get_source_display }}{% if indicator.criterion %} ({{ criterion_name|default:indicator.get_criterion_display }}){% endif %}</td>
      <td class="text-end">{{ indicator.max_score|floatformat:2 }}</td>
      <td class="text-end">{{ indicator.weight|floatformat:2 }}</td>
      <td class="text-end text-body-secondary">{{ indicator.running_weight|floatformat:2 }}</td>
      <td class="text-end text-nowrap">{% if editable %}<a href="{% url 'assessments:indicator_update' programme_year.year indicator.pk %}" aria-label="{% translate 'Ubah' %} {{ indicator.code }}"><i class="bi bi-pencil" aria-hidden="true"></i></a>{% endif %}</td>
    </tr>"""


@pytest.mark.django_db
@pytest.mark.parametrize("editable", [False, True])
@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("kind", ["rubric", "mapping", "bare"])
def test_framework_row_writes_what_the_template_wrote(editable, language, kind):
    from django.template import Context, Template
    from django.utils import translation

    from assessments.models import RubricLevel, ValueMapping
    from assessments.templatetags.programme import framework_row
    from tests.assessments.factories import (
        ComponentFactory,
        FrameworkFactory,
        IndicatorFactory,
        ProgrammeYearFactory,
    )

    year = ProgrammeYearFactory(year=2025)
    component = ComponentFactory(framework=FrameworkFactory(programme_year=year), order=1)
    indicator = IndicatorFactory(
        component=component,
        code='7 <"a">',
        order=1,
        name='Pengawasan <internal> & "APIP"',
        weight=Decimal("5.27"),
        max_score=Decimal("1234.5"),
        source="kriteria" if kind == "mapping" else "penilai",
        criterion="mcp" if kind == "mapping" else "",
    )
    if kind == "rubric":
        for score, label in [(Decimal("100"), "Sangat <baik> & lengkap"), (Decimal("62.5"), 'Cukup "x"')]:
            RubricLevel.objects.create(indicator=indicator, score=score, label=label, description="")
    if kind == "mapping":
        for minimum, score in [(Decimal("90.25"), Decimal("100")), (Decimal("0"), Decimal("0"))]:
            ValueMapping.objects.create(indicator=indicator, min_value=minimum, score=score)
    # What the old view annotated onto the indicator (the criterion's name: ``criterion_label``, which
    # get_criterion_display() returned), given to the old template here.
    indicator.running_weight = Decimal("10.54")
    criterion_name = "Nilai <MCP>" if kind == "mapping" else ""

    with translation.override(language):
        expected = Template(FRAMEWORK_ROW_TEMPLATE).render(
            Context(
                {
                    "indicator": indicator,
                    "criterion_name": criterion_name,
                    "editable": editable,
                    "programme_year": year,
                }
            )
        )
        written = framework_row(indicator, Decimal("10.54"), criterion_name, year=2025, editable=editable)
        assert written == expected


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["id", "en"])
def test_indicator_evidence_writes_what_the_template_writes(language, kota_blitar, inspector, staff):
    """{% indicator_evidence %} against assessments/evidence/_indicator_evidence.html itself, for every
    kind of file, every review status, a document without a version, and no document at all."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from assessments.enums import EvidenceStatus
    from assessments.models import Document, DocumentVersion
    from assessments.templatetags.evidence import indicator_evidence
    from tests.assessments.factories import CandidateFactory

    candidate = CandidateFactory(region=kota_blitar)
    documents = []
    files = [
        ("application/pdf", EvidenceStatus.WAITING, 1),
        ("image/png", EvidenceStatus.ACCEPTED, 2_500_000),
        ("application/vnd.ms-excel", EvidenceStatus.REVISION, 10**10),
    ]
    for number, (content_type, status, size) in enumerate(files, start=1):
        document = Document.objects.create(
            candidate=candidate, title=f'Perwali <{number}> & "SK"', created_by=inspector
        )
        document.current_version = DocumentVersion.objects.create(
            document=document,
            number=number,
            stored_name=f"berkas-{number}",
            original_name="a.pdf",
            size=size,
            content_type=content_type,
            sha256="0" * 64,
            uploaded_by=inspector,
            review_status=status,
            review_note="" if status != EvidenceStatus.REVISION else "Perbaiki",
            reviewed_at=None if status == EvidenceStatus.WAITING else _now(),
            reviewed_by=None if status == EvidenceStatus.WAITING else staff,
        )
        document.save()
        documents.append(document)
    documents.append(Document.objects.create(candidate=candidate, title="Tanpa berkas", created_by=inspector))

    with translation.override(language):
        for case in (documents, documents[:1], []):
            expected = render_to_string("assessments/evidence/_indicator_evidence.html", {"documents": case})
            assert indicator_evidence(case) == expected


def _now():
    from django.utils import timezone

    return timezone.now()


# The workspace's rows as workspace.html wrote them before {% workspace_rows %} (issue 14).
WORKSPACE_ROWS_TEMPLATE = (
    "{% load i18n evidence %}"
    + '  {% for row in workspace.rows %}{% ifchanged row.indicator.component_id %}<tr class="table-light"><th colspan="{% if can_upload %}4{% else %}3{% endif %}" scope="rowgroup">{{ row.indicator.component }}</th></tr>{% endifchanged %}\n    <tr data-testid="indicator-{{ row.indicator.code }}">\n      <td style="min-width: 14rem"><strong>{{ row.indicator.code }}.</strong> {{ row.indicator.name }}\n        {% if not row.needs_evidence %}<div class="small text-body-secondary">{% translate "Diisi dari nilai kriteria; bukti dukung tidak wajib." %}</div>\n        {% elif not row.documents %}<div><span class="badge text-bg-light border">{% translate "belum ada" %}</span></div>{% endif %}</td>\n      <td class="small">{{ row.indicator.expected_evidence|linebreaksbr|default:"–" }}</td>\n      <td style="min-width: 16rem">{% indicator_evidence row.documents %}</td>\n      {% if can_upload %}<td class="text-end"><a class="btn btn-sm btn-outline-primary text-nowrap" href="{% url \'evidence:upload\' candidate.pk %}?indikator={{ row.indicator.pk }}"><i class="bi bi-upload" aria-hidden="true"></i> {% translate "Unggah" %}</a></td>{% endif %}\n    </tr>\n  {% endfor %}'  # noqa: RUF001
)


@pytest.mark.django_db
@pytest.mark.parametrize("can_upload", [False, True])
@pytest.mark.parametrize("language", ["id", "en"])
def test_workspace_rows_write_what_the_template_wrote(can_upload, language, kota_blitar, inspector):
    from django.template import Context, Template
    from django.utils import timezone, translation

    from assessments.models import Document, DocumentVersion
    from assessments.queries.evidence import evidence_workspace
    from assessments.templatetags.evidence import workspace_rows
    from tests.assessments.factories import (
        CandidateFactory,
        ComponentFactory,
        FrameworkFactory,
        IndicatorFactory,
    )

    candidate = CandidateFactory(region=kota_blitar)
    framework = FrameworkFactory(programme_year=candidate.programme_year)
    first = ComponentFactory(framework=framework, order=1, name="Tata <kelola>")
    second = ComponentFactory(framework=framework, order=2, name='Pelayanan "publik"')
    indicators = [
        IndicatorFactory(
            component=first, code="1", order=1, expected_evidence="SK <Bupati>\nPerda & lampiran"
        ),
        IndicatorFactory(
            component=first, code="2", order=2, expected_evidence="", source="kriteria", criterion="mcp"
        ),
        IndicatorFactory(component=second, code="3", order=3, name="Indikator <3>", expected_evidence=""),
    ]
    document = Document.objects.create(candidate=candidate, title="SK <UPG>", created_by=inspector)
    document.indicators.set(indicators[:1])
    # A document linked to two indicators: its line is made once and written in both rows.
    shared = Document.objects.create(candidate=candidate, title="Laporan & foto", created_by=inspector)
    shared.current_version = DocumentVersion.objects.create(
        document=shared,
        number=2,
        stored_name="berkas",
        original_name="a.pdf",
        size=2_500_000,
        content_type="application/pdf",
        sha256="0" * 64,
        uploaded_by=inspector,
    )
    shared.save()
    shared.indicators.set([indicators[0], indicators[2]])
    workspace = evidence_workspace(candidate, timezone.localdate())

    with translation.override(language):
        expected = Template(WORKSPACE_ROWS_TEMPLATE).render(
            Context({"workspace": workspace, "candidate": candidate, "can_upload": can_upload})
        )
        written = workspace_rows(workspace.rows, candidate=candidate, can_upload=can_upload)
        assert written == expected.removeprefix("  ")
        assert written.count(f'data-testid="evidence-{shared.pk}"') == 2


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("places", [0, 2])
@pytest.mark.parametrize(
    "value",
    [
        "0",
        "0.00",
        "-0.004",
        "5.27",
        "62.5",
        "62.49",
        "0.5",
        "1.005",
        "99.995",
        "100",
        "1234.5",
        "-5.5",
        "7E+2",
    ],
)
def test_decimal_text_is_floatformat(value, places, language):
    from django.template.defaultfilters import floatformat
    from django.utils import translation
    from django.utils.formats import get_format

    from assessments.templatetags.programme import decimal_text

    with translation.override(language):
        separator = get_format("DECIMAL_SEPARATOR")
        assert decimal_text(Decimal(value), places, separator) == floatformat(Decimal(value), places)


# The staff home's loops before {% revocation_flag_items %} and {% recommendation_items %} (issue 14).
REVOCATION_FLAGS_TEMPLATE = (
    "{% load i18n %}"
    + '    {% for flag in revocation_flags %}\n    <li class="d-flex flex-wrap justify-content-between align-items-center gap-2 border-top border-danger-subtle py-2" data-testid="revocation-flag">\n      <div>\n        <a class="alert-link" href="{{ flag.candidate.get_absolute_url }}">{{ flag.candidate.region.full_name }}</a> · {{ flag.candidate.programme_year.name }} · {{ flag.candidate.get_status_display }}\n        {% for case in flag.cases %}<div class="small">{{ case }}</div>{% endfor %}\n      </div>\n      <a class="btn btn-danger btn-sm" href="{% url \'assessments:candidate_step\' flag.candidate.pk \'cabut\' %}">{% translate "Cabut status" %}</a>\n    </li>\n    {% endfor %}'
)
RECOMMENDATIONS_TEMPLATE = (
    "{% load i18n %}"
    + '{% for item in items %}<li class="mb-1"><a href="{{ item.get_absolute_url }}">{{ item.candidate.region.full_name }}</a>: {{ item.text|truncatechars:80 }} · {{ item.due_on }} {% include "assessments/region/_recommendation_status.html" %}</li>{% endfor %}'
)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["id", "en"])
def test_staff_home_lists_write_what_the_templates_wrote(language, kota_blitar, kota_mataram, staff):
    from datetime import date

    from django.template import Context, Template
    from django.utils import translation

    from assessments.enums import CandidateStatus, RecommendationStatus
    from assessments.models import Recommendation
    from assessments.queries.programme import RevocationFlag
    from assessments.templatetags.programme import recommendation_items, revocation_flag_items
    from tests.assessments.factories import CandidateFactory, ProgrammeYearFactory

    year = ProgrammeYearFactory(year=2026, name='Percontohan <2026> & "uji"')
    blitar = CandidateFactory(programme_year=year, region=kota_blitar, status=CandidateStatus.PILOT)
    mataram = CandidateFactory(programme_year=year, region=kota_mataram, status=CandidateStatus.DESIGNATED)
    flags = [
        RevocationFlag(blitar, ["Kasus terbuka: <b>Uji</b> & co.", "Kasus kedua."]),
        RevocationFlag(mataram, []),
    ]
    # Unsaved (the list only reads them; each status's own follow-up fields are not needed here).
    recommendations = [
        Recommendation(
            pk=number,
            candidate=blitar,
            source="pleno",
            text="Perkuat <APIP> & " + "tindak lanjut pengaduan masyarakat " * 4,
            agency="Inspektorat",
            due_on=date(2026, 6, 30),
            status=status,
        )
        for number, status in enumerate(RecommendationStatus.values, start=1)
    ]

    with translation.override(language):
        assert revocation_flag_items(flags) == Template(REVOCATION_FLAGS_TEMPLATE).render(
            Context({"revocation_flags": flags})
        ).removeprefix("    ")
        assert recommendation_items(recommendations) == Template(RECOMMENDATIONS_TEMPLATE).render(
            Context({"items": recommendations})
        )


@pytest.mark.django_db
@pytest.mark.parametrize("plenary", ["none", "draft", "final"])
def test_the_assessment_of_the_scoring_pages_in_one_query(django_assert_num_queries, plenary):
    """``assessment_for_scoring`` reads the programme year's number, the province's name and the plenary's
    status by subqueries instead of joins: what it gives is what the models give, and any other field of
    the year or the province is still read when asked for."""
    from django.utils import timezone

    from assessments.enums import PlenaryStatus
    from assessments.models import Assessment, Plenary
    from assessments.queries.scoring import assessment_for_scoring
    from assessments.rules import plenary_is_finalised
    from tests.assessments.factories import AssessmentFactory

    assessment = AssessmentFactory()
    if plenary != "none":
        final = plenary == "final"
        Plenary.objects.create(
            assessment=assessment,
            status=PlenaryStatus.FINALISED if final else PlenaryStatus.OPEN,
            finalised_at=timezone.now() if final else None,
        )
    expected = Assessment.objects.select_related(
        "candidate__region__province", "candidate__programme_year", "team", "framework"
    ).get(pk=assessment.pk)

    with django_assert_num_queries(1):
        read = assessment_for_scoring(assessment.pk)
        assert plenary_is_finalised(read) == (plenary == "final")
        candidate = read.candidate
        assert (candidate.programme_year.pk, candidate.programme_year.year) == (
            expected.candidate.programme_year.pk,
            expected.candidate.programme_year.year,
        )
        assert (candidate.region.province.pk, candidate.region.province.name) == (
            expected.candidate.region.province.pk,
            expected.candidate.region.province.name,
        )
        assert (candidate.region.full_name, read.team.name, read.framework.published_at) == (
            expected.candidate.region.full_name,
            expected.team.name,
            expected.framework.published_at,
        )
        assert str(read) == str(expected)
    with django_assert_num_queries(2):
        assert candidate.programme_year.name == expected.candidate.programme_year.name
        assert candidate.region.province.time_zone == expected.candidate.region.province.time_zone
    assert assessment_for_scoring(0) is None


@pytest.mark.django_db
def test_the_scoring_form_keeps_its_fields_with_the_published_framework(
    kota_blitar, kota_mataram, assessor, staff
):
    """The scoring form's fields are made once per published framework, language and state, and shared by
    every form (issue 14): a form never changes them, a closed stage gets disabled ones, a framework
    published again (or a draft) gets fields of its own, with its indicators' maximum."""
    from django.utils import timezone, translation

    from assessments.enums import FrameworkStatus, Stage
    from assessments.forms.scoring import StageScoresForm
    from assessments.queries.scoring import assessment_for_scoring, scoring_page
    from tests.assessments.scoring_factories import build_scoring

    scoring = build_scoring(region=kota_blitar, other_region=kota_mataram, member=assessor, staff=staff)
    name = f"nilai_{scoring.indicators[1].pk}"  # at most 4

    def form(stage=Stage.DOCUMENTS, data=None):
        assessment = assessment_for_scoring(scoring.assessment.pk)
        return StageScoresForm(data, page=scoring_page(assessment, stage, assessor))

    first, second = form(), form(data={"version": "0", name: "5"})
    assert first.fields[name] is second.fields[name]
    assert not second.is_valid() and name in second.errors  # above the maximum
    assert form(data={"version": "0", name: "3,5"}).is_valid()
    closed = form(Stage.FIELD_CHECK)
    assert closed.fields[name].disabled and not first.fields[name].disabled
    with translation.override("en"):
        assert form().fields[name] is not first.fields[name]

    framework = scoring.assessment.framework
    scoring.indicators[1].max_score = 10
    scoring.indicators[1].save()
    type(framework).objects.filter(pk=framework.pk).update(published_at=timezone.now())
    republished = form(data={"version": "0", name: "5"})
    assert republished.fields[name] is not first.fields[name]
    assert republished.is_valid()

    type(framework).objects.filter(pk=framework.pk).update(status=FrameworkStatus.DRAFT)
    assert form().fields[name] is not form().fields[name]


# assessments/evidence/_summary.html before {% evidence_summary %} (issue 14).
SUMMARY_TEMPLATE = '{% load i18n %}{# The completeness, deadline and review counts of a workspace: context workspace, candidate. #}\n<div class="row g-3 mb-3" data-testid="summary">\n  <div class="col-sm-6 col-lg-3"><div class="card h-100"><div class="card-body">\n    <div class="small text-body-secondary">{% translate "Kelengkapan" %}</div>\n    <div class="h4 mb-1" data-testid="completeness">{{ workspace.completeness }}%</div>\n    <div class="progress" role="progressbar" aria-label="{% translate \'Kelengkapan\' %}" aria-valuenow="{{ workspace.completeness }}" aria-valuemin="0" aria-valuemax="100" style="height: .4rem"><div class="progress-bar" style="width: {{ workspace.completeness }}%"></div></div>\n    <div class="small text-body-secondary mt-1">{% blocktranslate with covered=workspace.covered_count total=workspace.required|length %}{{ covered }} dari {{ total }} indikator memiliki bukti dukung{% endblocktranslate %}</div>\n  </div></div></div>\n  <div class="col-sm-6 col-lg-3"><div class="card h-100"><div class="card-body">\n    <div class="small text-body-secondary">{% translate "Batas unggah" %}</div>\n    {% if workspace.due_on %}\n      <div class="h5 mb-1" data-testid="deadline">{{ workspace.due_on }}</div>\n      <div class="small {% if workspace.days_left < 0 %}text-danger{% else %}text-body-secondary{% endif %}" data-testid="days-left">{% if workspace.days_left > 0 %}{% blocktranslate count days=workspace.days_left %}{{ days }} hari lagi{% plural %}{{ days }} hari lagi{% endblocktranslate %}{% elif workspace.days_left == 0 %}{% translate "hari ini" %}{% else %}{% translate "sudah lewat" %}{% endif %}</div>\n    {% else %}<div class="h5 mb-1">–</div><div class="small text-body-secondary">{% translate "Belum ditetapkan Dit Permas" %}</div>{% endif %}\n  </div></div></div>\n  <div class="col-sm-4 col-lg-2"><div class="card h-100"><div class="card-body"><div class="small text-body-secondary">{% translate "Diterima" %}</div><div class="h4 mb-0" data-testid="accepted">{{ workspace.accepted_count }}</div><div class="small text-body-secondary">{% translate "indikator" %}</div></div></div></div>\n  <div class="col-sm-4 col-lg-2"><div class="card h-100"><div class="card-body"><div class="small text-body-secondary">{% translate "Menunggu pemeriksaan" %}</div><div class="h4 mb-0" data-testid="waiting">{{ workspace.waiting_count }}</div><div class="small text-body-secondary">{% translate "dokumen" %}</div></div></div></div>\n  <div class="col-sm-4 col-lg-2"><div class="card h-100"><div class="card-body"><div class="small text-body-secondary">{% translate "Perlu perbaikan" %}</div><div class="h4 mb-0 {% if workspace.revision_count %}text-danger{% endif %}" data-testid="revision">{{ workspace.revision_count }}</div><div class="small text-body-secondary">{% translate "dokumen" %}</div></div></div></div>\n</div>\n'  # noqa: RUF001


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("days", [None, -3, 0, 1, 12])
@pytest.mark.parametrize("revisions", [0, 2])
def test_evidence_summary_writes_what_the_template_wrote(language, days, revisions):
    from datetime import date, timedelta
    from types import SimpleNamespace

    from django.template import Context, Template
    from django.utils import translation

    from assessments.enums import EvidenceStatus, IndicatorSource
    from assessments.queries.evidence import DocumentState, EvidenceWorkspace, IndicatorEvidence
    from assessments.templatetags.evidence import evidence_summary

    today = date(2026, 3, 2)
    accepted = DocumentState(1, "Diterima", EvidenceStatus.ACCEPTED)
    waiting = DocumentState(2, "Menunggu", EvidenceStatus.WAITING)
    revised = [DocumentState(3 + n, f"Perbaikan {n}", EvidenceStatus.REVISION) for n in range(revisions)]

    def row(source, documents):
        return IndicatorEvidence(SimpleNamespace(source=source), documents)

    rows = [
        row(IndicatorSource.ASSESSORS, [accepted, waiting]),
        row(IndicatorSource.ASSESSORS, revised),
        row(IndicatorSource.ASSESSORS, []),
        row(IndicatorSource.CRITERION, []),
    ]
    workspace = EvidenceWorkspace(
        candidate=None,
        rows=rows,
        documents=[accepted, waiting, *revised],
        due_on=None if days is None else today + timedelta(days=days),
        today=today,
    )

    with translation.override(language):
        expected = Template(SUMMARY_TEMPLATE).render(Context({"workspace": workspace}))
        assert evidence_summary(workspace) == expected
