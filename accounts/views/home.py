from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views import View

from accounts.enums import Role
from accounts.mixins import PermissionMixin

HOME_BY_ROLE = {Role.STAFF: "staff_home", Role.ASSESSOR: "assessor_home", Role.INSPECTOR: "inspector_home"}


class HomeView(PermissionMixin, View):
    """After log-in every role lands on its own home page (the pages themselves live in assessments)."""

    permission_required = "accounts.view_home"

    def get(self, request):
        role = Role.STAFF if request.user.is_superuser else request.user.role
        return HttpResponseRedirect(reverse(HOME_BY_ROLE[role]))
