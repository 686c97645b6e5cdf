from django.contrib.auth import views as auth_views
from django.urls import path

from deelwijzer.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-factor/", views.otp_verify, name="otp_verify"),
    path("two-factor/setup/", views.otp_setup, name="otp_setup"),
    path(
        "set-password/<uidb64>/<token>/", views.PasswordSetView.as_view(), name="password_set"
    ),
    path("set-password/done/", views.PasswordSetDoneView.as_view(), name="password_set_done"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/new/", views.staff_create, name="staff_create"),
    path("staff/<int:pk>/", views.staff_edit, name="staff_edit"),
    path("staff/<int:pk>/deactivate/", views.staff_deactivate, name="staff_deactivate"),
    path(
        "staff/<int:pk>/reset-two-factor/",
        views.staff_reset_second_factor,
        name="staff_reset_second_factor",
    ),
    path(
        "staff/<int:pk>/password-link/", views.staff_password_link, name="staff_password_link"
    ),
]
