"""Response headers at the edge: no caching of personal data, and a strict Content-Security-Policy.

- :class:`NoStoreMiddleware`: ``Cache-Control: no-store`` and ``Pragma: no-cache`` on every
  response except static files. Pages and API answers carry personal data of children and
  families; no browser, shared computer or proxy may keep a copy.
- :class:`ContentSecurityPolicyMiddleware`: the policy of ``DEELWIJZER_CONTENT_SECURITY_POLICY``
  (scripts and styles only from our own static files, no inline code, no framing) on every
  response that does not bring its own; the standalone covenant documents bring
  :data:`STANDALONE_DOCUMENT_POLICY` (their print stylesheet is inline, and they need nothing
  else). Django 5.2 has no CSP of its own (that comes with Django 6.0).
- :class:`StaticFilesMiddleware`: WhiteNoise, answering static files before the two above.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from whitenoise.middleware import WhiteNoiseMiddleware

CSP_HEADER = "Content-Security-Policy"

STRICT_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)

# A complete HTML document with its stylesheet inline and nothing else: no scripts, no forms,
# no requests at all.
STANDALONE_DOCUMENT_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'none'"
)


def _is_static(request: HttpRequest) -> bool:
    prefix = "/" + str(settings.STATIC_URL).lstrip("/")
    return request.path_info.startswith(prefix)


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not _is_static(request):
            response.headers["Cache-Control"] = "no-store"
            response.headers["Pragma"] = "no-cache"
            response.headers.pop("Expires", None)
        return response


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = getattr(settings, "DEELWIJZER_CONTENT_SECURITY_POLICY", STRICT_POLICY)
        if policy:
            response.headers.setdefault(CSP_HEADER, str(policy))
        return response


class StaticFilesMiddleware(WhiteNoiseMiddleware):  # type: ignore[misc]
    """WhiteNoise, quiet when ``STATIC_ROOT`` has not been collected (dev and test: the files
    come from the apps' static folders then, ``WHITENOISE_USE_FINDERS``)."""

    def add_files(self, root: str, prefix: str | None = None) -> None:
        if os.path.isdir(root):
            super().add_files(root, prefix)
