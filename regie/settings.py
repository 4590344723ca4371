"""Regie settings. Development defaults need no set-up; production (REGIE_ENVIRONMENT=
production) refuses to start with the development secret key."""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from regie.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

ENVIRONMENT = env_str(
    "REGIE_ENVIRONMENT", "development", help_text="development, test or production."
)
if ENVIRONMENT not in {"development", "test", "production"}:
    raise ImproperlyConfigured("REGIE_ENVIRONMENT must be development, test or production.")
PRODUCTION = ENVIRONMENT == "production"

_DEV_SECRET_KEY = "development-only-secret-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET_KEY, help_text="Django's signing key.")
if PRODUCTION and SECRET_KEY == _DEV_SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY: production refuses the development key.")

DEBUG = env_bool("DEBUG", not PRODUCTION, help_text="Show debug pages; never in production.")
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS",
    [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"],
    help_text="Comma-separated host names the app answers to.",
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "regie.accounts",
    "regie.catalog",
    "regie.families",
    "regie.plans",
    "regie.access",
    "regie.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "regie.urls"
WSGI_APPLICATION = "regie.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_env = environ.Env()
DATABASES = {
    "default": _env.db_url_config(
        env_str(
            "DATABASE_URL",
            f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
            help_text="Database URL; SQLite by default, postgres://user@host/db in production.",
        )
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "regie" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend",
    help_text="Django mail backend; console in development.",
)
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "regie@example.org", help_text="Sender of Regie's e-mail."
)

# Domain settings (DESIGN.md §3–§4).
REGIE_MAX_PROFESSIONALS_AT_TABLE = env_int(
    "REGIE_MAX_PROFESSIONALS_AT_TABLE",
    3,
    minimum=1,
    help_text="R17: warn when more professionals than this take part in one meeting.",
)
REGIE_DECISION_TERM_WEEKS = env_int(
    "REGIE_DECISION_TERM_WEEKS",
    8,
    minimum=1,
    help_text="R15: legal decision term for an application (Awb art. 4:13).",
)
REGIE_RETENTION_YEARS = env_int(
    "REGIE_RETENTION_YEARS",
    20,
    minimum=1,
    help_text="A8: years a closed plan is kept after help ended.",
)
REGIE_AUDIT_KEY = env_str(
    "REGIE_AUDIT_KEY",
    "development-only-audit-key",
    help_text="A5: key of the access log's hash chain; keep it outside the database.",
)
if PRODUCTION and REGIE_AUDIT_KEY == "development-only-audit-key":
    raise ImproperlyConfigured("Set REGIE_AUDIT_KEY: production refuses the development key.")
REGIE_INVITATION_DAYS = env_int(
    "REGIE_INVITATION_DAYS",
    14,
    minimum=1,
    help_text="A6: days an invitation link for a family or network member stays valid.",
)
REGIE_BASE_URL = env_str(
    "REGIE_BASE_URL",
    "http://127.0.0.1:8000",
    help_text="Address of Regie as people reach it, for links in e-mail.",
)
