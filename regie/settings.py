"""Regie settings. Development defaults need no set-up; production (REGIE_ENVIRONMENT=
production) refuses to start with DEBUG on, the development secret key, an audit key under
32 bytes, without the second factor, with HSTS under a year, or without saying how many
proxies stand in front of it; it sets HTTPS-only `__Host-` cookies."""

import datetime
import os
import re
from pathlib import Path

import environ
from csp.constants import NONE, SELF
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
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG cannot be on in production.")
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS",
    [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"],
    help_text="Comma-separated host names the app answers to.",
)

INSTALLED_APPS = [
    # Before the admin, so its admin/base_site.html gives the admin Regie's header.
    "regie.accounts",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    "regie.catalog",
    "regie.families",
    "regie.plans",
    "regie.access",
    "regie.exports",
    "regie.api",
    "regie.notifications",
    "regie.insight",
    "regie.web",
]

MIDDLEWARE = [
    # Outermost, so every response gets these headers, redirects and static files included.
    "regie.core.middleware.PermissionsPolicyMiddleware",
    "regie.core.middleware.NoStoreMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "regie.accounts.middleware.SessionLifetimeMiddleware",
    "regie.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # request.htmx: an htmx request gets the part of the page it swaps in (issue 5).
    "django_htmx.middleware.HtmxMiddleware",
    # Too many refused attempts on plans: the Dutch 429 page instead of a 403 (A5).
    "regie.access.middleware.RefusalThrottleMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:
    # Static files straight from the app processes, compressed and cached: no file server.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("csp.middleware.CSPMiddleware"),
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )

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
                "regie.notifications.context_processors.unread_notifications",
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
# Persistent connections (issue 13): a new PostgreSQL connection per request cost a
# quarter of a plan page. The health check drops a connection the server closed before
# a request uses it. Off outside production: runserver makes a thread per request.
DATABASES["default"]["CONN_MAX_AGE"] = env_int(
    "REGIE_DB_CONN_MAX_AGE",
    60 if PRODUCTION else 0,
    minimum=0,
    help_text="Seconds an app process keeps its database connection open; 0 closes it "
    "after every request.",
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# PostgreSQL's JIT compiled the caseload's query for 80-118 ms to save 1 (issue 13): these
# are short OLTP queries, so it is off unless asked for. With the default random_page_cost
# (4, for spinning disks) the planner reads all plans twice rather than look up a
# caseload's 500 by index; 1.1 suits SSDs and a cache that holds the working set.
_PG_JIT = env_bool("REGIE_DB_JIT", False, help_text="Let PostgreSQL JIT-compile queries.")
_PG_RANDOM_PAGE_COST = env_str(
    "REGIE_DB_RANDOM_PAGE_COST",
    "1.1",
    help_text="PostgreSQL's random_page_cost for Regie's connections; empty keeps the server's.",
).strip()
if _PG_RANDOM_PAGE_COST and not re.fullmatch(r"\d+(\.\d+)?", _PG_RANDOM_PAGE_COST):
    raise ImproperlyConfigured("REGIE_DB_RANDOM_PAGE_COST must be a number, e.g. 1.1.")
_pg_options = [
    *([] if _PG_JIT else ["-c jit=off"]),
    *([f"-c random_page_cost={_PG_RANDOM_PAGE_COST}"] if _PG_RANDOM_PAGE_COST else []),
]
if "postgresql" in DATABASES["default"]["ENGINE"] and _pg_options:
    _db_options = DATABASES["default"].setdefault("OPTIONS", {})
    _db_options["options"] = " ".join([_db_options.get("options", ""), *_pg_options]).strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username+address before the password is checked (A6).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = (
    60
    * 60
    * env_int(
        "REGIE_PASSWORD_RESET_HOURS",
        24,
        minimum=1,
        help_text="A6: hours a password-reset (or new-account) link in an e-mail stays valid.",
    )
)
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
# A short key can be guessed, and with it the whole chain rewritten (A5).
if PRODUCTION and len(REGIE_AUDIT_KEY.encode()) < 32:
    raise ImproperlyConfigured("REGIE_AUDIT_KEY must be at least 32 bytes in production.")
# Signed checkpoints of the log, outside the database (docs/access-log.md). By default a
# folder per database under var/; in production a WORM mount or synced object storage.
REGIE_LOG_CHECKPOINT_DIR = env_str(
    "REGIE_LOG_CHECKPOINT_DIR",
    str(
        BASE_DIR
        / "var"
        / "log-checkpoints"
        / Path(str(DATABASES["default"].get("NAME", "regie"))).name
    ),
    help_text="A5: folder for the access log's signed checkpoints, outside the database.",
)
REGIE_LOG_CHECKPOINT_SECONDS = env_int(
    "REGIE_LOG_CHECKPOINT_SECONDS",
    60,
    minimum=1,
    help_text="A5: at most this many seconds between two checkpoints of the access log.",
)
REGIE_LOG_SEAL_MAX_AGE_SECONDS = env_int(
    "REGIE_LOG_SEAL_MAX_AGE_SECONDS",
    300,
    minimum=1,
    help_text="A5: verify_access_log fails when a row stays unsealed longer than this.",
)
REGIE_INVITATION_DAYS = env_int(
    "REGIE_INVITATION_DAYS",
    14,
    minimum=1,
    help_text="A6: days an invitation link for a family or network member stays valid.",
)
REGIE_ACCOUNT_CHANGE_DAYS = env_int(
    "REGIE_ACCOUNT_CHANGE_DAYS",
    3,
    minimum=1,
    help_text="A6: days an administrator's change of someone's e-mail or second factor "
    "waits for a second administrator or the person's confirmation before it lapses.",
)
REGIE_ACCOUNT_CONTACT_EMAIL = env_str(
    "REGIE_ACCOUNT_CONTACT_EMAIL",
    "beheer@example.org",
    help_text="A6: whom people write to when their account changed without their wish; "
    "named in the e-mails about account changes.",
)
# Issue 13: the benchmark's floor, a bare page over a plan's data without session, policy
# or log (regie.web.floor). Only `make bench` switches it on, on a scratch database.
REGIE_BENCH_FLOOR = env_bool(
    "REGIE_BENCH_FLOOR",
    False,
    help_text="Issue 13: serve the benchmark's bare floor page (make bench only; it skips "
    "the policy and the access log, so never in a real deployment).",
)
REGIE_BASE_URL = env_str(
    "REGIE_BASE_URL",
    "http://127.0.0.1:8000",
    help_text="Address of Regie as people reach it, for links in e-mail.",
)

# ---- Accounts and sessions (A6) ----------------------------------------------------------

REGIE_REQUIRE_TWO_FACTOR = env_bool(
    "REGIE_REQUIRE_TWO_FACTOR",
    True,
    help_text="A6: professionals and administrators must pass a second factor. Only a "
    "development machine may switch this off; production refuses to start without it.",
)
if PRODUCTION and not REGIE_REQUIRE_TWO_FACTOR:
    raise ImproperlyConfigured("REGIE_REQUIRE_TWO_FACTOR cannot be off in production.")
OTP_TOTP_ISSUER = "Regie"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
REGIE_RECOVERY_CODE_COUNT = 10

# Idle timeout: the session lives this long after it was last saved, which
# SessionLifetimeMiddleware does at most once a minute (not on every request: a write per page).
SESSION_COOKIE_AGE = 60 * env_int(
    "REGIE_SESSION_IDLE_MINUTES",
    30,
    minimum=1,
    help_text="A6: minutes without a request after which a session ends.",
)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
REGIE_SESSION_ABSOLUTE_HOURS = env_int(
    "REGIE_SESSION_ABSOLUTE_HOURS",
    12,
    minimum=1,
    help_text="A6: hours after login at which a session ends, however active it is.",
)

# Throttling (django-axes): 5 failures for one account, from any addresses, lock that
# account out for 15 minutes (an attacker rotating addresses is stopped), and 5 failures
# from one address, for any accounts, lock that address out (one try per user across many
# users is stopped). The address is the client's, through the trusted proxies (below).
AXES_ENABLED = True
AXES_FAILURE_LIMIT = env_int(
    "REGIE_LOGIN_FAILURE_LIMIT",
    5,
    minimum=1,
    help_text="A6: failed logins per account, and per address, before a lockout.",
)
REGIE_LOCKOUT_MINUTES = env_int(
    "REGIE_LOCKOUT_MINUTES", 15, minimum=1, help_text="A6: minutes a lockout lasts."
)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=REGIE_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# No reset on success: axes would also clear the address's count, so an attacker could
# log in to an account of their own between guesses. Failures expire after the cool-off.
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "regie.access.requests.client_ip"
AXES_LOCKOUT_CALLABLE = "regie.accounts.views.lockout"
# Regie's own access log records logins; axes keeps only the failure counts.
AXES_DISABLE_ACCESS_LOG = True

# Refused attempts on plans (A1, A5): more than this many in the window and the next
# attempts get 429 and write nothing more in any family's log. Counted from the access
# log, which every process shares.
REGIE_REFUSALS_PER_WINDOW = env_int(
    "REGIE_REFUSALS_PER_WINDOW",
    20,
    minimum=1,
    help_text="A5: refused attempts on plans (per user) before further attempts get 429.",
)
REGIE_REFUSALS_WINDOW_MINUTES = env_int(
    "REGIE_REFUSALS_WINDOW_MINUTES",
    10,
    minimum=1,
    help_text="A5: the minutes over which refused attempts are counted.",
)

# ---- Security headers, all environments ----------------------------------------------------

# No inline script or style anywhere: the QR code of the two-factor set-up is a data: image.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_SAMESITE = "Strict"
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS",
    [],
    help_text="Comma-separated origins (https://host) trusted for POSTs, e.g. behind a proxy.",
)

