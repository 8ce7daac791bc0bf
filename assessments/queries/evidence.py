"""Read-only queries of the evidence locker: documents per indicator, workspaces, overviews."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Subquery, When

from antikorupsi.compiled import compiled_query
from assessments.enums import (
    EVIDENCE_STATUSES,
    EvidenceStatus,
    IndicatorSource,
    TeamRole,
)
from assessments.models import (
    Assessment,
    Candidate,
    Document,
    DocumentVersion,
    EvidenceDeadline,
    Indicator,
    ProgrammeYear,
)
from assessments.queries.programme import assessments_for_assessor, indicators_by_component

# Chair first, then secretary, then members.
ROLE_ORDER = Case(When(role=TeamRole.CHAIR, then=0), When(role=TeamRole.SECRETARY, then=1), default=2)


def _documents_by_indicator(candidate_id: int) -> dict[int, list[Document]]:
    links = (
        Document.indicators.through.objects.filter(document__candidate_id=candidate_id)
        .select_related("document__current_version")
        .order_by("document__title", "document_id")
    )
    documents: dict[int, Document] = {}
    result: dict[int, list[Document]] = {}
    for link in links:
        document = documents.setdefault(link.document_id, link.document)
        result.setdefault(link.indicator_id, []).append(document)
    return result


def evidence_by_indicator(assessment: Assessment) -> dict[int, list[Document]]:
    """Indicator id -> the candidate's documents linked to it, by title, each with ``current_version``
    (file name, type, size, review status and note) loaded. One query; a document linked to several
    indicators is the same object in each list. Indicators without evidence are absent."""
    return _documents_by_indicator(assessment.candidate_id)


def evidence_lines_by_indicator(assessment: Assessment) -> dict[int, list[Document]]:
    """``evidence_by_indicator`` for the scoring page, whose rows list each document as one line
    (``templatetags.scoring.indicator_evidence``): ``document_lines`` of the assessment's candidate."""
    return document_lines(assessment.candidate_id)


# What a document's line shows of it and of its current version (``document_lines``).
_LINE_DOCUMENT = ("id", "candidate_id", "title", "current_version_id")
_LINE_VERSION = ("id", "document_id", "number", "size", "content_type", "review_status")


@compiled_query
def document_links(p):
    """The candidate's (``p.candidate``) document-indicator links by document title, each as (indicator
    id, document id, title, current version id, its number, size, type and review status; the version's
    columns None without one). One query, compiled once (``antikorupsi.compiled``)."""
    return (
        Document.indicators.through.objects.filter(document__candidate_id=p.candidate)
        .order_by("document__title", "document_id")
        .values_list(
            "indicator_id",
            "document_id",
            "document__title",
            "document__current_version_id",
            "document__current_version__number",
            "document__current_version__size",
            "document__current_version__content_type",
            "document__current_version__review_status",
        )
    )


def document_lines(candidate_id: int) -> dict[int, list[Document]]:
    """``evidence_by_indicator`` for the pages that list each document as one line (the scoring page,
    the inspector's workspace): read as values, each document and its current version made once, with
    only what the line shows (title; version number, size, type, review status). The other fields are
    deferred, as ``QuerySet.only()`` leaves them (made that way, an instance costs a third of one made
    with keyword arguments, issue 14): a page that shows more asks ``evidence_by_indicator``. One
    query (``document_links``)."""
    documents: dict[int, Document] = {}
    result: dict[int, list[Document]] = {}
    db = Document.objects.db
    for indicator_id, document_id, title, version_id, number, size, content_type, status in document_links(
        candidate=candidate_id
    ):
        document = documents.get(document_id)
        if document is None:
            document = documents[document_id] = Document.from_db(
                db, _LINE_DOCUMENT, (document_id, candidate_id, title, version_id)
            )
            if version_id is not None:
                version = DocumentVersion.from_db(
                    db, _LINE_VERSION, (version_id, document_id, number, size, content_type, status)
                )
                Document.current_version.field.set_cached_value(document, version)
        result.setdefault(indicator_id, []).append(document)
    return result


def _deadlines(candidate, programme_year) -> QuerySet[EvidenceDeadline]:
    """The deadlines that apply to a candidacy, the one that counts first: its own, else its programme
    year's. ``candidate`` and ``programme_year`` are keys or ``OuterRef``s."""
    return EvidenceDeadline.objects.filter(
        Q(candidate=candidate) | Q(programme_year=programme_year, candidate__isnull=True)
    ).order_by(F("candidate").asc(nulls_last=True))


