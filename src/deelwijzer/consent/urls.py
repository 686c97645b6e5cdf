"""Screens of the consent app."""

from django.urls import path

from deelwijzer.consent import views

app_name = "consent"
urlpatterns = [
    path("", views.persons_page, name="persons"),
    path("persons/<int:pk>/", views.person_page, name="person"),
    path("persons/<int:pk>/informing/", views.informing_new, name="informing_new"),
    path("record/", views.record, name="record"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/evidence/", views.evidence, name="evidence"),
    path("justifications/new/", views.justification_new, name="justification_new"),
    path("justifications/<int:pk>/", views.justification, name="justification"),
    path("items/<int:pk>/remark/", views.remark_new, name="remark_new"),
    path("reminders/", views.reminders, name="reminders"),
]
