"""Log-in throttling, request rate limits and the second factor's session bookkeeping (README, "Security
model").

- Failed log-ins are counted by django-axes per account and per address (``AXES_*`` settings);
  ``lockout_response`` is what a locked-out visitor sees: the log-in page with the waiting time.
- ``too_many_requests`` is a small fixed-window limiter on Django's cache for the pages that have no
  account to lock: the password reset form and the public verification page.
- ``SecondFactorMiddleware`` sends a user who logged in with a password but has not yet passed the second
  factor to the code page (or, for staff who must have one, to its set-up page) from every other page,
  the admin included.
"""

import math
import time
from urllib.parse import urlencode

from axes.helpers import get_client_ip_address, get_cool_off
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.forms import LoginForm
from accounts.rules import is_permas_staff

# The session remembers at log-in whether the user has a confirmed second-factor device, so that the
# middleware answers every later request without a query.
SESSION_HAS_DEVICE = "second_factor_device"


def minutes_text(seconds: float) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext("%(count)d menit", "%(count)d menit", minutes) % {"count": minutes}


def lockout_message(request) -> str:
    cool_off = get_cool_off(request)
    return _(
        "Terlalu banyak percobaan masuk yang gagal. Akun ini dikunci sementara: coba lagi dalam %(wait)s. "
        "Jika Anda lupa kata sandi, gunakan “Lupa kata sandi?” atau hubungi staf Dit Permas."
    ) % {"wait": minutes_text(cool_off.total_seconds() if cool_off else 0)}


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out account or address: the log-in page, with the waiting time."""

    class LockedOutForm(LoginForm):
        def clean(self):  # never tries the password again
            raise ValidationError(lockout_message(request), code="locked_out")

    form = LockedOutForm(request, data=request.POST or None)
    form.is_valid()
    return render(request, "registration/login.html", {"form": form}, status=429)


def too_many_requests(request, scope: str) -> int | None:
    """Count this request against ``settings.RATE_LIMITS[scope]`` (requests, seconds) for the client's
    address; the seconds to wait when it is over the limit, else None."""
    limit, period = settings.RATE_LIMITS[scope]
    now = time.time()
    window = int(now // period)
    key = f"ratelimit:{scope}:{get_client_ip_address(request)}:{window}"
    cache.add(key, 0, period)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, period)
        count = 1
    if count > limit:
        return max(1, int((window + 1) * period - now))
    return None


def rate_limited_response(request, wait: int):
    return render(
        request,
        "accounts/rate_limited.html",
        {"title": _("Terlalu banyak permintaan"), "wait": minutes_text(wait)},
        status=429,
    )


@receiver(user_logged_in)
def remember_second_factor(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        from django_otp import user_has_device

        request.session[SESSION_HAS_DEVICE] = user_has_device(user)


def second_factor_required(user) -> bool:
    return bool(settings.OTP_REQUIRED_FOR_STAFF and is_permas_staff(user))


class SecondFactorMiddleware:
    """After ``OTPMiddleware``: a password alone opens only the second-factor pages and log-out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect = self.redirect_for(request)
        return redirect or self.get_response(request)

    def redirect_for(self, request):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        exempt = (
            reverse("two_factor_verify"),
            reverse("two_factor_setup"),
            reverse("logout"),
            reverse("set_language"),
            settings.STATIC_URL,
        )
        if request.path.startswith(exempt):
            return None
        has_device = request.session.get(SESSION_HAS_DEVICE)
        if has_device is None:
            from django_otp import user_has_device

            has_device = request.session[SESSION_HAS_DEVICE] = user_has_device(user)
        if has_device:
            target = "two_factor_verify"
        elif second_factor_required(user):
            target = "two_factor_setup"
        else:
            return None
        return HttpResponseRedirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
