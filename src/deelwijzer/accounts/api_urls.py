"""API routes of the accounts app (the partner administrator's staff), under /api/v1/staff/."""

from django.urls import path

from deelwijzer.accounts import api

urlpatterns = [
    path("", api.StaffApi.as_view(), name="staff"),
    path("<int:pk>/", api.StaffDetailApi.as_view(), name="staff-detail"),
    path("<int:pk>/deactivate/", api.StaffDeactivateApi.as_view(), name="staff-deactivate"),
    path("<int:pk>/reset-two-factor/", api.StaffSecondFactorResetApi.as_view(),
         name="staff-second-factor-reset"),
    path("<int:pk>/password-link/", api.StaffPasswordLinkApi.as_view(),
         name="staff-password-link"),
]