def evidence_deadline(candidate: Candidate) -> EvidenceDeadline | None:
    """The candidate's own evidence deadline, else its programme year's, else None."""
    return _deadlines(candidate.pk, candidate.programme_year_id).first()


def with_evidence_due_on(candidates: QuerySet[Candidate]) -> QuerySet[Candidate]:
    """``candidates`` with ``evidence_due_on``, the date of their ``evidence_deadline`` (None without
    one), read in their own query: a workspace of such a candidate reads no deadline (issue 14)."""
    deadlines = _deadlines(OuterRef("pk"), OuterRef("programme_year"))
    return candidates.annotate(evidence_due_on=Subquery(deadlines.values("due_on")[:1]))


def _evidence_due_on(candidate: Candidate) -> date | None:
    if hasattr(candidate, "evidence_due_on"):  # with_evidence_due_on
        return candidate.evidence_due_on
    deadline = evidence_deadline(candidate)
    return deadline.due_on if deadline is not None else None


@dataclass
class IndicatorEvidence:
    indicator: Indicator
    documents: list[Document]

    @property
    def needs_evidence(self) -> bool:
        return self.indicator.source == IndicatorSource.ASSESSORS

    @property
    def accepted(self) -> bool:
        return any(document.status == EvidenceStatus.ACCEPTED for document in self.documents)


@dataclass
class EvidenceWorkspace:
    candidate: Candidate
    rows: list[IndicatorEvidence]
    documents: list[Document]
    due_on: date | None  # the last day for uploads (``evidence_deadline``), None when none is set
    today: date

    @property
    def required(self) -> list[IndicatorEvidence]:
        return [row for row in self.rows if row.needs_evidence]

    @property
    def covered_count(self) -> int:
        return sum(1 for row in self.required if row.documents)

    @property
    def accepted_count(self) -> int:
        return sum(1 for row in self.required if row.accepted)

    @property
    def completeness(self) -> int:
        """Percent of the indicators scored by the assessors that have at least one document."""
        required = len(self.required)
        return round(100 * self.covered_count / required) if required else 100

    @property
    def days_left(self) -> int | None:
        return (self.due_on - self.today).days if self.due_on is not None else None

    def count(self, status: str) -> int:
        return sum(1 for document in self.documents if document.status == status)

    @property
    def waiting_count(self) -> int:
        return self.count(EvidenceStatus.WAITING)

    @property
    def revision_count(self) -> int:
        return self.count(EvidenceStatus.REVISION)


def evidence_workspace(candidate: Candidate, today: date) -> EvidenceWorkspace:
    """Every indicator of the candidate's framework (in order, with its component) and its documents
    (``document_lines``: what the workspace's lines show), the deadline and the counts of the workspace.
    One query for the documents; the indicators come from the kept framework tree once it is published
    (one query for a draft), the deadline from ``with_evidence_due_on`` when the candidate has it (one
    query otherwise). ``candidate.programme_year.framework`` is best loaded with the candidate."""
    return _workspace(candidate, document_lines(candidate.pk), today)


def _workspace(candidate: Candidate, by_indicator: dict[int, list], today: date) -> EvidenceWorkspace:
    """The workspace of ``candidate`` from its documents per indicator: the year's indicators, each with
    its documents, the documents once each by title, and the deadline."""
    rows = [
        IndicatorEvidence(indicator, by_indicator.get(indicator.pk, []))
        for indicator in _year_indicators(candidate)
    ]
    documents = {document.pk: document for row in rows for document in row.documents}
    return EvidenceWorkspace(
        candidate=candidate,
        rows=rows,
        documents=sorted(documents.values(), key=lambda document: (document.title, document.pk)),
        due_on=_evidence_due_on(candidate),
        today=today,
    )


def _year_indicators(candidate: Candidate) -> list[Indicator]:
    try:
        framework = candidate.programme_year.framework
    except ObjectDoesNotExist:
        return []
    return indicators_by_component(framework)


@dataclass(frozen=True)
class DocumentState:
    """What a workspace's counts read of a document: its key, title (the order) and review status."""

    pk: int
    title: str
    status: str


