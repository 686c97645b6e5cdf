from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from deelwijzer.covenant import api as covenant_api

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("covenant/versions/", covenant_api.VersionListApi.as_view(), name="covenant-versions"),
    path("covenant/versions/<int:pk>/", covenant_api.VersionDetailApi.as_view(),
         name="covenant-version"),
]
