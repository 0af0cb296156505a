from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "regie.guidance"
    label = "guidance"
    verbose_name = _("Maatschappelijke begeleiding")

    def ready(self):
        # Registers the werkvoorraad providers, the person-file section and the demo data.
        from regie.core.extensions import menu_item
        from regie.core.roles import Permission
        from regie.guidance import demo, privacy, workitems  # noqa: F401

        menu_item(_("Maatjes"), "matching_home", Permission.MAATJE_LINK, order=40)
        menu_item(_("Vrijwilligers"), "volunteer_list", Permission.VOLUNTEERS_MANAGE, order=41)
        menu_item(_("Partners"), "partner_list", Permission.PARTNERS_VIEW, order=50)
        menu_item(_("Samenwerking"), "collaboration_overview", Permission.FIGURES_VIEW, order=70)
