from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "vestnik.core"
    label = "vestnik_core"
    verbose_name = "Vestnik core"

    def ready(self):
        from django.core.signals import request_finished, request_started

        from vestnik.core import dbrouter

        # Which database a request reads from (read replicas, when there are any).
        request_started.connect(dbrouter.request_began, dispatch_uid="vestnik_dbrouter")
        request_finished.connect(dbrouter.request_ended, dispatch_uid="vestnik_dbrouter")
