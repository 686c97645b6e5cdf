from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("deelwijzer.accounts.urls")),
    path("covenant/", include("deelwijzer.covenant.urls")),
    path("cases/", include("deelwijzer.cases.urls")),
    path("consent/", include("deelwijzer.consent.urls")),
    path("requests/", include("deelwijzer.datarequests.urls")),
    path("veilig-thuis/", include("deelwijzer.veiligthuis.urls")),
    path("share/", include("deelwijzer.sharing.urls")),
    path("api/v1/", include("deelwijzer.api.urls")),
    path("admin/", admin.site.urls),
    path("", include("deelwijzer.ui.urls")),
]
if settings.OIDC_ENABLED:
    urlpatterns.insert(0, path("oidc/", include("mozilla_django_oidc.urls")))
