from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "regie.core"
    label = "core"
    verbose_name = _("Kern")

    def ready(self):
        from regie.core import (
            checks,  # noqa: F401 - registers Regie's system checks
            inzage,  # noqa: F401 - the AVG inzage section of a person's file
            menu,  # noqa: F401 - the platform's main-menu entries
            signals,  # noqa: F401 - connects the login audit handlers
        )
