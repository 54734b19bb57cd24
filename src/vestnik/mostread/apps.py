from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MostReadConfig(AppConfig):
    name = "vestnik.mostread"
    label = "mostread"
    verbose_name = _("Most read")

    def ready(self) -> None:
        from vestnik.core.management.commands.tick import PERIODIC_COMMANDS

        # The tick moves buffered views into the hourly table and prunes old hours.
        if ("mostread_flush", {}) not in PERIODIC_COMMANDS:
            PERIODIC_COMMANDS.append(("mostread_flush", {}))
