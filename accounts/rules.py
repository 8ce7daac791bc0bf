"""Who may do what: django-rules predicates for the three roles, and the permissions built on them."""

import rules
from django.apps import apps

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

# Dit Permas staff run the programme in the Django admin: they may add, change, delete and view every
# model of the project's own apps, except the audit trail, which they may only read.
STAFF_MANAGED_APPS = ("accounts", "regions", "assessments")
for app_label in STAFF_MANAGED_APPS:
    for model in apps.get_app_config(app_label).get_models():
        for action in ("add", "change", "delete", "view"):
            rules.add_perm(f"{app_label}.{action}_{model._meta.model_name}", is_permas_staff)
for model in apps.get_app_config("audit").get_models():
    rules.add_perm(f"audit.view_{model._meta.model_name}", is_permas_staff)
