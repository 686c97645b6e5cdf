from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    """Look up a covenant item by id: {{ partners|get_item:r.partner }}."""
    return mapping.get(key)
