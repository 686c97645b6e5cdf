from django.urls import path

from deelwijzer.ui import views

app_name = "ui"
urlpatterns = [
    path("", views.home, name="home"),
]
