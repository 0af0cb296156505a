from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "regie.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring: dashboard, cohorten en exports")

    def ready(self):
        from regie.core.extensions import menu_item
        from regie.core.roles import Permission

        menu_item(_("Monitoring"), "monitoring_dashboard", Permission.FIGURES_VIEW, order=70)
