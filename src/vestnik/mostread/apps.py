from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MostReadConfig(AppConfig):
    name = "vestnik.mostread"
    label = "mostread"
    verbose_name = _("Most read")

    def ready(self) -> None:
        from vestnik.core.management.commands.tick import register_periodic

        # The tick moves buffered views into the hourly table and prunes old hours.
        register_periodic("mostread_flush")
