from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "regie.core"
    label = "core"
    verbose_name = _("Kern")

    def ready(self):
        from regie.core import signals  # noqa: F401 - connects the login audit handlers