def evidence_summaries(candidates: list[Candidate], today: date) -> list[EvidenceWorkspace]:
    """``evidence_workspace`` of each candidate, for pages that show only its counts, completeness and
    deadline (the inspector's home): the documents of them all in one query, each read as a
    ``DocumentState`` (issue 14)."""
    links = (
        Document.indicators.through.objects.filter(
            document__candidate_id__in=[candidate.pk for candidate in candidates]
        )
        .order_by("document__title", "document_id")
        .values_list(
            "document__candidate_id",
            "indicator_id",
            "document_id",
            "document__title",
            "document__current_version__review_status",
        )
    )
    documents: dict[int, DocumentState] = {}
    by_candidate: dict[int, dict[int, list[DocumentState]]] = {candidate.pk: {} for candidate in candidates}
    for candidate_id, indicator_id, document_id, title, status in links:
        document = documents.get(document_id)
        if document is None:
            document = documents[document_id] = DocumentState(
                document_id, title, status or EvidenceStatus.WAITING
            )
        by_candidate[candidate_id].setdefault(indicator_id, []).append(document)
    return [_workspace(candidate, by_candidate[candidate.pk], today) for candidate in candidates]


def candidacies_with_evidence(region_id: int) -> QuerySet[Candidate]:
    """A region's candidacies from designation on (the inspector's workspaces), newest year first, each
    with its programme year and framework, its self-assessment, ``evidence_due_on``
    (``with_evidence_due_on``), ``plenary_id`` (None without a plenary; a join, cheaper to build than an
    EXISTS) and ``has_monitoring_rounds``."""
    from assessments.models import MonitoringRound

    return with_evidence_due_on(
        Candidate.objects.filter(region_id=region_id, status__in=EVIDENCE_STATUSES)
        .select_related("programme_year__framework", "self_assessment")
        .annotate(
            plenary_id=F("assessment__plenary__id"),
            has_monitoring_rounds=Exists(MonitoringRound.objects.filter(candidate=OuterRef("pk"))),
        )
        .order_by("-programme_year__year")
    )


def evidence_overview(programme_year: ProgrammeYear) -> QuerySet[Candidate]:
    """The year's candidates from designation on, each with ``covered_count`` (indicators scored by the
    assessors that have a document), ``waiting_count``, ``revision_count``, ``accepted_count`` and
    ``document_count`` (documents by the status of their current version) and its own ``own_due_on``."""
    documents = "evidence_documents"
    status = f"{documents}__current_version__review_status"
    return (
        Candidate.objects.filter(programme_year=programme_year, status__in=EVIDENCE_STATUSES)
        .select_related("region__province")
        .annotate(
            covered_count=Count(
                f"{documents}__indicators",
                filter=Q(**{f"{documents}__indicators__source": IndicatorSource.ASSESSORS}),
                distinct=True,
            ),
            document_count=Count(documents, distinct=True),
            waiting_count=Count(documents, filter=Q(**{status: EvidenceStatus.WAITING}), distinct=True),
            revision_count=Count(documents, filter=Q(**{status: EvidenceStatus.REVISION}), distinct=True),
            accepted_count=Count(documents, filter=Q(**{status: EvidenceStatus.ACCEPTED}), distinct=True),
            own_due_on=F("evidence_deadline__due_on"),
        )
        .order_by("region__code")
    )


def required_evidence_count(programme_year: ProgrammeYear) -> int:
    """How many indicators of the year's framework are scored by the assessors (and so need evidence)."""
    return Indicator.objects.filter(
        framework__programme_year=programme_year, source=IndicatorSource.ASSESSORS
    ).count()


def year_evidence_deadline(programme_year: ProgrammeYear) -> EvidenceDeadline | None:
    return EvidenceDeadline.objects.filter(programme_year=programme_year, candidate__isnull=True).first()


def evidence_for_assessor(user) -> QuerySet[Assessment]:
    """The assessor's assessments (not recused) with ``document_count``, ``waiting_count`` and
    ``revision_count`` of the candidate's evidence."""
    status = "candidate__evidence_documents__current_version__review_status"
    return (
        assessments_for_assessor(user)
        .select_related("candidate__region", "candidate__programme_year", "team")
        .annotate(
            document_count=Count("candidate__evidence_documents", distinct=True),
            waiting_count=Count(
                "candidate__evidence_documents", filter=Q(**{status: EvidenceStatus.WAITING}), distinct=True
            ),
            revision_count=Count(
                "candidate__evidence_documents", filter=Q(**{status: EvidenceStatus.REVISION}), distinct=True
            ),
        )
        .order_by("starts_on", "pk")
    )
