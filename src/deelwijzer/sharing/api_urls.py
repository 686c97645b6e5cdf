"""API routes of the sharing app, mounted under /api/v1/sharing/."""

from django.urls import path  # noqa: F401

urlpatterns: list = []  # type: ignore[type-arg]
