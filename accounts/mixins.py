from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404
from rules.contrib.views import PermissionRequiredMixin


class PermissionMixin(PermissionRequiredMixin):
    """The one permission check every view of the project goes through.

    Each view names its ``permission_required`` (a django-rules permission) and, where the permission
    depends on an object, overrides ``get_permission_object()``. A visitor who is not logged in is sent to
    the log-in page; a logged-in user without the permission gets 404, so an outsider cannot even learn
    that the object exists, unless the view sets ``deny_with = 403`` for readers who may see but not act.
    """

    permission_required: str = ""
    deny_with: int = 404

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
