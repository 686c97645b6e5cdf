"""Screens of the sharing app: the person's dossier and "Mag ik dit delen?"."""

from django.urls import path

from deelwijzer.sharing import views

app_name = "sharing"
urlpatterns = [
    path("", views.start, name="start"),
    path("disclose/", views.disclose, name="disclose"),
    path("persons/", views.persons, name="persons"),
    path("person/<int:pk>/", views.person, name="person"),
    path("person/<int:pk>/record/", views.item_record, name="item_record"),
    path("item/<int:pk>/open/", views.item_open, name="item_open"),
    path("item/<int:pk>/copy/", views.item_copy, name="item_copy"),
]
