"""API routes of the cases app, mounted under /api/v1/cases/."""

from django.urls import path  # noqa: F401

urlpatterns: list = []  # type: ignore[type-arg]
