"""API routes of the datarequests app, mounted under /api/v1/datarequests/."""

from django.urls import path  # noqa: F401

urlpatterns: list = []  # type: ignore[type-arg]
