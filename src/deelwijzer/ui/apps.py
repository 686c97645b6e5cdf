from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "deelwijzer.ui"
    label = "ui"
