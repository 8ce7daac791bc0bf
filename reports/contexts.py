"""The five reports: for each, a function that builds its ``Report`` (template, context, what the public
verification page may say about it). The views, the admin and the benchmark all call these same functions
and hand the result to ``reports.services.issuing.issue_pdf``; the templates only render."""

from __future__ import annotations

import functools
from decimal import Decimal

from django.utils import translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from assessments.enums import AnnouncementKind, CandidateStatus, SubmissionStatus, TeamRole
from assessments.models import Announcement, Candidate, Plenary, ProgrammeYear
from assessments.queries.plenary import final_announcement, frozen_result, plenary_result
from assessments.queries.region import recommendations_for
from assessments.queries.results import by_total, stated_result, summary_candidates
from reports.enums import DocumentKind
from reports.services.issuing import Report


def indonesian(build):
    """Reports are built in Indonesian whatever the request's language: the PDF and what the verification
    page states (compared with a stored document's statements) must not depend on the reader."""

    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        with translation.override("id"):
            return build(*args, **kwargs)

    return wrapper


def fmt(value: Decimal | None) -> str:
    """92,15: two decimals with a decimal comma."""
    return "" if value is None else number_format(value, 2)


def _subject(candidate: Candidate) -> str:
    return f"{candidate.region.full_name}, {candidate.programme_year.name}"


def _decision(laik: bool | None) -> str:
    return _("Laik") if laik else _("Belum laik")


def objection_summary(plenary: Plenary) -> dict:
    """What the final announcement says about the region's objection (issue 13)."""
    from assessments.enums import ObjectionAnswer
    from assessments.models import Objection

    objection = Objection.objects.filter(plenary=plenary).prefetch_related("points").first()
    if objection is None:
        return {"filed": False}
    answers = [point.answer for point in objection.points.all()]
    return {
        "filed": True,
        "filed_on": objection.filed_at,
        "answered_on": objection.answered_at,
        "accepted": answers.count(ObjectionAnswer.ACCEPTED),
        "rejected": answers.count(ObjectionAnswer.REJECTED),
    }


@indonesian
def announcement_report(announcement: Announcement) -> Report:
    """Pengumuman hasil penilaian sementara / akhir."""
    plenary = announcement.plenary
    candidate = plenary.assessment.candidate
    provisional = announcement.kind == AnnouncementKind.PROVISIONAL
    kind = DocumentKind.PROVISIONAL_ANNOUNCEMENT if provisional else DocumentKind.FINAL_ANNOUNCEMENT
    result = frozen_result(plenary, announcement.inputs)
    feeds = [row.input.feed for row in result.indicators if row.input.feed is not None]
    previous = None
    supersedes = ()
    if not provisional:
        previous = plenary.announcements.filter(kind=AnnouncementKind.PROVISIONAL).first()
        if previous is not None:
            supersedes = ((DocumentKind.PROVISIONAL_ANNOUNCEMENT, f"announcement:{previous.pk}"),)
    title = str(kind.label)
    return Report(
        kind=kind,
        template_name="reports/announcement.html",
        context={
            "announcement": announcement,
            "candidate": candidate,
            "region": candidate.region,
            "programme_year": candidate.programme_year,
            "result": result,
            "provisional": provisional,
            "previous": previous,
            "feeds": feeds,
            "witnesses": list(announcement.witnesses.all()),
            "decision": _decision(announcement.laik),
            "objection": None if provisional else objection_summary(plenary),
        },
        title=title,
        subject=_subject(candidate),
        statements=[
            (_("Daerah"), candidate.region.full_name),
            (_("Tahun program"), candidate.programme_year.name),
            (_("Nilai total"), fmt(announcement.total)),
            (_("Predikat"), announcement.predicate or "-"),
            (_("Keputusan"), _decision(announcement.laik)),
            (_("Tanggal pengumuman"), date_format(announcement.announced_on)),
            (_("Tempat"), announcement.place),
            (_("Diumumkan oleh"), f"{announcement.official_name}, {announcement.official_position}"),
        ],
        source=f"announcement:{announcement.pk}",
        supersedes=supersedes,
    )


