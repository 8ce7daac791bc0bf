"""A world with a real row of every model registered in the admin, built through the services: the demo
(frozen frameworks, a finalised plenary with both announcements, timelines, recorded results, criteria with
history) plus a 2026 assessment under way (scores, stage records with a photo, evidence, a recusal), a 2027
draft framework, a changed criterion of the catalogue, a criteria import and an issued PDF. Also the helper that turns an admin
form page back into the POST data a browser would send."""

from binascii import unhexlify
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import MultiWidget
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import default_key

from accounts import services as account_services
from accounts.enums import Institution, Role
from accounts.models import User
from assessments.demo.data import DEMO_PASSWORD
from assessments.demo.loader import load_demo
from assessments.enums import Stage
from assessments.models import Candidate, Framework, ProgrammeYear
from assessments.services import candidates as candidate_services
from assessments.services import evidence as evidence_services
from assessments.services import framework as framework_services
from assessments.services import programme as programme_services
from assessments.services import scoring as scoring_services
from assessments.services import stage_records as record_services
from assessments.services import teams as team_services
from regions.models import Region
from regions.services.catalogue import set_criterion
from regions.services.criteria_import import prepare_import
from reports import contexts
from reports.enums import DocumentKind
from reports.services import jobs as report_jobs
from reports.services.issuing import issue_pdf
from tests.assessments.evidence_fixtures import pdf_file, png_bytes
from tests.factories import UserFactory


@dataclass
class World:
    staff: User
    member: User  # on the 2026 team, has scores
    colleague: User  # on the 2026 team, no scores
    inspector: User  # Kota Bontang's
    assessment: object  # Kota Bontang 2026, under way
    draft_framework: Framework  # 2027, editable


def build_world() -> World:
    load_demo()
    staff = User.objects.get(username="permas")
    year_2026 = ProgrammeYear.objects.get(year=2026)
    if not year_2026.framework.is_published:  # the demo publishes it for Kabupaten Maros
        framework_services.publish_framework(framework=year_2026.framework, by=staff)
    team = team_services.create_team(programme_year=year_2026, name="Satgas 2026", by=staff)
    member = User.objects.get(username="penilai.kpk")
    colleague = User.objects.get(username="penilai.bpkp")
    team_services.add_team_member(team=team, user=member, role="ketua", by=staff)
    team_services.add_team_member(team=team, user=colleague, by=staff)
    bontang = Candidate.objects.get(programme_year=year_2026, region__code="64.74")
    assessment = team_services.schedule_assessment(
        candidate=bontang,
        team=team,
        starts_on=date(2026, 10, 5),
        ends_on=date(2026, 10, 6),
        place="Kantor Wali Kota Bontang",
        by=staff,
    )
    for stage in (Stage.DOCUMENTS, Stage.FIELD_CHECK, Stage.PRESENTATION, Stage.QA):
        scoring_services.open_stage(assessment, stage=stage, by=staff)
    indicator = assessment.framework.indicators.filter(source="penilai").order_by("order").first()
    for value in ("70", "75"):
        submission = assessment.stages.get(stage=Stage.DOCUMENTS).submissions.filter(assessor=member).first()
        scoring_services.save_stage_scores(
            assessment,
            assessor=member,
            stage=Stage.DOCUMENTS,
            scores={indicator.pk: scoring_services.Entry(Decimal(value))},
            submit=False,
            version=submission.version if submission else 0,
        )
    visited = timezone.make_aware(datetime(2026, 10, 5, 9, 0))
    photo = SimpleUploadedFile("mpp.png", png_bytes(), content_type="image/png")
    record_services.add_field_visit(
        assessment, by=member, place="Mal Pelayanan Publik", visited_at=visited, photos=[photo]
    )
    record_services.save_presentation(assessment, by=member, presenter="Wali Kota Bontang", notes={})
    record_services.add_qa_question(
        assessment, by=member, question="Bagaimana WBS dijalankan?", asked_by="Andi"
    )
    record_services.add_qa_attendee(assessment, by=member, role="sekda", name="Sekda Bontang")
    team_services.record_recusal(
        assessment=assessment, user=colleague, reason="Pernah bertugas di sana.", by=staff
    )
    inspector = UserFactory(
        username="inspektur.bontang",
        name="Inspektur Bontang",
        role=Role.INSPECTOR,
        institution=Institution.REGION,
        region=Region.objects.get(code="64.74"),
    )
    evidence_services.upload_document(
        candidate=bontang, title="SK UPG", indicators=[indicator], file=pdf_file(), by=inspector
    )
    evidence_services.set_deadline(programme_year=year_2026, due_on=date(2026, 9, 30), by=staff)
    set_criterion(programme_year=2026, code="spi", values={"min_score": Decimal("68.5")}, by=staff)
    prepare_import(
        content=b"kode;nilai\n64.74;80,5\n", file_name="mcp.csv", criterion="mcp", data_year=2025, by=staff
    )
    issue_pdf(
        contexts.year_summary_report(ProgrammeYear.objects.get(year=2025)),
        base_url="http://testserver/",
        by=staff,
    )
    report_jobs.request_document(  # queued for the task worker, which the walk does not run
        kind=DocumentKind.YEAR_SUMMARY,
        source=f"programmeyear:{ProgrammeYear.objects.get(year=2024).pk}",
        base_url="http://testserver/",
        by=staff,
    )
    candidate_services.mark_assessed(
        candidate=Candidate.objects.get(programme_year=year_2026, region__code="53.15"), by=staff
    )
    year_2027 = programme_services.create_programme_year(year=2027, by=staff)
    draft = framework_services.create_default_framework(programme_year=year_2027, by=staff)
    # Log-in security: a lockout row (three wrong passwords through the log-in page), a log-in logged by
    # django-axes, and the inspector's second factor.
    client = Client(REMOTE_ADDR="10.0.0.9")
    for _attempt in range(3):
        client.post("/akun/masuk/", {"username": inspector.username, "password": "salah"})
    Client(REMOTE_ADDR="10.0.0.10").post(
        "/akun/masuk/", {"username": staff.username, "password": DEMO_PASSWORD}
    )
    key = default_key()
    account_services.enable_second_factor(inspector, key=key, token=f"{TOTP(unhexlify(key)).token():06d}")
    return World(
        staff=staff,
        member=member,
        colleague=colleague,
        inspector=inspector,
        assessment=assessment,
        draft_framework=draft,
    )


def _text(value) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def form_post_data(form) -> dict:
    """What a browser sends for ``form`` as rendered (its initial or bound values)."""
    data: dict = {}
    for bound in form:
        value = bound.value()
        widget = bound.field.widget
        widget = getattr(widget, "widget", widget)  # the admin's related-field wrapper
        if isinstance(widget, MultiWidget):
            parts = value if isinstance(value, list | tuple) else widget.decompress(value)
            for suffix, part in zip(widget.widgets_names, parts, strict=True):
                data[bound.html_name + suffix] = "" if part is None else _text(part)
        elif isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        elif value is None:
            data[bound.html_name] = ""
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [_text(item) for item in value]
        else:
            data[bound.html_name] = _text(value)
    return data


def admin_post_data(response) -> dict:
    """The POST data of an admin add or change page: the form and every inline formset as rendered."""
    data = form_post_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(form_post_data(formset.management_form))
        data[f"{formset.prefix}-TOTAL_FORMS"] = str(len(formset.initial_forms))
        for form in formset.initial_forms:
            data.update(form_post_data(form))
    return data
