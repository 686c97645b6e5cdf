"""The embedded default: SQLite, debug on, the demo's settings. Never for production."""

from deelwijzer.conf.base import *  # noqa: F403
from deelwijzer.conf.env import env_bool, env_str

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
DEELWIJZER_DEMO_WITHOUT_SECOND_FACTOR = env_bool("DEELWIJZER_DEMO_WITHOUT_SECOND_FACTOR", True)
DEELWIJZER_ALLOW_DEMO = True
