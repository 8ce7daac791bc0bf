from django.contrib.auth import views as auth_views

from accounts.security import rate_limited_response, too_many_requests


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, with a limit on the requests one address may send (each sends an e-mail).
    Open to everyone, as Django's own view."""

    public = True

    def post(self, request, *args, **kwargs):
        if wait := too_many_requests(request, "password_reset"):
            return rate_limited_response(request, wait)
        return super().post(request, *args, **kwargs)
