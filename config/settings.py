"""Settings for the good-practice catalogue, read from the environment (twelve-factor).

The table of variables is in README.md and in the contract (shared docs/product.md).
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config import limits
from config.log import django_logging

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default):
    """Read a 0/1 (or true/false) environment variable."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("DJANGO_DEBUG", False)

# Without a key and with debug off, the site refuses to start (config/startup.py).
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "development-only-key-not-for-production-use-0123456789abcdefghijklmnop"


ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]

HTTPS = env_flag("DJANGO_HTTPS", not DEBUG)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "import_export",
    "common",
    "regions",
    "awards",
    "catalogue",
    "proposals",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    # Static files leave here, already compressed by whitenoise (collectstatic writes .gz files).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the response cache, so cached pages are compressed too; sets Vary: Accept-Encoding.
    # Not the admin (config/middleware.py).
    "config.middleware.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The API's language from Accept-Language alone (common/api/language.py).
    "common.api.language.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Innermost, so that the middleware above (security headers, sessions) runs on cached responses too.
    "common.caching.AnonymousResponseCacheMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# Persistent connections: each is kept DATABASE_CONN_MAX_AGE seconds (0 closes it after every
# request) and checked before a request reuses it, so a database restart costs no failed request.
CONN_MAX_AGE = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))


def database(url, **extra):
    config = dj_database_url.parse(url, conn_max_age=CONN_MAX_AGE, conn_health_checks=True, **extra)
    if config["ENGINE"] == "django.db.backends.postgresql" and limits.connect_timeout_seconds():
        # Opening a connection is bounded too: a server that never answers fails fast, as a 503.
        config.setdefault("OPTIONS", {}).setdefault("connect_timeout", limits.connect_timeout_seconds())
    return config


