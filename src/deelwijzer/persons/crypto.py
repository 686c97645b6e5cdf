"""Encryption at rest of dossier content (AES-GCM; key from the environment).

DEELWIJZER_DATA_KEY holds a base64-encoded 32-byte key. Outside production, when it is unset,
(dev and test settings: DEELWIJZER_ALLOW_DEMO) a key is generated once into
<project>/var/data.key (git-ignored) so the demo and tests run.
"""

from __future__ import annotations

import base64
import os
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = b"v1:"


@lru_cache(maxsize=1)
def _key() -> bytes:
    configured = os.environ.get("DEELWIJZER_DATA_KEY", "")
    if configured:
        key = base64.b64decode(configured)
    elif getattr(settings, "DEELWIJZER_ALLOW_DEMO", False):
        path = Path(settings.PROJECT_DIR) / "var" / "data.key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}")
            tmp.write_bytes(base64.b64encode(AESGCM.generate_key(bit_length=256)))
            tmp.chmod(0o600)
            try:
                os.link(tmp, path)  # atomic: a concurrent process's key wins quietly
            except FileExistsError:
                pass
            finally:
                tmp.unlink()
        key = base64.b64decode(path.read_bytes())
    else:
        raise ImproperlyConfigured("DEELWIJZER_DATA_KEY must be set (base64 of 32 bytes).")
    if len(key) != 32:
        raise ImproperlyConfigured("DEELWIJZER_DATA_KEY must decode to exactly 32 bytes.")
    return key


def encrypt(text: str) -> bytes:
    nonce = os.urandom(12)
    return PREFIX + nonce + AESGCM(_key()).encrypt(nonce, text.encode("utf-8"), None)


def decrypt(blob: bytes | memoryview) -> str:
    data = bytes(blob)
    if not data.startswith(PREFIX):
        raise ValueError("unknown ciphertext format")
    nonce, ciphertext = data[len(PREFIX):len(PREFIX) + 12], data[len(PREFIX) + 12:]
    return AESGCM(_key()).decrypt(nonce, ciphertext, None).decode("utf-8")


def encrypt_bytes(data: bytes) -> bytes:
    """Encrypt a document (consent evidence) at rest, like ``encrypt``."""
    nonce = os.urandom(12)
    return PREFIX + nonce + AESGCM(_key()).encrypt(nonce, data, None)


def decrypt_bytes(blob: bytes | memoryview) -> bytes:
    data = bytes(blob)
    if not data.startswith(PREFIX):
        raise ValueError("unknown ciphertext format")
    nonce, ciphertext = data[len(PREFIX):len(PREFIX) + 12], data[len(PREFIX) + 12:]
    return AESGCM(_key()).decrypt(nonce, ciphertext, None)
