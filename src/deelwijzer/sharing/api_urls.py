"""API routes of the sharing app, mounted under /api/v1/share/."""

from django.urls import path

from deelwijzer.sharing import api

urlpatterns = [
    path("check/", api.ShareCheckApi.as_view(), name="share-check"),
    path("disclose/", api.ShareDiscloseApi.as_view(), name="share-disclose"),
    path("persons/", api.PersonListApi.as_view(), name="persons-list"),
    path("persons/<int:pk>/", api.PersonDetailApi.as_view(), name="persons-retrieve"),
    path("persons/<int:pk>/items/", api.DossierItemRecordApi.as_view(),
         name="dossier-items-record"),
    path("items/<int:pk>/open/", api.DossierItemOpenApi.as_view(), name="dossier-items-open"),
    path("items/<int:pk>/copy/", api.DossierItemCopyApi.as_view(), name="dossier-items-copy"),
]
