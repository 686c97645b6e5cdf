from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "deelwijzer.demo"
    label = "demo"
