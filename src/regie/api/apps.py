from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "regie.api"
    label = "api"
    verbose_name = _("REST API")

    def ready(self):
        from regie.api import schema  # noqa: F401  (the token scheme for the OpenAPI schema)
