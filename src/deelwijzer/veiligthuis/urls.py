"""Screens of the veiligthuis app."""

from django.urls import path  # noqa: F401

app_name = "veiligthuis"
urlpatterns: list = []  # type: ignore[type-arg]
