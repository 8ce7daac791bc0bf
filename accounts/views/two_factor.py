"""Two-step verification: the status page, setting up an authenticator app (QR code), and the code asked
after the password."""

from base64 import b32encode
from binascii import unhexlify
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from accounts import services
from accounts.forms import SecondFactorForm
from accounts.mixins import PermissionMixin
from accounts.security import SESSION_HAS_DEVICE, second_factor_required

SESSION_SETUP_KEY = "second_factor_setup_key"


def safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


class SecondFactorStatusView(PermissionMixin, TemplateView):
    permission_required = "accounts.manage_second_factor"
    template_name = "accounts/two_factor/status.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            title=_("Verifikasi dua langkah"),
            enabled=user_has_device(user),
            required=second_factor_required(user),
            **kwargs,
        )

    def post(self, request):
        """Turn it off (not for staff, who must keep it)."""
        try:
            services.disable_second_factor(request.user, by=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            request.session[SESSION_HAS_DEVICE] = False
            messages.success(request, _("Verifikasi dua langkah dimatikan."))
        return HttpResponseRedirect(reverse("two_factor"))


class SecondFactorSetupView(PermissionMixin, FormView):
    """Scan the QR code (or type the secret) into an authenticator app, then confirm with one code. The
    secret lives in the session until it is confirmed, so showing the page stores nothing."""

    permission_required = "accounts.manage_second_factor"
    template_name = "accounts/two_factor/setup.html"
    form_class = SecondFactorForm

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            if user.is_verified():
                messages.info(request, _("Verifikasi dua langkah sudah aktif."))
                return HttpResponseRedirect(reverse("two_factor"))
            # Set up from another session meanwhile: this one now asks for the code.
            request.session[SESSION_HAS_DEVICE] = True
            query = urlencode({"next": safe_next(request, reverse("home"))})
            return HttpResponseRedirect(f"{reverse('two_factor_verify')}?{query}")
        return super().dispatch(request, *args, **kwargs)

    def key(self) -> str:
        key = self.request.session.get(SESSION_SETUP_KEY)
        if not key:
            key = self.request.session[SESSION_SETUP_KEY] = default_key()
        return key

    def get_context_data(self, **kwargs):
        key = self.key()
        device = TOTPDevice(user=self.request.user, key=key, name="")
        secret = b32encode(unhexlify(key)).decode()
        return super().get_context_data(
            title=_("Pasang verifikasi dua langkah"),
            qr_svg=segno.make(device.config_url, error="m").svg_inline(scale=4, title=_("Kode QR")),
            secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            required=second_factor_required(self.request.user),
            next=safe_next(self.request, ""),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            device, codes = services.enable_second_factor(
                self.request.user, key=self.key(), token=form.cleaned_data["code"]
            )
        except ValidationError as error:
            form.add_error("code", error_text(error))
            return self.form_invalid(form)
        del self.request.session[SESSION_SETUP_KEY]
        self.request.session[SESSION_HAS_DEVICE] = True
        otp_login(self.request, device)
        return self.response_class(
            request=self.request,
            template="accounts/two_factor/recovery_codes.html",
            context={
                "title": _("Kode pemulihan"),
                "codes": codes,
                "next": safe_next(self.request, reverse("home")),
            },
            using=self.template_engine,
        )


class SecondFactorVerifyView(PermissionMixin, FormView):
    """The code asked after the password, for every user who has turned the second factor on."""

    permission_required = "accounts.manage_second_factor"
    template_name = "accounts/two_factor/verify.html"
    form_class = SecondFactorForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Verifikasi dua langkah"), next=safe_next(self.request, ""), **kwargs
        )

    def form_valid(self, form):
        device = services.verify_second_factor(self.request.user, form.cleaned_data["code"])
        if device is None:
            form.add_error(
                "code",
                _(
                    "Kode salah atau sudah dipakai. Setelah beberapa kode salah, tunggu sebentar sebelum mencoba lagi."
                ),
            )
            return self.form_invalid(form)
        otp_login(self.request, device)
        return HttpResponseRedirect(safe_next(self.request, settings.LOGIN_REDIRECT_URL and reverse("home")))
