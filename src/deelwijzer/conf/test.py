"""Settings for the test suite: fast hashing, second factor required as in production."""

from deelwijzer.conf.base import *  # noqa: F403

SECRET_KEY = "test-only-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEELWIJZER_DEMO_WITHOUT_SECOND_FACTOR = False
AXES_ENABLED = True
DEELWIJZER_ALLOW_DEMO = True
