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
        from regie.enforcement import bezwaar_privacy, demo, privacy, workitems  # noqa: F401

        menu_item(
            _("Handhaving en bezwaar"), "handhaving_figures", Permission.FIGURES_VIEW, order=71
        )
