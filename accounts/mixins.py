from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404
from rules.contrib.views import PermissionRequiredMixin


class PermissionMixin(PermissionRequiredMixin):
    """The one permission check every view of the project goes through.

    Each view names its ``permission_required`` (a django-rules permission) and, where the permission
    depends on an object, overrides ``get_permission_object()``. A logged-in user without the permission
    gets 404, so an outsider cannot even learn that the object exists, unless the view sets
    ``deny_with = 403`` for readers who may see but not act.

    A visitor who is not logged in is sent to the log-in page before the view looks anything up, so the
    answer is the same redirect whether the object in the URL exists or not (README, "Security model").
    Only the public pages (``open_to_anonymous = True``: the verification page, the pilots' page) run
    for them.
    """

    permission_required: str = ""
    deny_with: int = 404
    open_to_anonymous: bool = False

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        if cls.open_to_anonymous:
            return view

        @wraps(view)
        def logged_in_view(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            return view(request, *args, **kwargs)

        return logged_in_view

    def get_permission_required(self):
        if not self.permission_required:
            raise ImproperlyConfigured(f"{type(self).__name__} declares no permission_required.")
        return (self.permission_required,)

    def handle_no_permission(self):
        if not self.request.user.is_authenticated:
            return redirect_to_login(self.request.get_full_path())
        if self.deny_with == 403:
            raise PermissionDenied
        raise Http404
