from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "regie.intake"
    label = "intake"
    verbose_name = _("Brede intake")

    def ready(self):
        # Register the werkvoorraad provider, the person-file section and the demo data.
        from regie.intake import (  # noqa: F401
            demo,
            privacy,  # noqa: F401 - inzage, retention, portability
            workitems,
        )
