from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "regie.people"
    label = "people"
    verbose_name = _("Inburgeraars")

    def ready(self):
        from regie.people import (
            privacy,  # noqa: F401 - inzage, retention, portability
            workitems,  # noqa: F401 - registers werkvoorraad providers
        )