DATABASES = {"default": database(os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}

# Read replicas (comma-separated URLs): aliases replica1, replica2, ... and a router that reads
# from them (config/replicas.py). Under test each mirrors `default`: the test runner creates no
# database on a replica and reads the test database through the replica's alias.
DATABASE_REPLICAS = []
for number, url in enumerate(
    (u.strip() for u in os.environ.get("DATABASE_REPLICA_URLS", "").split(",") if u.strip()), start=1
):
    DATABASES[f"replica{number}"] = database(url, test_options={"MIRROR": "default"})
    DATABASE_REPLICAS.append(f"replica{number}")
# For this long after any write, every read goes to the primary: set it above the replicas' lag.
DATABASE_REPLICA_LAG_SECONDS = int(os.environ.get("DATABASE_REPLICA_LAG_SECONDS", "5"))
if DATABASE_REPLICAS:
    DATABASE_ROUTERS = ["config.replicas.PrimaryReplicaRouter"]
    # First, so that each request's routing state covers its every read and write.
    MIDDLEWARE.insert(0, "config.replicas.ReplicaRoutingMiddleware")

# Bounded work (config/limits.py, common/statement_timeout.py): a web request's statement is
# cancelled after DATABASE_STATEMENT_TIMEOUT_MS (default 5 s below GUNICORN_TIMEOUT), on PostgreSQL
# by the server, on SQLite by a progress handler; management commands use their own value (0: none).
# A request whose database fails or times out answers 503 with Retry-After (common/unavailable.py).
DATABASE_STATEMENT_TIMEOUT_MS = limits.web_statement_timeout_ms()
DATABASE_COMMAND_STATEMENT_TIMEOUT_MS = limits.command_statement_timeout_ms()
SERVICE_UNAVAILABLE_RETRY_AFTER = limits.retry_after_seconds()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A cache that fails costs no page (common/cache_backends.py): each call waits at most these
# timeouts (seconds), a failed call is a miss, and after a failure the cache is skipped for
# REDIS_RETRY_SECONDS.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "common.cache_backends.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "catalogue",
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("REDIS_CONNECT_TIMEOUT") or "0.25"),
                "socket_timeout": float(os.environ.get("REDIS_SOCKET_TIMEOUT") or "0.25"),
                "retry_seconds": float(os.environ.get("REDIS_RETRY_SECONDS") or "5"),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "common.cache_backends.LocalMemoryCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish")), ("fr", _("French")), ("de", _("German"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Tests and `make run` serve static files without collectstatic.
WHITENOISE_USE_FINDERS = DEBUG or env_flag("WHITENOISE_USE_FINDERS", False)

# Security: everything strict unless DJANGO_HTTPS=0 says the site is served over plain HTTP.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
# The probes answer over plain HTTP: a container's healthcheck (config/healthcheck.py) and a load
# balancer's probe speak it to gunicorn directly.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# SECURE_PROXY_SSL_HEADER: only behind a trusted proxy (below, "Proxy trust").

LOGIN_URL = "admin:login"

# Apps whose writes change what the site shows: each write to one of their models starts a new
# content version, which every cached response and ETag is keyed on (common/caching.py).
CONTENT_APPS = ["regions", "awards", "catalogue"]

# Apps a backup holds besides the content apps (catalogue/services/backup.py): proposals are what the
# public sent, which no page shows (so a write to them starts no content version) and no restore may lose.
BACKED_UP_APPS = ["proposals"]

# Seconds an anonymous GET response stays in the cache (common/caching.py); 0 turns it off.
# Off by default in development: with the local-memory cache, a write made by another process
# (a management command beside `make run`) could not invalidate the server's entries.
CATALOGUE_CACHE_SECONDS = int(os.environ.get("CATALOGUE_CACHE_SECONDS", "0" if DEBUG else "600"))

REST_FRAMEWORK = {
    # Token first, so an anonymous write answers 401 with `WWW-Authenticate: Token`. The session
    # class is skipped for requests without a session cookie (common/api/authentication.py).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "common.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "common.api.pagination.StrictPageNumberPagination",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "common.api.negotiation.StrictContentNegotiation",
    "DEFAULT_SCHEMA_CLASS": "common.api.schema.AutoSchema",
}

# The licence of the catalogue's own data: the facts of each practice and the catalogue's metadata
# (README "Open data", the /data/ page, the schema, JSON-LD). Texts quoted from a source document
# (titles, summaries, jury comments, source titles) keep that source's rights.
DATA_LICENSE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}

SPECTACULAR_SETTINGS = {
    "TITLE": "Good-practice catalogue API",
    "DESCRIPTION": "Social-security good practices: ISSA Good Practice Awards, Americas 2017, and more.\n\n"
    "The catalogue's own data (the facts of each practice: institution, country, year, award, "
    "priority areas, classifications; and the catalogue's metadata) is open data under CC BY 4.0: "
    "reuse it with credit to the catalogue. Texts quoted from a source document (titles, summaries, "
    "jury comments, source titles) are not the catalogue's: they keep the rights of the source each "
    "practice names in `source`. See the site's /data/ page.",
    "LICENSE": DATA_LICENSE,
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Editors' write shape (slugs) differs from the read shape (nested objects).
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # One name for the evidence levels wherever they appear (read, write, filters).
    "ENUM_NAME_OVERRIDES": {"EvidenceEnum": "catalogue.choices.Evidence"},
}

# Plain lines, or one JSON object a line with DJANGO_LOG_FORMAT=json (config/log.py, which gunicorn's
# configuration reads too).
LOGGING = django_logging(os.environ.get("DJANGO_LOG_LEVEL", "WARNING"))


# --- Proxy trust, login lockout and API throttling (issue 11, "Hardening"; README "Configuration") ---
# DJANGO_TRUSTED_PROXY=1 says one proxy of ours stands in front (it ends TLS and forwards): only then
# is its X-Forwarded-Proto believed (HTTPS) and the last address of its X-Forwarded-For taken as the
# client's (common/addresses.py). Off, a client reaching gunicorn directly could claim either.
TRUSTED_PROXY = env_flag("DJANGO_TRUSTED_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY else None

# Login lockout (django-axes): after LOGIN_LOCKOUT_FAILURES failed logins for one user name from one
# address, that pair is refused for LOGIN_LOCKOUT_MINUTES (each refused attempt starts the wait
# again), with our page (common/lockout.py); `python manage.py axes_reset_username NAME` lifts it.
INSTALLED_APPS.append("axes")
# Innermost: it turns a login the backend refused into the lockout page.
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out pair before any password check
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_flag("LOGIN_LOCKOUT", True)
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=float(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "common.addresses.client_address"
AXES_LOCKOUT_CALLABLE = "common.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True  # a successful login forgets that pair's earlier failures
AXES_DISABLE_ACCESS_LOG = True  # keep failed attempts only (they expire); no table of every login

# API throttling (DRF): anonymous clients get API_THROTTLE_RATE requests per address ("300/minute",
# "20/second", ...; "off" turns it off), counted in the cache; editors signed in are not throttled.
# Every throttle scope's rate is here (common/api/throttling.py).
_api_rate = os.environ.get("API_THROTTLE_RATE", "300/minute").strip().lower()
if _api_rate in {"", "0", "off"}:
    _api_rate = None
elif not re.fullmatch(r"[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)", _api_rate):
    raise ImproperlyConfigured(
        f"API_THROTTLE_RATE={_api_rate!r}: requests per second, minute, hour or day (300/minute), or off."
    )
REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = ["common.api.throttling.AnonymousAddressThrottle"]
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {"anonymous": _api_rate}
# DRF's own reading of the client address agrees with common/addresses.py: one hop when trusted.
REST_FRAMEWORK["NUM_PROXIES"] = 1 if TRUSTED_PROXY else 0


# Proposals through /share/ (proposals/throttling.py): SHARE_THROTTLE_RATE POSTs per client address
# ("10/hour", "3/minute", ...; "off" turns it off), counted in the cache like the API's (and, like
# it, letting every request through when the cache is down); editors are counted too.
def throttle_rate(variable, default):
    rate = os.environ.get(variable, default).strip().lower()
    if rate in {"", "0", "off"}:
        return None
    if not re.fullmatch(r"[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)", rate):
        raise ImproperlyConfigured(
            f"{variable}={rate!r}: requests per second, minute, hour or day (10/hour), or off."
        )
    return rate


SHARE_THROTTLE_RATE = throttle_rate("SHARE_THROTTLE_RATE", "10/hour")
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["share"] = SHARE_THROTTLE_RATE
