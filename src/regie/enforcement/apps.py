from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "regie.enforcement"
    label = "enforcement"
    verbose_name = _("Handhaving, bezwaar en beroep")

    def ready(self):
        # Registers the werkvoorraad, deadline, person-section and demo providers.
        from regie.core.extensions import menu_item
        from regie.core.roles import Permission
        from regie.enforcement import (  # noqa: F401
            bezwaar_privacy,
            demo,
            privacy,
            privacy_boeterapport,
            workitems,
            workitems_inning,
        )

        menu_item(
            _("Handhaving en bezwaar"), "handhaving_figures", Permission.FIGURES_VIEW, order=71
        )
        menu_item(
            _("Bankafschriften (boetes)"), "inning_afschriften", Permission.INNING_IMPORT, order=72
        )
