"""Screens of the datarequests app."""

from django.urls import path  # noqa: F401

app_name = "datarequests"
urlpatterns: list = []  # type: ignore[type-arg]