_proxy_header = env_str(
    "SECURE_PROXY_SSL_HEADER",
    "",
    help_text="Behind a TLS-terminating proxy: 'HTTP_X_FORWARDED_PROTO,https'. Only set it "
    "when the proxy always sets or strips that header.",
)
if _proxy_header:
    _name, _sep, _value = _proxy_header.partition(",")
    if not (_sep and _name.strip().startswith("HTTP_") and _value.strip()):
        raise ImproperlyConfigured(
            "SECURE_PROXY_SSL_HEADER must look like 'HTTP_X_FORWARDED_PROTO,https'."
        )
    SECURE_PROXY_SSL_HEADER = (_name.strip(), _value.strip())

# The client's address (A5 access log, A6 lockout; regie.access.requests.client_ip): with
# no proxy, REMOTE_ADDR; behind N proxies that each append the address they got the
# request from, the N-th address from the right in REGIE_TRUSTED_PROXY_HEADER (addresses
# further left are whatever the client sent, and can be forged).
REGIE_TRUSTED_PROXY_COUNT = env_int(
    "REGIE_TRUSTED_PROXY_COUNT",
    0,
    minimum=0,
    help_text="A6: proxies (load balancers) in front of the app that append the client's "
    "address to REGIE_TRUSTED_PROXY_HEADER; 0 when clients connect directly. Production "
    "refuses to start without it.",
)
REGIE_TRUSTED_PROXY_HEADER = env_str(
    "REGIE_TRUSTED_PROXY_HEADER",
    "HTTP_X_FORWARDED_FOR",
    help_text="A6: the request header (as Django names it in META) the trusted proxies "
    "write the client's address into.",
)
if not REGIE_TRUSTED_PROXY_HEADER.startswith("HTTP_"):
    raise ImproperlyConfigured(
        "REGIE_TRUSTED_PROXY_HEADER must name a request header, e.g. HTTP_X_FORWARDED_FOR."
    )
