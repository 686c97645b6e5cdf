"""Deploy check: the key that encrypts dossier content at rest must be configured.

Without ``DEELWIJZER_DATA_KEY`` production starts and ``check --deploy`` would pass, and the
first write of personal data fails. Development and tests generate a key instead
(``DEELWIJZER_ALLOW_DEMO``, see :mod:`deelwijzer.persons.crypto`).
"""

from __future__ import annotations

import base64
import binascii
import os
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error

ENV_KEY = "DEELWIJZER_DATA_KEY"
HINT = ("Set DEELWIJZER_DATA_KEY to the base64 of 32 random bytes, e.g. the output of "
        "python3 -c 'import base64,os;print(base64.b64encode(os.urandom(32)).decode())', "
        "and keep it: without it the encrypted dossier content cannot be read.")


def data_key_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    value = os.environ.get(ENV_KEY, "")
    if not value:
        if getattr(settings, "DEELWIJZER_ALLOW_DEMO", False):
            return []  # development and tests generate var/data.key
        return [Error(f"{ENV_KEY} is not set: dossier content cannot be encrypted, so the "
                      "first write of personal data would fail.", hint=HINT, id="persons.E001")]
    try:
        key = base64.b64decode(value)  # as persons.crypto reads it
    except (binascii.Error, ValueError) as error:
        return [Error(f"{ENV_KEY} is not base64 ({error}).", hint=HINT, id="persons.E002")]
    if len(key) != 32:
        return [Error(f"{ENV_KEY} decodes to {len(key)} bytes; the AES-256 key needs 32.",
                      hint=HINT, id="persons.E002")]
    return []
