"""API routes of the sharing app, mounted under /api/v1/share/."""

from django.urls import path

from deelwijzer.sharing import api

urlpatterns = [
    path("check/", api.ShareCheckApi.as_view(), name="share-check"),
    path("disclose/", api.ShareDiscloseApi.as_view(), name="share-disclose"),
]
