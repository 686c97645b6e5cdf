from django.urls import path

from deelwijzer.covenant import views

app_name = "covenant"
urlpatterns = [
    path("", views.partnership_page, name="partnership"),
    path("import/", views.import_version, name="import"),
    path("versions/<int:pk>/", views.version_page, name="version"),
    path("versions/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("versions/<int:pk>/diff/<int:other>/", views.diff_page, name="diff"),
    path("versions/<int:pk>/sign/<int:partner_pk>/", views.sign, name="sign"),
    path("versions/<int:pk>/documents/<slug:kind>.<slug:ext>", views.document, name="document"),
]
