from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from deelwijzer.covenant import api as covenant_api

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("covenant/versions/", covenant_api.VersionListApi.as_view(), name="covenant-versions"),
    path("covenant/versions/<int:pk>/", covenant_api.VersionDetailApi.as_view(),
         name="covenant-version"),
    path("cases/", include("deelwijzer.cases.api_urls")),
    path("consent/", include("deelwijzer.consent.api_urls")),
    path("requests/", include("deelwijzer.datarequests.api_urls")),
    path("veilig-thuis/", include("deelwijzer.veiligthuis.api_urls")),
    path("share/", include("deelwijzer.sharing.api_urls")),
]
