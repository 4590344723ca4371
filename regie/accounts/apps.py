from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "regie.accounts"
    verbose_name = _("Accounts en organisaties")

    def ready(self) -> None:
        # Connects the login, logout and lockout receivers (A6).
        from regie.accounts import signals  # noqa: F401
