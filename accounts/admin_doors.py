"""What every ModelAdmin of the project shares: the admin is a door like any other (README, "One door").

A model whose changes have rules is either read-only in the admin (``ReadOnlyAdminMixin``) or its
``save_model``, ``delete_model``, ``save_formset`` and actions call the same service functions as the staff
pages (``ServiceAdminMixin``). A service that refuses raises ``ValidationError``: the admin view's own
transaction is rolled back, so nothing the request did stays. A refused add or change form is shown again
with what the user typed and the refusal as the form's error; a refused delete or action becomes an error
message on the page the user came from.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _


def error_text(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


class ReadOnlyAdminMixin:
    """Rows written only by the services (history, records, issued documents): the admin lists and shows
    them, nothing more, for everybody, superusers included."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
    show_change_link = False


class ServiceAdminMixin:
    """Saves and deletes go through services; a refusal becomes an error message and changes nothing.

    Subclasses implement ``save_model``/``delete_model``/``save_formset`` with service calls. Deleting
    several rows from the change list goes through ``delete_model`` one by one, so every row meets the same
    rule and leaves the same audit entry.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            # Django wraps this in the transaction that a refusal rolls back.
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            if request.method != "POST":
                raise
            # Render the posted form again (nothing is saved: the refusal makes it invalid), so the
            # user keeps what they typed and reads why it was refused above it.
            request.service_refusal = error
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, **kwargs)
        refusal = getattr(request, "service_refusal", None)
        if refusal is None:
            return form_class

        class RefusedForm(form_class):
            def clean(self):
                cleaned_data = super().clean()
                self.add_error(None, refusal.messages)
                return cleaned_data

        return RefusedForm

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as error:
            self.message_user(request, error_text(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            self.delete_model(request, obj)

    def changelist_view(self, request, extra_context=None):
        try:
            return super().changelist_view(request, extra_context)
        except ValidationError as error:
            self.message_user(request, error_text(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        raise NotImplementedError(f"{type(self).__name__} saves through a service: implement save_model().")

    def delete_model(self, request, obj):
        raise NotImplementedError(
            f"{type(self).__name__} deletes through a service: implement delete_model()."
        )


def run_service(modeladmin, request, queryset, call) -> None:
    """An admin action: ``call(obj, user)`` (a service, one transaction each) for every selected row;
    reports how many were done and how many refused."""
    done = refused = 0
    for obj in queryset:
        try:
            call(obj, request.user)
        except ValidationError:
            refused += 1
        else:
            done += 1
    modeladmin.message_user(
        request,
        _("%(done)d diproses, %(refused)d ditolak.") % {"done": done, "refused": refused},
        messages.SUCCESS if not refused else messages.WARNING,
    )
