from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "regie.finance"
    label = "finance"
    verbose_name = _("Financiën: ontzorging, betalingen en budget")

    def ready(self):
        # Registers the werkvoorraad, person-section and demo providers and menu entries.
        from regie.core.extensions import menu_item
        from regie.core.roles import Permission
        from regie.finance import demo, privacy, workitems  # noqa: F401

        menu_item(_("Betaalruns"), "betaalrun_list", Permission.PAYMENT_RUN, order=55)
        menu_item(_("Geldtraining"), "geldtraining_groups", Permission.ONTZORGING_CHANGE, order=56)
        menu_item(_("Budget"), "budget_overview", Permission.BUDGET_VIEW, order=60)
        menu_item(_("Prognose"), "prognose", Permission.BUDGET_VIEW, order=61)
