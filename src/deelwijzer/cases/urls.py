"""Screens of the cases app."""

from django.urls import path

from deelwijzer.cases.monitoring import views as monitoring

app_name = "cases"
urlpatterns = [
    path("monitoring/", monitoring.monitoring, name="monitoring"),
]
