from assessments.models.announcements import Announcement, AnnouncementWitness
from assessments.models.attachments import RegionFile
from assessments.models.candidates import Candidate, CandidateEvent, RecordedResult
from assessments.models.evidence import Document, DocumentVersion, EvidenceDeadline
from assessments.models.framework import Component, Framework, Indicator, RubricLevel, ValueMapping
from assessments.models.monitoring import MonitoringRound, MonitoringScore
from assessments.models.objections import Objection, ObjectionPoint
from assessments.models.plenary import Plenary, PlenaryAttendee, PlenaryScore
from assessments.models.programme import PredicateBand, ProgrammeYear
from assessments.models.recommendations import Recommendation
from assessments.models.scoring import AssessmentStage, Score, ScoreChange, StageSubmission
from assessments.models.selfassessment import (
    RegionSchedule,
    SelfAssessment,
    SelfAssessmentContributor,
    SelfScore,
)
from assessments.models.stage_records import (
    FieldVisit,
    FieldVisitPhoto,
    Presentation,
    PresentationNote,
    QaAttendee,
    QaQuestion,
)
from assessments.models.teams import Assessment, DeclaredConflict, Recusal, Team, TeamMember

__all__ = [
    "Announcement",
    "AnnouncementWitness",
    "Assessment",
    "AssessmentStage",
    "Candidate",
    "CandidateEvent",
    "Component",
    "DeclaredConflict",
    "Document",
    "DocumentVersion",
    "EvidenceDeadline",
    "FieldVisit",
    "FieldVisitPhoto",
    "Framework",
    "Indicator",
    "MonitoringRound",
    "MonitoringScore",
    "Objection",
    "ObjectionPoint",
    "Plenary",
    "PlenaryAttendee",
    "PlenaryScore",
    "PredicateBand",
    "Presentation",
    "PresentationNote",
    "ProgrammeYear",
    "QaAttendee",
    "QaQuestion",
    "Recommendation",
    "RecordedResult",
    "Recusal",
    "RegionFile",
    "RegionSchedule",
    "RubricLevel",
    "Score",
    "ScoreChange",
    "SelfAssessment",
    "SelfAssessmentContributor",
    "SelfScore",
    "StageSubmission",
    "Team",
    "TeamMember",
    "ValueMapping",
]