def _status_word(result) -> str:
    """ "sementara" or "akhir", from the status of the MCP/MCSP value the result used (never both)."""
    return _("sementara") if result.is_provisional else _("akhir")


def _final_statement(final: Announcement | None) -> list[tuple[str, str]]:
    if final is None:
        return []
    return [(_("Sumber nilai"), _("Pengumuman akhir %(day)s") % {"day": date_format(final.announced_on)})]


ROLE_ORDER = {TeamRole.CHAIR: 0, TeamRole.SECRETARY: 1, TeamRole.MEMBER: 2}


def signers(assessment, attendees) -> list[dict]:
    """The berita acara's signature blocks: the chair, the secretary and every other team member present
    (matched by name with the attendance), with institution and position."""
    recused = set(assessment.recusals.values_list("user_id", flat=True))
    members = {
        member.user.name: member
        for member in assessment.team.members.select_related("user")
        if member.user_id not in recused
    }
    present = [(members[attendee.name], attendee) for attendee in attendees if attendee.name in members]
    present.sort(key=lambda pair: (ROLE_ORDER.get(pair[0].role, 3), pair[1].order))
    return [
        {
            "role": {TeamRole.CHAIR: _("Ketua Tim"), TeamRole.SECRETARY: _("Sekretaris")}.get(
                member.role, _("Anggota")
            ),
            "name": attendee.name,
            "position": attendee.position,
            "institution": attendee.institution or member.user.get_institution_display(),
        }
        for member, attendee in present
    ]


@indonesian
def plenary_record_report(plenary: Plenary) -> Report:
    """Berita acara rapat pleno, with attendance and signature blocks."""
    assessment = plenary.assessment
    candidate = assessment.candidate
    result = plenary_result(plenary)
    attendees = list(plenary.attendees.all())
    agreed = list(plenary.scores.select_related("indicator").order_by("indicator__order"))
    final = final_announcement(plenary)
    return Report(
        kind=DocumentKind.PLENARY_RECORD,
        template_name="reports/plenary_record.html",
        context={
            "plenary": plenary,
            "assessment": assessment,
            "candidate": candidate,
            "region": candidate.region,
            "programme_year": candidate.programme_year,
            "result": result,
            "attendees": attendees,
            "signers": signers(assessment, attendees),
            "reasons": [score for score in agreed if score.reason],
            "decision": _decision(result.laik),
            "status_word": _status_word(result),
            "final": final,
        },
        title=str(DocumentKind.PLENARY_RECORD.label),
        subject=_subject(candidate),
        statements=[
            (_("Daerah"), candidate.region.full_name),
            (_("Tim penilai"), assessment.team.name),
            (_("Tanggal rapat"), date_format(plenary.held_on) if plenary.held_on else "-"),
            (_("Nilai total"), f"{fmt(result.total)} ({_status_word(result)})"),
            (_("Predikat"), result.predicate or "-"),
            (_("Status"), plenary.get_status_display()),
            *_final_statement(final),
        ],
        source=f"plenary:{plenary.pk}",
        draft=not plenary.is_finalised,
    )


