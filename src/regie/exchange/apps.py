from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "regie.exchange"
    label = "exchange"
    verbose_name = _("Aanbieders en uitwisseling")

    def ready(self):
        # Registers the adapters, the werkvoorraad and person-section providers and the demo.
        from regie.core.extensions import menu_item
        from regie.core.roles import Permission
        from regie.exchange import demo, privacy, workitems  # noqa: F401
        from regie.exchange.adapters import file  # noqa: F401

        menu_item(_("Aanbiedersportaal"), "portal_home", Permission.AANBIEDER_REPORT, order=20)
        menu_item(_("Uitwisseling"), "exchange_home", Permission.EXCHANGE_RUN, order=75)
