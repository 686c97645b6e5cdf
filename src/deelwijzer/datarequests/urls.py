"""Screens of the datarequests app."""

from django.urls import path

from deelwijzer.datarequests import views

app_name = "datarequests"
urlpatterns = [
    path("", views.request_list, name="list"),
    path("new/", views.request_new, name="new"),
    path("<int:pk>/", views.request_detail, name="detail"),
    path("<int:pk>/answer/", views.request_answer, name="answer"),
]
