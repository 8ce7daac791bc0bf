"""The admin of the assessments app, one module per concept; each registers its own models.

Every ModelAdmin is a door like the staff pages (README, "One door"): rows that only the services write
are read-only, and everything else saves, deletes and acts through the same service functions.
"""

from assessments.admin import (  # noqa: F401 (each module registers its models)
    announcements,
    candidates,
    evidence,
    framework,
    plenary,
    programme,
    region,
    scoring,
    stage_records,
    teams,
)
