"""API routes of the veiligthuis app, mounted under /api/v1/veiligthuis/."""

from django.urls import path  # noqa: F401

urlpatterns: list = []  # type: ignore[type-arg]
