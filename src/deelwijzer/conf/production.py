"""Production settings: everything secret or site-specific comes from the environment."""

from django.core.exceptions import ImproperlyConfigured

from deelwijzer.conf.base import *  # noqa: F403
from deelwijzer.conf.env import env_bool, env_int

DEBUG = False
if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
DEELWIJZER_DEMO_WITHOUT_SECOND_FACTOR = False

# The API answers JSON only: no browsable API (its forms and pages) in production.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

# Static files under content-hashed names, gzip-compressed beside them, served by WhiteNoise
# with a cache lifetime of a year; `deelwijzer serve` collects them when they changed.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
