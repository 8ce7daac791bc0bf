"""Who may do what: django-rules predicates for the three roles, and the permissions built on them."""

import rules

from accounts.enums import Role


@rules.predicate
def is_permas_staff(user) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_superuser or user.role == Role.STAFF))


@rules.predicate
def is_assessor(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == Role.ASSESSOR)


@rules.predicate
def is_inspector(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.role == Role.INSPECTOR
        and user.region_id is not None
    )


rules.add_perm("accounts.view_home", rules.is_authenticated)
rules.add_perm("accounts.view_staff_home", is_permas_staff)
rules.add_perm("accounts.view_assessor_home", is_assessor)
rules.add_perm("accounts.view_inspector_home", is_inspector)
rules.add_perm("accounts.use_admin", is_permas_staff)
# Everyone manages their own second factor (staff may not turn it off where it is required).
rules.add_perm("accounts.manage_second_factor", rules.is_authenticated)

# What Dit Permas staff may do, model by model: the Django permissions (``<app>.<action>_<model>``) that
# the staff pages and the admin check. This table is the whole list; a model missing here is invisible to
# staff. The ModelAdmins narrow it further per object (a frozen framework, a finalised plenary, a history
# row are read-only whatever this table says), always through the services (README, "One door").
# A third-party app shown in the admin (django-axes' lockouts, for instance) gets its rows here too, and its
# ModelAdmin follows the same rule: tests/test_admin_walk.py walks every registered ModelAdmin.
V, A, C, D = "view", "add", "change", "delete"
STAFF_PERMISSIONS: dict[str, tuple[str, ...]] = {
    # accounts: people are deactivated, never deleted (their name stays on what they did).
    "accounts.user": (V, A, C),
    # regions: the Kemendagri lists come from import_regions; criteria values and legal cases are
    # corrected on the region page, the criteria catalogue edited per programme year (through its service),
    # imports applied on their page.
    "regions.province": (V,),
    "regions.region": (V,),
    "regions.criterionvalue": (V, C),
    "regions.criterionvaluerevision": (V,),
    "regions.legalcase": (V, C),
    "regions.legalcaserevision": (V,),
    "regions.criterion": (V, A, C, D),
    "regions.criteriaimport": (V,),
    "regions.criteriaworkbook": (V,),
    # The screening's cache version: a counter only the criteria services raise; nothing for staff.
    "regions.screeningversion": (),
    # assessments: the programme year and its framework.
    "assessments.programmeyear": (V, A, C),
    "assessments.predicateband": (V, A, D),
    "assessments.framework": (V, C),
    "assessments.component": (V, A, C, D),
    "assessments.indicator": (V, A, C, D),
    "assessments.rubriclevel": (V, A, C, D),
    "assessments.valuemapping": (V, A, C, D),
    # Candidates move through their steps; the timeline is history.
    "assessments.candidate": (V, A, C),
    "assessments.candidateevent": (V,),
    "assessments.recordedresult": (V, A, C),
    # Teams, members, assessments and recusals.
    "assessments.team": (V, A, C),
    "assessments.teammember": (V, A, D),
    "assessments.assessment": (V, A, C),
    "assessments.recusal": (V, A),
    # Conflicts of interest staff know of (declare_conflict); never edited, the team page shows them.
    "assessments.declaredconflict": (V, A),
    # Scoring and stage records: written by the team; staff read them and open or close stages.
    "assessments.assessmentstage": (V,),
    "assessments.stagesubmission": (V,),
    "assessments.score": (V,),
    "assessments.scorechange": (V,),
    "assessments.fieldvisit": (V,),
    "assessments.fieldvisitphoto": (V,),
    "assessments.presentation": (V,),
    "assessments.presentationnote": (V,),
    "assessments.qaquestion": (V,),
    "assessments.qaattendee": (V,),
    # Evidence: uploaded by the region, reviewed by the team; staff set the deadlines.
    "assessments.document": (V,),
    "assessments.documentversion": (V,),
    "assessments.evidencedeadline": (V, A, C),
    # The plenary and the announcements: run on the plenary page; the admin reads them and issues PDFs.
    "assessments.plenary": (V,),
    "assessments.plenaryscore": (V,),
    "assessments.plenaryattendee": (V,),
    "assessments.announcement": (V,),
    "assessments.announcementwitness": (V,),
    # The region's side (issue 13): written on the /daerah/ pages through their services; the admin reads.
    "assessments.regionschedule": (V,),
    "assessments.selfassessment": (V,),
    "assessments.selfassessmentcontributor": (V,),
    "assessments.selfscore": (V,),
    "assessments.monitoringround": (V,),
    "assessments.monitoringscore": (V,),
    "assessments.recommendation": (V,),
    "assessments.regionfile": (V,),
    "assessments.objection": (V,),
    "assessments.objectionpoint": (V,),
    # Log-in security (README, "Security model"): lockouts are read and lifted with the "Buka kunci"
    # action (a service); second-factor devices are read (keys hidden), each user manages their own.
    "axes.accessattempt": (V,),
    "axes.accesslog": (V,),
    "otp_totp.totpdevice": (V,),
    "otp_static.staticdevice": (V,),
    # History: the audit trail and the issued documents are read, never changed.
    "audit.auditentry": (V,),
    "reports.issueddocument": (V,),
    # Documents: staff set the numbering pattern of each kind per year; documents made off the request.
    "reports.documentnumbering": (V, A, C),
    "reports.reportjob": (V,),
}
STAFF_APPS = sorted({model.split(".")[0] for model in STAFF_PERMISSIONS})


def _grant_staff_permissions() -> None:
    for model, actions in STAFF_PERMISSIONS.items():
        app_label, model_name = model.split(".")
        for action in actions:
            rules.add_perm(f"{app_label}.{action}_{model_name}", is_permas_staff)
    # django-rules answers ``user.has_module_perms(app_label)`` with the rule named by the app label: the
    # admin index lists an app only when it is true.
    for app_label in STAFF_APPS:
        rules.add_perm(app_label, is_permas_staff)


_grant_staff_permissions()
