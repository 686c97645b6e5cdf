"""Settings shared by every environment; everything that varies comes from the environment."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from deelwijzer.conf.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# The project folder: the checkout when installed editable, else the working directory.
_checkout = PACKAGE_DIR.parent.parent
PROJECT_DIR = Path(env_str("DEELWIJZER_HOME")) if env_str("DEELWIJZER_HOME") else (
    _checkout if (_checkout / "pyproject.toml").exists() else Path.cwd()
)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "deelwijzer.accounts",
    "deelwijzer.covenant",
    "deelwijzer.processing_log",
    "deelwijzer.persons",
    "deelwijzer.cases",
    "deelwijzer.consent",
    "deelwijzer.datarequests",
    "deelwijzer.veiligthuis",
    "deelwijzer.sharing",
    "deelwijzer.ui",
    "deelwijzer.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files (WhiteNoise) answer here, before the no-store and CSP headers below, which
    # every page and API answer still gets.
    "deelwijzer.middleware.StaticFilesMiddleware",
    # Outermost after security: every answer, also redirects and lockouts, gets the headers.
    "deelwijzer.middleware.NoStoreMiddleware",
    "deelwijzer.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "deelwijzer.ui.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "deelwijzer.accounts.middleware.AccessPolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "deelwijzer.urls"
WSGI_APPLICATION = "deelwijzer.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "deelwijzer.ui.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{PROJECT_DIR / 'db.sqlite3'}"),
        # A connection is kept open for a minute and reused by the next requests of the same
        # worker (checked before reuse after an error), instead of one connect per request.
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A transaction takes the write lock when it begins (the processing log reads its head
    # under it). WAL with synchronous=NORMAL: a committed transaction survives a crash of the
    # process (not necessarily of the machine). The WAL is copied back into the database file
    # every 10,000 pages (~40 MB) instead of every 1,000: fewer, larger checkpoints, each page
    # copied once however often it changed; a fifth more single log appends per second. See
    # processing_log/DESIGN.md, "Performance".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=10000"
        ),
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.Professional"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "deelwijzer.accounts.backends.ProfessionalBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "ui:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions expire after inactivity and when the browser closes.
SESSION_COOKIE_AGE = env_int("DEELWIJZER_SESSION_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Lockout after repeated failed logins (django-axes, deelwijzer.accounts.lockout): per account
# and client address, and per client address over all accounts (password spraying) with a
# higher limit; never per account alone (anyone could lock anyone out).
AXES_HANDLER = "deelwijzer.accounts.lockout.LockoutHandler"
AXES_FAILURE_LIMIT = env_int("DEELWIJZER_LOGIN_FAILURE_LIMIT", 5)
DEELWIJZER_LOGIN_ADDRESS_FAILURE_LIMIT = env_int("DEELWIJZER_LOGIN_ADDRESS_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = env_int("DEELWIJZER_LOGIN_COOLOFF_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# The client address: REMOTE_ADDR, or the address the trusted TLS proxy put in this header
# (e.g. X-Forwarded-For), counted DEELWIJZER_TRUSTED_PROXY_COUNT entries from the right.
AXES_CLIENT_IP_CALLABLE = "deelwijzer.accounts.lockout.client_ip"
DEELWIJZER_TRUSTED_PROXY_HEADER = env_str("DEELWIJZER_TRUSTED_PROXY_HEADER")
DEELWIJZER_TRUSTED_PROXY_COUNT = env_int("DEELWIJZER_TRUSTED_PROXY_COUNT", 1)

# Two-factor authentication (TOTP) for every role that can see personal data.
# Only the demo may switch it off, with this clearly named setting.
DEELWIJZER_DEMO_WITHOUT_SECOND_FACTOR = False
DEELWIJZER_ALLOW_DEMO = False
OTP_TOTP_ISSUER = "Deelwijzer"

# Optional OIDC login for partners' identity providers (mozilla-django-oidc).
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
if OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("deelwijzer.accounts.oidc.PartnerOIDCBackend")
    OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
    OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT")
    OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile")
    OIDC_CREATE_USER = False
    LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/"
DEELWIJZER_OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "")

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(PROJECT_DIR / "staticfiles")))
# WhiteNoise serves the collected files (production: hashed names, compressed, cached for a
# year) and, from the apps' static folders, what is not collected (dev and test, no step).
WHITENOISE_USE_FINDERS = True

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # JSON with a nesting limit (deelwijzer.api.parsers); every body at most
    # DATA_UPLOAD_MAX_MEMORY_SIZE bytes. A refusal is a 400 naming the body and the rule.
    "DEFAULT_PARSER_CLASSES": [
        "deelwijzer.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "deelwijzer.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "EXCEPTION_HANDLER": "deelwijzer.api.errors.exception_handler",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default, 2.5 MiB: request bodies
DEELWIJZER_API_MAX_JSON_DEPTH = 32  # levels of arrays and objects in an API request body
SPECTACULAR_SETTINGS = {
    "TITLE": "Deelwijzer API",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Fields named "status" with different choice sets get their own component names.
    "ENUM_NAME_OVERRIDES": {
        "CovenantVersionStatusEnum": ["draft", "in_force", "superseded"],
        "ConsentStatusEnum": ["valid", "withdrawn", "expired", "not_yet_valid"],
        # K8: the kinds of a remark beside a contribution (a subset of RemarkKind's).
        "ContributionRemarkKindEnum": "deelwijzer.cases.choices.ContributionRemarkKind",
    },
}

SECURE_CONTENT_TYPE_NOSNIFF = True
# Scripts and styles only from our static files: no inline code anywhere (deelwijzer.middleware).
DEELWIJZER_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DEELWIJZER_LOG_LEVEL", "WARNING")},
}