if PRODUCTION and not os.environ.get("REGIE_TRUSTED_PROXY_COUNT", "").strip():
    raise ImproperlyConfigured(
        "Set REGIE_TRUSTED_PROXY_COUNT in production: 0 without a proxy, else the number of "
        "proxies in front of the app (docs/deploy.md)."
    )
if PRODUCTION and _proxy_header and REGIE_TRUSTED_PROXY_COUNT == 0:
    # Behind a TLS proxy every request would come from the proxy: one lockout for all.
    raise ImproperlyConfigured(
        "SECURE_PROXY_SSL_HEADER says there is a proxy: set REGIE_TRUSTED_PROXY_COUNT too."
    )

if PRODUCTION:
    # HTTPS only; `__Host-` cookies are Secure, have no Domain and path /.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    LANGUAGE_COOKIE_HTTPONLY = True
    LANGUAGE_COOKIE_SAMESITE = "Lax"
    SECURE_SSL_REDIRECT = env_bool(
        "SECURE_SSL_REDIRECT",
        True,
        help_text="Redirect plain HTTP to HTTPS; switch off only when the proxy does it.",
    )
    SECURE_HSTS_SECONDS = env_int(
        "SECURE_HSTS_SECONDS",
        31_536_000,
        minimum=31_536_000,
        help_text="HSTS max-age; at least one year.",
    )
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# ---- Background work, API (issue "Beyond the screen") ---------------------------------

