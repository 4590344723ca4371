"""Account pages under /account/ (A6). Login and logout keep their names "login" and
"logout" in regie/web/urls.py."""

from django.urls import URLPattern, URLResolver, path

from regie.accounts import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("contactgegevens/", views.contact, name="account-contact"),
    path("tweestaps/", views.two_factor, name="two-factor"),
    path("tweestaps/instellen/", views.two_factor_setup, name="two-factor-setup"),
    path("tweestaps/controleren/", views.two_factor_verify, name="two-factor-verify"),
    path("tweestaps/herstelcodes/", views.recovery_codes, name="two-factor-recovery-codes"),
    path(
        "tweestaps/herstelcodes/nieuw/",
        views.renew_recovery_codes,
        name="two-factor-renew-codes",
    ),
    path("tweestaps/uitzetten/", views.disable_two_factor, name="two-factor-disable"),
    path(
        "wijziging/<str:token>/",
        views.answer_account_change,
        name="account-change-confirm",
    ),
    path("wachtwoord-vergeten/", views.PasswordResetView.as_view(), name="password-reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        views.PasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path("wachtwoord-wijzigen/", views.PasswordChangeView.as_view(), name="password-change"),
    path(
        "wachtwoord-wijzigen/klaar/",
        views.PasswordChangeDoneView.as_view(),
        name="password-change-done",
    ),
]
