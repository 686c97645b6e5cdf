"""Deploy check: the Ed25519 key that signs processing-log checkpoints must be configured.

Without ``DEELWIJZER_LOG_SIGNING_KEY`` or ``DEELWIJZER_LOG_SIGNING_KEY_FILE`` production starts
and ``check --deploy`` would pass, and no checkpoint can be signed. Development and tests
generate a key instead (:mod:`deelwijzer.processing_log.keys`).
"""

from __future__ import annotations

import os
from typing import Any

from django.core.checks import CheckMessage, Error

from deelwijzer.processing_log import keys

HINT = (f"Set {keys.ENV_KEY} to the base64 of a 32-byte Ed25519 private key (32 random "
        "bytes, e.g. python3 -c 'import base64,os;print(base64.b64encode(os.urandom(32))"
        f".decode())'), or {keys.ENV_KEY_FILE} to a file holding it.")


def signing_key_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    configured = os.environ.get(keys.ENV_KEY) or os.environ.get(keys.ENV_KEY_FILE)
    if not configured:
        if keys._may_generate():
            return []  # development and tests generate var/log-signing-key
        return [Error(f"{keys.ENV_KEY} (or {keys.ENV_KEY_FILE}) is not set: processing-log "
                      "checkpoints cannot be signed.", hint=HINT, id="processing_log.E001")]
    try:
        keys.signing_key()
    except keys.SigningKeyUnavailable as error:
        return [Error(f"The processing-log signing key is not usable: {error}.", hint=HINT,
                      id="processing_log.E002")]
    return []
