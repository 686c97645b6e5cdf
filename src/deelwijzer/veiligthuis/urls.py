"""Screens of the veiligthuis app."""

from django.urls import path

from deelwijzer.veiligthuis import views

app_name = "veiligthuis"
urlpatterns = [
    path("", views.start, name="start"),
    path("advice/new/", views.advice_new, name="advice_new"),
    path("advice/<int:pk>/", views.advice_detail, name="advice"),
    path("advice/<int:pk>/answer/", views.advice_answer, name="advice_answer"),
    path("reports/new/", views.report_new, name="report_new"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/family-informed/", views.report_family_informed,
         name="report_family_informed"),
]
