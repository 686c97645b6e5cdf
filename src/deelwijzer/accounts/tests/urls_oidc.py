"""The project's URLs with the OIDC routes, as when OIDC_RP_CLIENT_ID is set at start-up."""

from django.urls import include, path

from deelwijzer.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("oidc/", include("mozilla_django_oidc.urls")), *project_urlpatterns]
