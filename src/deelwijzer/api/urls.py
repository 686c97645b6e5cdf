from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import IsAuthenticated

app_name = "api"
urlpatterns = [
    # The schema only for a professional who is logged in or has a token, in every environment
    # (docs/openapi.yaml is the published copy).
    path("schema/", SpectacularAPIView.as_view(permission_classes=[IsAuthenticated]),
         name="schema"),
    path("covenant/", include("deelwijzer.covenant.api_urls")),
    path("cases/", include("deelwijzer.cases.api_urls")),
    path("consent/", include("deelwijzer.consent.api_urls")),
    path("requests/", include("deelwijzer.datarequests.api_urls")),
    path("veilig-thuis/", include("deelwijzer.veiligthuis.api_urls")),
    path("share/", include("deelwijzer.sharing.api_urls")),
    path("staff/", include("deelwijzer.accounts.api_urls")),
]
