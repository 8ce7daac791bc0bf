from assessments.models.candidates import Candidate, CandidateEvent
from assessments.models.framework import Component, Framework, Indicator, RubricLevel, ValueMapping
from assessments.models.programme import PredicateBand, ProgrammeYear
from assessments.models.teams import Assessment, Recusal, Team, TeamMember

__all__ = [
    "Assessment",
    "Candidate",
    "CandidateEvent",
    "Component",
    "Framework",
    "Indicator",
    "PredicateBand",
    "ProgrammeYear",
    "Recusal",
    "RubricLevel",
    "Team",
    "TeamMember",
    "ValueMapping",
]
