"""API routes of the cases app, mounted under /api/v1/cases/."""

from django.urls import path

from deelwijzer.cases import api, api_overviews

urlpatterns = [
    path("", api.CaseListApi.as_view(), name="cases-list"),
    path("monitoring/", api_overviews.MonitoringApi.as_view(), name="cases-monitoring"),
    path("consultations/", api_overviews.ConsultationListApi.as_view(),
         name="consultations-list"),
    path("open/", api.CaseOpenApi.as_view(), name="cases-open"),
    path("<int:pk>/", api.CaseDetailApi.as_view(), name="cases-detail"),
    path("<int:pk>/involvements/", api.CaseInvolveApi.as_view(), name="cases-involve"),
    path("<int:pk>/step/", api.CaseStepAdvanceApi.as_view(), name="cases-step-advance"),
    path("<int:pk>/close/", api.CaseCloseApi.as_view(), name="cases-close"),
    path("<int:pk>/consultations/", api.ConsultationScheduleApi.as_view(),
         name="consultations-schedule"),
    path("consultations/anonymous/", api.AnonymousConsultationScheduleApi.as_view(),
         name="consultations-schedule-anonymous"),
    path("consultations/<int:pk>/", api.ConsultationDetailApi.as_view(),
         name="consultations-retrieve"),
    path("consultations/<int:pk>/absence/", api.ConsultationAbsenceApi.as_view(),
         name="consultations-family-absence"),
    path("consultations/<int:pk>/family-informed/", api.ConsultationFamilyInformedApi.as_view(),
         name="consultations-family-informed"),
    path("consultations/<int:pk>/minutes/", api.MinutesViewApi.as_view(),
         name="consultations-minutes-view"),
    path("consultations/<int:pk>/minutes/record/", api.MinutesRecordApi.as_view(),
         name="consultations-minutes-record"),
    path("consultations/<int:pk>/contributions/", api.ContributionListApi.as_view(),
         name="contributions-list"),
    path("consultations/<int:pk>/contributions/add/", api.ContributionAddApi.as_view(),
         name="contributions-add"),
    path("contributions/<int:pk>/", api.ContributionViewApi.as_view(),
         name="contributions-view"),
    path("contributions/<int:pk>/remarks/", api.ContributionRemarkAddApi.as_view(),
         name="contributions-remark-add"),
    path("consultations/<int:pk>/actions/", api.ActionItemListApi.as_view(),
         name="action-items-list"),
    path("consultations/<int:pk>/actions/add/", api.ActionItemAddApi.as_view(),
         name="action-items-add"),
]
