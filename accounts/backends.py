from django.contrib.auth.backends import ModelBackend

from accounts.models import User
from antikorupsi.compiled import Columns, compiled_query

_USER = Columns(User)


@compiled_query
def _user(p):
    return User._default_manager.filter(pk=p.pk).values_list(*_USER.names)


class PasswordBackend(ModelBackend):
    """Logs users in by username and password; permissions come from django-rules alone.

    The database permission tables are not used, so checking a permission a user lacks costs no query.
    The user of a request's session is read by a query compiled once (``antikorupsi.compiled``), as
    ``ModelBackend.get_user`` reads it otherwise.
    """

    def get_user(self, user_id):
        rows = _user(pk=user_id)
        if not rows:
            return None
        user = _USER.instance(rows[0])
        return user if self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        return set()
