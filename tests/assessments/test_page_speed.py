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

    for name in ("evidence:document", "evidence:download", "evidence:view"):
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

    # session, user, assessment, permission (membership unless recused), the viewer's submission with
    # its stage (the form's version); the service: a savepoint, the stage row locked, membership, the
    # submission locked with its scores (one query), the scores updated (one UPDATE), their history rows
    # (one INSERT), the submission, the audit entry, the savepoint released. The indicators come from the
    # kept framework tree.
    assert response.status_code == 302
    assert len(queries) == 14


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
