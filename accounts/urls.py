from django.contrib.auth import views as auth_views
from django.urls import path

from accounts.forms import LoginForm
from accounts.views.home import HomeView
from accounts.views.security import ThrottledPasswordResetView
from accounts.views.two_factor import SecondFactorSetupView, SecondFactorStatusView, SecondFactorVerifyView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path(
        "akun/masuk/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("akun/keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/kata-sandi/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "akun/kata-sandi/selesai/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path("akun/reset/", ThrottledPasswordResetView.as_view(), name="password_reset"),
    path("akun/reset/terkirim/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "akun/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "akun/reset/selesai/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
    path("akun/dua-langkah/", SecondFactorStatusView.as_view(), name="two_factor"),
    path("akun/dua-langkah/pasang/", SecondFactorSetupView.as_view(), name="two_factor_setup"),
    path("akun/dua-langkah/masuk/", SecondFactorVerifyView.as_view(), name="two_factor_verify"),
]
