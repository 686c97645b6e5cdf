"""A renderer for operations that answer a file (consent evidence, covenant documents).

DRF negotiates the answer's media type before the view runs; with JSON only, a client that
asks for ``Accept: application/pdf`` would get a 406. These operations list
:class:`AnyFileRenderer` after the JSON renderer: errors stay JSON whenever the client accepts
it, and the file itself is an ``HttpResponse`` with its own content type.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rest_framework.renderers import BaseRenderer, JSONRenderer


class AnyFileRenderer(BaseRenderer):
    media_type = "*/*"
    format = "file"
    charset = None
    render_style = "binary"

    def render(self, data: Any, accepted_media_type: str | None = None,
               renderer_context: Mapping[str, Any] | None = None) -> Any:
        # Only reached for an error body when the client accepts no JSON: render it as JSON.
        return JSONRenderer().render(data, "application/json", renderer_context)


FILE_RENDERERS = [JSONRenderer, AnyFileRenderer]
