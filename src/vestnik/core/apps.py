from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "vestnik.core"
    label = "vestnik_core"
    verbose_name = "Vestnik core"
