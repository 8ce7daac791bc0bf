"""Every view of the project declares its permission (Kiwi TCMS's lint, as a test)."""

import inspect

from django.contrib.admin import ModelAdmin
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.mixins import PermissionMixin

# Django's own views (log-in, password reset, language switch, the admin) guard themselves.
DJANGO_MODULES = "django."


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def test_every_project_view_declares_a_permission():
    missing = []
    checked = 0
    for route, callback in walk(get_resolver().url_patterns):
        view_class = getattr(callback, "view_class", None)
        module = (view_class or callback).__module__
        if module.startswith(DJANGO_MODULES) or getattr(view_class, "public", False):
            continue
        if view_class is None and isinstance(getattr(inspect.unwrap(callback), "__self__", None), ModelAdmin):
            continue  # a ModelAdmin's own view (ours wrap Django's): has_*_permission decide (test_admin_walk)

        checked += 1
        if not (view_class and issubclass(view_class, PermissionMixin) and view_class.permission_required):
            missing.append(f"{route} ({module})")

    assert missing == []
    assert checked >= 6
