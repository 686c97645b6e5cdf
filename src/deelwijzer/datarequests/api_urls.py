"""API routes of the datarequests app, mounted under /api/v1/requests/."""

from django.urls import path

from deelwijzer.datarequests import api

urlpatterns = [
    path("", api.DataRequestsApi.as_view(), name="datarequests"),
    path("<int:pk>/", api.DataRequestDetailApi.as_view(), name="datarequest"),
    path("<int:pk>/answer/", api.DataRequestAnswerApi.as_view(), name="datarequest-answer"),
]
