"""API routes of the veiligthuis app, mounted under /api/v1/veilig-thuis/."""

from django.urls import path

from deelwijzer.veiligthuis import api

urlpatterns = [
    path("advice/", api.AdviceRequestsApi.as_view(), name="veiligthuis-advice"),
    path("advice/<int:pk>/", api.AdviceRequestDetailApi.as_view(),
         name="veiligthuis-advice-detail"),
    path("advice/<int:pk>/answer/", api.AdviceAnswerApi.as_view(),
         name="veiligthuis-advice-answer"),
    path("reports/", api.ReportsApi.as_view(), name="veiligthuis-reports"),
    path("reports/<int:pk>/", api.ReportDetailApi.as_view(), name="veiligthuis-report"),
    path("reports/<int:pk>/family-informed/", api.ReportFamilyInformedApi.as_view(),
         name="veiligthuis-report-family-informed"),
]
