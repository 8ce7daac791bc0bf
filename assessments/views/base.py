from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views import View

from accounts.mixins import PermissionMixin
from assessments.models import ProgrammeYear


class ProgrammeYearMixin:
    """Views under /program/<year>/: ``self.programme_year`` is the year of the URL."""

    def programme_years(self):
        """The queryset the year is looked up in; a view may load what it needs with it."""
        return ProgrammeYear.objects.all()

    def dispatch(self, request, *args, **kwargs):
        self.programme_year = get_object_or_404(self.programme_years(), year=kwargs["year"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(programme_year=self.programme_year, **kwargs)


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


class ServiceFormMixin:
    """A form view whose valid form is handed to ``perform(form)`` (a service call); a refused service
    shows its message on the form instead of a server error."""

    success_message = ""

    def form_valid(self, form):
        try:
            self.result = self.perform(form)
        except ValidationError as error:
            form.add_error(None, error_text(error))
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())


class ServiceActionView(PermissionMixin, View):
    """A button that runs one service (POST only) and goes back with its message."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            message = self.perform()
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, message)
        return HttpResponseRedirect(self.get_success_url())