# django-tasks keeps its queue in the database: no broker, no extra server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Regie API",
    "DESCRIPTION": "Eén gezin, één plan: de API voor systemen van organisaties.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema maps every endpoint: only for an API client or a logged-in person (who
    # passed the second factor: TwoFactorMiddleware stops the others first).
    "SERVE_AUTHENTICATION": [
        "regie.api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
}

# ---- Reminders, logs and production serving (issue 6; owned by regie.notifications) -------

REGIE_REMINDER_EVALUATION_DAYS = env_int(
    "REGIE_REMINDER_EVALUATION_DAYS",
    7,
    minimum=1,
    help_text="R19: days before an evaluation that the team gets a reminder.",
)
REGIE_REMINDER_ENTRY_DAYS = env_int(
    "REGIE_REMINDER_ENTRY_DAYS",
    7,
    minimum=1,
    help_text="R2: days an entry waits for the family's reaction before a reminder.",
)
REGIE_REMINDER_AFTERCARE_DAYS = env_int(
    "REGIE_REMINDER_AFTERCARE_DAYS",
    7,
    minimum=1,
    help_text="R20: days before an aftercare contact moment that a reminder goes out.",
)
REGIE_REMINDER_ACTION_DAYS = env_int(
    "REGIE_REMINDER_ACTION_DAYS",
    3,
    minimum=1,
    help_text="R12: days before a network member's action is due that they get a reminder.",
)
REGIE_REMINDER_CHECK_IN_WEEKS = env_int(
    "REGIE_REMINDER_CHECK_IN_WEEKS",
    4,
    minimum=1,
    help_text="R12: weeks after agreements are made that family and network get a check-in.",
)
REGIE_REMINDER_INVITATION_DAYS = env_int(
    "REGIE_REMINDER_INVITATION_DAYS",
    2,
    minimum=1,
    help_text="A6: days before an unused invitation expires that its sender is reminded.",
)

# Structured logs: one JSON object per line on stderr, without case content (the
# formatter writes the message, logger, level and exception type and frames, never an
# exception's message, which can hold database values).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "regie.notifications.logs.JsonFormatter"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {
        "handlers": ["stderr"],
        "level": env_str("REGIE_LOG_LEVEL", "INFO", help_text="Log level: DEBUG, INFO, ..."),
    },
    "loggers": {
        # SQL with parameters is case content: never log it, whatever the level above.
        "django.db.backends": {"level": "WARNING", "propagate": True},
        "weasyprint": {"level": "WARNING", "propagate": True},
        "fontTools": {"level": "WARNING", "propagate": True},
    },
}

# The load balancer asks /gezond/ over plain HTTP, behind the TLS-terminating proxy.
SECURE_REDIRECT_EXEMPT = [r"^gezond/$"]

if PRODUCTION:
    # WhiteNoise serves compressed, hashed static files (collectstatic at deploy).
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
