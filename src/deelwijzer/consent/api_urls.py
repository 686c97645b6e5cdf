"""API routes of the consent app, mounted under /api/v1/consent/."""

from django.urls import path

from deelwijzer.consent import api

urlpatterns = [
    path("", api.ConsentRecordApi.as_view(), name="consent-record"),
    path("persons/<int:pk>/", api.ConsentListApi.as_view(), name="consent-person"),
    path("persons/<int:pk>/summary/", api.PersonConsentSummaryApi.as_view(),
         name="consent-person-summary"),
    path("<int:pk>/evidence/", api.ConsentEvidenceApi.as_view(), name="consent-evidence"),
    path("<int:pk>/withdraw/", api.ConsentWithdrawApi.as_view(), name="consent-withdraw"),
    path("justifications/", api.JustificationRecordApi.as_view(),
         name="consent-justification-record"),
    path("justifications/<int:pk>/", api.JustificationDetailApi.as_view(),
         name="consent-justification"),
    path("informing/", api.InformingRecordApi.as_view(), name="consent-informing-record"),
    path("reminders/", api.RemindersApi.as_view(), name="consent-reminders"),
    path("items/<int:pk>/remarks/", api.RemarkAddApi.as_view(), name="consent-remark-add"),
]
