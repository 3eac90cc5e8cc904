"""Every setting of the Wijkkracht web platform, read from the environment.

Defaults are safe for one person trying it on a laptop (``WIJKKRACHT_ENV=development``: SQLite in
the data directory, no HTTPS). ``WIJKKRACHT_ENV=production`` demands a secret key and allowed
hosts, and switches on HTTPS-only cookies, HSTS and the redirect to HTTPS, so that
``manage.py check --deploy`` is clean. All variables are listed in docs/settings.md.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

from wijkkracht.areas.store import data_home, private_dir

BASE_DIR = Path(__file__).resolve().parents[1]  # src/wijkkracht
REPO_DIR = BASE_DIR.parents[1]


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def env_list(name: str, default: str = "") -> list[str]:
    return [v.strip() for v in env(name, default).split(",") if v.strip()]


ENVIRONMENT = env("WIJKKRACHT_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"
DEBUG = env_bool("WIJKKRACHT_DEBUG", False)
DATA_DIR = data_home()
if not PRODUCTION:  # owner only: it holds the SQLite database (TOTP keys) and the keys
    private_dir(DATA_DIR)


def _secret_key(variable: str = "WIJKKRACHT_SECRET_KEY", filename: str = "secret_key") -> str:
    key = env(variable)
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured(f"{variable} ontbreekt: in productie (WIJKKRACHT_ENV="
                                   "production) is deze sleutel verplicht; zie docs/settings.md.")
    # Development: one random key per data directory, kept so sessions survive a restart.
    path = DATA_DIR / filename
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(secrets.token_urlsafe(64))
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
# The access log's HMAC key (audit/models.py): outside the database, so that whoever can only
# write the database cannot rewrite the log's hash chain unnoticed.
AUDIT_KEY = _secret_key("WIJKKRACHT_AUDIT_KEY", "audit_key").encode("utf-8")
# Where audit_verify keeps the chain head it checked (empty: audit_anchor.json in the data dir).
AUDIT_ANCHOR_FILE = env("WIJKKRACHT_AUDIT_ANCHOR")
ALLOWED_HOSTS = env_list("WIJKKRACHT_ALLOWED_HOSTS",
                         "" if PRODUCTION else "localhost,127.0.0.1,[::1],testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("WIJKKRACHT_ALLOWED_HOSTS ontbreekt: in productie is de lijst "
                               "met hostnamen verplicht; zie docs/settings.md.")
CSRF_TRUSTED_ORIGINS = env_list("WIJKKRACHT_CSRF_TRUSTED_ORIGINS")
# Our own reverse proxies (addresses or networks): only behind them is X-Forwarded-For believed,
# for the address the access log records.
WIJKKRACHT_TRUSTED_PROXIES = env_list("WIJKKRACHT_TRUSTED_PROXIES")
CSRF_FAILURE_VIEW = "wijkkracht.web.views.csrf_failure"

OIDC_ENABLED = bool(env("OIDC_RP_CLIENT_ID"))

INSTALLED_APPS = [
    "wijkkracht.web",
    "wijkkracht.accounts",
    "wijkkracht.audit",
    "wijkkracht.areas",
    "wijkkracht.wijkfoto",
    "wijkkracht.netwerk",
    "wijkkracht.casus",
    "wijkkracht.api",
    "wijkkracht.kaart",
    "wijkkracht.monitor",
    "wijkkracht.praktijk",
    "wijkkracht.jobs",
    "django_tasks",
    "django_tasks_db",
    # Without autodiscovery: /beheer/ shows only what accounts/admin.py registers on its site.
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "ninja",  # serves the Swagger UI of /api/v1/docs from our own static files
]
if OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")

MIDDLEWARE = [
    # First: every request's log lines carry its id; the probes answer before sessions, the
    # host check and the HTTPS redirect (ops/probes.py).
    "wijkkracht.ops.request_id.RequestIdMiddleware",
    "wijkkracht.ops.probes.ProbeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "wijkkracht.accounts.twofactor.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wijkkracht.api.middleware.ApiVersionMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wijkkracht.conf.urls"
WSGI_APPLICATION = "wijkkracht.conf.wsgi.application"

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
                "wijkkracht.web.context.site",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{DATA_DIR / 'wijkkracht.sqlite3'}"),
        conn_max_age=int(env("WIJKKRACHT_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Writers take the lock at BEGIN, so two of them wait instead of failing half-way
    # (the audit chain head is written in every signed-in request).
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
    # Created owner-only before SQLite makes it (with the umask's mode); its journal and WAL
    # files take the database file's mode.
    _sqlite = Path(DATABASES["default"]["NAME"])
    if DATABASES["default"]["NAME"] != ":memory:" and not _sqlite.exists():
        private_dir(_sqlite.parent)
        os.close(os.open(_sqlite, os.O_WRONLY | os.O_CREAT, 0o600))
elif DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A database host that drops packets would hold a request (and /gereed) for minutes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(env("WIJKKRACHT_DB_CONNECT_TIMEOUT", "5")))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by every server process: sessions are in the database (Django's default engine), and
# so are django-axes' lockouts, the single-use survey links and, by default, this cache (it
# holds the computed wijkfoto years, so one server's computation serves all). The database
# cache needs no server and is made by 'migrate' (cli._django: createcachetable);
# WIJKKRACHT_CACHE_URL=redis://host:6379/0 uses Redis instead (pip install redis).
_cache_url = env("WIJKKRACHT_CACHE_URL")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache" if _cache_url
        else "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": _cache_url or "wijkkracht_cache",
        "TIMEOUT": int(env("WIJKKRACHT_CACHE_SECONDS", str(7 * 24 * 3600))),
        **({} if _cache_url else {"OPTIONS": {
            "MAX_ENTRIES": int(env("WIJKKRACHT_CACHE_MAX_ENTRIES", "500"))}}),
    }
}

# Background jobs (wijkkracht/jobs): PDFs, e-mail batches, retention and the access-log check.
# "database": a queue in the database, run by 'wijkkracht worker' (or by a thread in the web
# process when WIJKKRACHT_JOBS_IN_PROCESS is on, as in development); "direct": run at once in
# the request (tests). Any django-tasks backend can be named in full instead.
_JOBS_BACKENDS = {"database": "django_tasks_db.DatabaseBackend",
                  "direct": "django_tasks.backends.immediate.ImmediateBackend"}
_jobs_backend = env("WIJKKRACHT_JOBS", "database")
TASKS = {"default": {"BACKEND": _JOBS_BACKENDS.get(_jobs_backend, _jobs_backend),
                     "QUEUES": []}}
WIJKKRACHT_JOBS_IN_PROCESS = env_bool("WIJKKRACHT_JOBS_IN_PROCESS", not PRODUCTION)
WIJKKRACHT_JOB_KEEP_HOURS = int(env("WIJKKRACHT_JOB_KEEP_HOURS", "24"))
WIJKKRACHT_JOB_STUCK_MINUTES = int(env("WIJKKRACHT_JOB_STUCK_MINUTES", "10"))
WIJKKRACHT_SCHEDULE_OFF = env_list("WIJKKRACHT_SCHEDULE_OFF")
# The site's own address, for links in e-mails sent by the worker (which has no request).
WIJKKRACHT_SITE_URL = env("WIJKKRACHT_SITE_URL", "")
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    *(["wijkkracht.accounts.oidc.WijkkrachtOIDCBackend"] if OIDC_ENABLED else []),
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
LOGIN_URL = "accounts:login"
# Local accounts need a TOTP code after the password (OIDC sign-ins: the IdP does this).
WIJKKRACHT_REQUIRE_2FA = env_bool("WIJKKRACHT_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = "Wijkkracht"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

# Brute-force protection (django-axes): 5 failures (passwords or TOTP codes) on an account from
# one address lock it there for an hour; 20 from one address over any accounts lock the address,
# 20 on one account from any addresses lock the account. Why three tiers: accounts/lockout.py.
AXES_FAILURE_LIMIT = int(env("WIJKKRACHT_AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(env("WIJKKRACHT_AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = "wijkkracht.accounts.lockout.lockout_parameters"
WIJKKRACHT_AXES_ADDRESS_LIMIT = int(env("WIJKKRACHT_AXES_ADDRESS_LIMIT", "20"))
WIJKKRACHT_AXES_ACCOUNT_LIMIT = int(env("WIJKKRACHT_AXES_ACCOUNT_LIMIT", "20"))
# Failures are forgotten after the full two-step sign-in (accounts/views.py), not after the
# password alone: else a password would reset the count of wrong TOTP codes.
AXES_RESET_ON_SUCCESS = False
# The client address as the access log sees it: X-Forwarded-For only from our own proxies
# (WIJKKRACHT_TRUSTED_PROXIES), so nobody escapes the per-address limit by writing the header.
AXES_CLIENT_IP_CALLABLE = "wijkkracht.audit.services.client_ip"
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_VERBOSE = False

# Sessions and CSRF.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(env("WIJKKRACHT_SESSION_SECONDS", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("WIJKKRACHT_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(env("WIJKKRACHT_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("WIJKKRACHT_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy: only our own origin; no inline scripts anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'", *env_list("OIDC_OP_ORIGIN")],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Optional base map under the wijken map: PDOK BRT-Achtergrondkaart tiles (off by default: the
# visitor's browser would fetch them from service.pdok.nl; the CSP allows that host only then).
WIJKKRACHT_BASEMAP = env("WIJKKRACHT_BASEMAP", "")

# OIDC sign-in for gemeenten with an identity provider (off unless OIDC_RP_CLIENT_ID is set).
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT")
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", "openid email profile")
OIDC_CREATE_USER = env_bool("OIDC_CREATE_USER", False)

# E-mail, only to send netwerkscan survey links. Off unless an SMTP host is set: then nothing
# is sent and the send button is not shown. Never the console backend: it would print personal
# links to the application log; switched off, mail goes to the dummy backend (discarded).
WIJKKRACHT_SMTP_HOST = env("WIJKKRACHT_SMTP_HOST").strip()
WIJKKRACHT_EMAIL_ENABLED = bool(WIJKKRACHT_SMTP_HOST)
EMAIL_BACKEND = ("django.core.mail.backends.smtp.EmailBackend" if WIJKKRACHT_EMAIL_ENABLED
                 else "django.core.mail.backends.dummy.EmailBackend")
EMAIL_HOST = WIJKKRACHT_SMTP_HOST or "localhost"
EMAIL_PORT = int(env("WIJKKRACHT_SMTP_PORT", "587"))
EMAIL_HOST_USER = env("WIJKKRACHT_SMTP_USER")
EMAIL_HOST_PASSWORD = env("WIJKKRACHT_SMTP_PASSWORD")
# Encrypted: STARTTLS, or implicit TLS on port 465 (where STARTTLS would hang).
_SMTP_TLS = env_bool("WIJKKRACHT_SMTP_TLS", True)
EMAIL_USE_SSL = _SMTP_TLS and EMAIL_PORT == 465
EMAIL_USE_TLS = _SMTP_TLS and not EMAIL_USE_SSL
EMAIL_TIMEOUT = 30  # seconds; the links are issued in a transaction that waits for the server
DEFAULT_FROM_EMAIL = env("WIJKKRACHT_MAIL_FROM", "Wijkkracht <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("WIJKKRACHT_STATIC_ROOT", str(DATA_DIR / "static")))
# NL Design System CSS comes from the npm registry (package.json); never copied into src/.
NODE_MODULES = Path(env("WIJKKRACHT_NODE_MODULES", str(REPO_DIR / "node_modules")))
# Only the built CSS: the packages' sources are not served (and some of their files name
# assets that collectstatic's manifest storage could not resolve).
# The tokens are the NL Design System example theme (EUPL-1.2): Utrecht's own tokens are its
# proprietary house style, not licensed for other products.
NLDS_PACKAGES = {
    "component-library-css": NODE_MODULES / "@utrecht" / "component-library-css" / "dist",
    "design-tokens": NODE_MODULES / "@nl-design-system-unstable" / "voorbeeld-design-tokens"
    / "dist",
}
STATICFILES_DIRS = [(f"nlds/{name}/dist", path) for name, path in NLDS_PACKAGES.items()
                    if path.is_dir()]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
                    if PRODUCTION else
                    "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it, even when empty
WHITENOISE_AUTOREFRESH = DEBUG
# Not compressed at collectstatic: what browsers never fetch from a page (source maps, token
# dumps in JSON/CommonJS) besides whitenoise's defaults (already compressed formats). Brotli
# at its best quality over those megabytes took minutes on every production start.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS,
                                       "map", "json", "cjs", "mjs", "ts")

DATA_UPLOAD_MAX_MEMORY_SIZE = int(env("WIJKKRACHT_MAX_UPLOAD_BYTES", str(5 * 1024 * 1024)))
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

# Audit (NEN 7513): how long records of each processing activity are kept, in days.
AUDIT_RETENTION_DAYS = {
    "authentication": int(env("WIJKKRACHT_AUDIT_RETENTION_AUTH_DAYS", str(5 * 365))),
    "default": int(env("WIJKKRACHT_AUDIT_RETENTION_DAYS", str(5 * 365))),
}


# Logs: one JSON object a line in production, text in development, never personal data
# (ops/logs.py): tracebacks without exception messages, Django's request warnings with the
# route pattern instead of the path. One access line per request (logger wijkkracht.requests)
# when WIJKKRACHT_REQUEST_LOG is on (default in production).
LOG_FORMAT = env("WIJKKRACHT_LOG_FORMAT", "json" if PRODUCTION else "tekst").strip().lower()
if LOG_FORMAT not in ("json", "tekst"):
    raise ImproperlyConfigured(f"WIJKKRACHT_LOG_FORMAT is {LOG_FORMAT!r}: kies json of tekst; "
                               "zie docs/settings.md.")
REQUEST_LOG = env_bool("WIJKKRACHT_REQUEST_LOG", PRODUCTION)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "wijkkracht.ops.logs.JsonFormatter"},
                   "tekst": {"()": "wijkkracht.ops.logs.TextFormatter"}},
    "filters": {"request_path": {"()": "wijkkracht.ops.logs.RequestPathFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT,
                             "filters": ["request_path"]}},
    "root": {"handlers": ["console"], "level": env("WIJKKRACHT_LOG_LEVEL", "WARNING")},
    "loggers": {
        # Django's defaults would print request warnings a second time (with DEBUG, unfiltered)
        # and mail them with the request to ADMINS; here they go through our handler only.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # The loggers that name a request's path get the route instead, before any handler
        # (also the console's, which filters too, for a request passed by other loggers).
        "django.request": {"filters": ["request_path"]},
        "django.security.csrf": {"filters": ["request_path"]},
        # runserver's own access line names the path and query string; ours names the route.
        "django.server": {"handlers": [], "level": "CRITICAL", "propagate": False},
        "wijkkracht.requests": {"level": "INFO" if REQUEST_LOG else "WARNING"},
        "axes": {"level": "WARNING"}, "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}
