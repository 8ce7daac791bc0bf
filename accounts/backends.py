from django.contrib.auth.backends import ModelBackend


class PasswordBackend(ModelBackend):
    """Logs users in by username and password; permissions come from django-rules alone.

    The database permission tables are not used, so checking a permission a user lacks costs no query.
    """

    def get_all_permissions(self, user_obj, obj=None):
        return set()
