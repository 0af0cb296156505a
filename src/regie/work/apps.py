from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkConfig(AppConfig):
    name = "regie.work"
    label = "work"
    verbose_name = _("Participatie en werk")

    def ready(self):
        # Registers the werkvoorraad, person-section, privacy and demo providers.
        from regie.core.extensions import menu_item
        from regie.core.roles import Permission
        from regie.work import demo, privacy, workitems  # noqa: F401

        menu_item(_("Werkgevers"), "werkgever_list", Permission.WORK_MANAGE, order=35)