@indonesian
def score_report(plenary: Plenary) -> Report:
    """The region's score report: components and indicators with weights and scores, a chart of the
    components, the assessors' submitted stage notes and the recommendations for improvement. It shows the
    assessors' notes, so only readers who may see colleagues' scores get it (``SHOWS_ASSESSOR_SCORES``)."""
    from assessments.models import Score

    assessment = plenary.assessment
    candidate = assessment.candidate
    result = plenary_result(plenary)
    final = final_announcement(plenary)
    notes = (
        Score.objects.filter(
            submission__stage__assessment=assessment, submission__status=SubmissionStatus.SUBMITTED
        )
        .exclude(note="")
        .select_related("indicator", "submission__stage")
        .order_by("submission__stage__stage", "indicator__order", "pk")
    )
    stage_notes: dict[str, list] = {}
    for score in notes:
        stage_notes.setdefault(score.submission.stage.get_stage_display(), []).append(score)
    return Report(
        kind=DocumentKind.SCORE_REPORT,
        template_name="reports/score_report.html",
        context={
            "plenary": plenary,
            "assessment": assessment,
            "candidate": candidate,
            "region": candidate.region,
            "programme_year": candidate.programme_year,
            "result": result,
            "stage_notes": stage_notes,
            "decision": _decision(result.laik),
            "tracked_recommendations": list(recommendations_for(candidate)),
            "status_word": _status_word(result),
            "final": final,
        },
        title=str(DocumentKind.SCORE_REPORT.label),
        subject=_subject(candidate),
        statements=[
            (_("Daerah"), candidate.region.full_name),
            (_("Nilai total"), f"{fmt(result.total)} ({_status_word(result)})"),
            (_("Predikat"), result.predicate or "-"),
            *[(component.name, fmt(component.shown_subtotal)) for component in result.components],
            *_final_statement(final),
        ],
        source=f"plenary:{plenary.pk}",
        draft=not plenary.is_finalised,
    )


# The plenary's two reports by URL slug (staff pages and admin buttons).
PLENARY_REPORTS = {"berita-acara": plenary_record_report, "laporan-nilai": score_report}
# The reports that show what the assessors wrote in their stages: read under the hidden-scores rule
# (``assessments.see_colleague_scores``).
SHOWS_ASSESSOR_SCORES = {"laporan-nilai"}


def year_rows(programme_year: ProgrammeYear) -> list[dict]:
    """Every assessed region of the year (a finalised plenary here) and every provisionally announced,
    pilot, inaugurated or revoked one, ranked (constant number of queries). The figures are the final
    announcement's, else the provisional one's, else the plenary's, else the result staff recorded from
    outside the system (``assessments.queries.results.stated_result``); a region whose score was not
    published comes last, without a rank."""
    rows = []
    for candidate in summary_candidates(programme_year):
        stated = stated_result(candidate, include_plenary=True)
        assessment = getattr(candidate, "assessment", None)
        rows.append(
            {
                "region": candidate.region,
                "province": candidate.region.province,
                "team": assessment.team.name if assessment is not None else "",
                "total": stated.total,
                "predicate": stated.predicate,
                "laik": stated.laik,
                "final": stated.final,
                "published": stated.published,
                "status": candidate.get_status_display(),
                "revoked_on": candidate.revoked_on if candidate.status == CandidateStatus.REVOKED else None,
                "_key": by_total(stated, candidate.region.code),
            }
        )
    rows.sort(key=lambda row: row.pop("_key"))
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank if row["published"] else None
    return rows


@indonesian
def year_summary_report(programme_year: ProgrammeYear) -> Report:
    """Rekapitulasi: every assessed region of the year, ranked, with totals, predicates and status."""
    rows = year_rows(programme_year)
    laik = sum(1 for row in rows if row["laik"])
    return Report(
        kind=DocumentKind.YEAR_SUMMARY,
        template_name="reports/year_summary.html",
        context={
            "programme_year": programme_year,
            "rows": rows,
            "laik_count": laik,
            "any_provisional": any(row["published"] and not row["final"] for row in rows),
        },
        title=str(DocumentKind.YEAR_SUMMARY.label),
        subject=programme_year.name,
        statements=[
            (_("Tahun program"), programme_year.name),
            (_("Daerah yang dinilai"), str(len(rows))),
            (_("Daerah laik"), str(laik)),
        ],
        source=f"programmeyear:{programme_year.pk}",
    )
