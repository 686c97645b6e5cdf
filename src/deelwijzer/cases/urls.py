"""Screens of the cases app."""

from django.urls import path

from deelwijzer.cases import views
from deelwijzer.cases.monitoring import views as monitoring

app_name = "cases"
urlpatterns = [
    path("monitoring/", monitoring.monitoring, name="monitoring"),
    path("", views.case_list, name="list"),
    path("open/", views.case_open, name="open"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/involve/", views.case_involve, name="involve"),
    path("<int:pk>/advance/", views.case_advance, name="advance"),
    path("<int:pk>/close/", views.case_close, name="close"),
    path("<int:pk>/consultations/new/", views.consultation_schedule, name="schedule"),
    path("consultations/", views.consultation_list, name="consultations"),
    path("consultations/anonymous/new/", views.consultation_anonymous, name="anonymous"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation"),
    path("consultations/<int:pk>/contributions/", views.contribution_add,
         name="contribution_add"),
    path("consultations/<int:pk>/minutes/", views.minutes_view, name="minutes"),
    path("consultations/<int:pk>/minutes/record/", views.minutes_record, name="minutes_record"),
    path("consultations/<int:pk>/absence/", views.absence_record, name="absence"),
    path("consultations/<int:pk>/informed/", views.family_informed, name="informed"),
    path("consultations/<int:pk>/actions/", views.action_item_add, name="action_add"),
    path("contributions/<int:pk>/", views.contribution_detail, name="contribution"),
    path("contributions/<int:pk>/remarks/", views.contribution_remark_add,
         name="contribution_remark_add"),
]
