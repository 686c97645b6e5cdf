"""API routes of the covenant app, mounted under /api/v1/covenant/."""

from django.urls import path

from deelwijzer.covenant import api

urlpatterns = [
    path("", api.PartnershipApi.as_view(), name="covenant-partnership"),
    path("versions/", api.VersionListApi.as_view(), name="covenant-versions"),
    path("versions/import/", api.VersionImportApi.as_view(), name="covenant-versions-import"),
    path("versions/<int:pk>/", api.VersionDetailApi.as_view(), name="covenant-version"),
    path("versions/<int:pk>/withdraw/", api.VersionWithdrawApi.as_view(),
         name="covenant-version-withdraw"),
    path("versions/<int:pk>/diff/<int:other>/", api.VersionDiffApi.as_view(),
         name="covenant-version-diff"),
    path("versions/<int:pk>/sign/<int:partner_pk>/", api.VersionSignApi.as_view(),
         name="covenant-version-sign"),
    path("versions/<int:pk>/documents/<slug:kind>.<slug:ext>", api.DocumentApi.as_view(),
         name="covenant-document"),
]
