"""The Ed25519 key that signs checkpoints, and the public keys that verify them.

Where the signing key comes from, first match wins:

1. ``DEELWIJZER_LOG_SIGNING_KEY``: the raw 32-byte private key, base64.
2. ``DEELWIJZER_LOG_SIGNING_KEY_FILE``: a file holding the same (base64 text, or 32 raw bytes).
3. Only in development and tests (``DEBUG`` or ``DEELWIJZER_ALLOW_DEMO``): ``var/log-signing-key``
   in the project folder, generated on first use (``var/`` is git-ignored, never committed).

Production without 1 or 2 cannot create checkpoints. ``DEELWIJZER_LOG_PUBLIC_KEYS`` (comma-
separated base64 raw public keys) adds keys that verify older checkpoints after a rotation, or
lets an auditor verify with public keys only. A key's id is the first 16 hex digits of the
SHA-256 of its raw public key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings

ENV_KEY = "DEELWIJZER_LOG_SIGNING_KEY"
ENV_KEY_FILE = "DEELWIJZER_LOG_SIGNING_KEY_FILE"
ENV_PUBLIC_KEYS = "DEELWIJZER_LOG_PUBLIC_KEYS"
DEV_KEY_PATH = Path("var") / "log-signing-key"


class SigningKeyUnavailable(Exception):
    """No signing key is configured (production needs one of the two variables)."""


def _decode_private(raw: bytes, where: str) -> Ed25519PrivateKey:
    data = raw
    if len(raw) != 32:
        try:
            data = base64.b64decode(raw.strip(), validate=True)
        except (binascii.Error, ValueError) as error:
            raise SigningKeyUnavailable(f"{where}: not base64 ({error})") from None
    if len(data) != 32:
        raise SigningKeyUnavailable(f"{where}: expected 32 bytes, found {len(data)}")
    return Ed25519PrivateKey.from_private_bytes(data)


def _dev_key_path() -> Path:
    return Path(settings.PROJECT_DIR) / DEV_KEY_PATH


def _may_generate() -> bool:
    return bool(settings.DEBUG or getattr(settings, "DEELWIJZER_ALLOW_DEMO", False))


def _generated_key() -> Ed25519PrivateKey:
    path = _dev_key_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as file:
            file.write(base64.b64encode(os.urandom(32)) + b"\n")
        try:
            os.link(tmp, path)  # atomic; loses quietly to a concurrent process
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return _decode_private(path.read_bytes(), str(path))


def signing_key() -> Ed25519PrivateKey:
    """The configured signing key; raises :class:`SigningKeyUnavailable` when there is none."""
    value = os.environ.get(ENV_KEY, "")
    if value:
        return _decode_private(value.encode(), ENV_KEY)
    file = os.environ.get(ENV_KEY_FILE, "")
    if file:
        try:
            return _decode_private(Path(file).read_bytes(), file)
        except OSError as error:
            raise SigningKeyUnavailable(f"{ENV_KEY_FILE}: {error}") from None
    if _may_generate():
        return _generated_key()
    raise SigningKeyUnavailable(f"set {ENV_KEY} or {ENV_KEY_FILE}")


def public_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id(key: Ed25519PublicKey) -> str:
    return hashlib.sha256(public_bytes(key)).hexdigest()[:16]


def verification_keys() -> dict[str, Ed25519PublicKey]:
    """Key id to public key: the signing key's (when configured) and the listed public keys."""
    keys: dict[str, Ed25519PublicKey] = {}
    for item in os.environ.get(ENV_PUBLIC_KEYS, "").split(","):
        if item.strip():
            try:
                public = Ed25519PublicKey.from_public_bytes(
                    base64.b64decode(item.strip(), validate=True)
                )
            except (binascii.Error, ValueError) as error:
                raise SigningKeyUnavailable(f"{ENV_PUBLIC_KEYS}: {error}") from None
            keys[key_id(public)] = public
    try:
        public = signing_key().public_key()
    except SigningKeyUnavailable:
        if not keys:
            raise
    else:
        keys[key_id(public)] = public
    return keys


def verify_signature(public: Ed25519PublicKey, signature: bytes, message: bytes) -> bool:
    try:
        public.verify(signature, message)
    except InvalidSignature:
        return False
    return True
