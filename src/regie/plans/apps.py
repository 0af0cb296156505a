from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "regie.plans"
    label = "plans"
    verbose_name = _("PIP en voortgang")

    def ready(self):
        # Registers the werkvoorraad, deadline, person-section and demo providers.
        from regie.plans import (  # noqa: F401
            demo,
            privacy,  # noqa: F401 - inzage, retention, portability
            workitems,
        )
