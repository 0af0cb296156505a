from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "regie.activities"
    label = "activities"
    verbose_name = _("Activiteiten en weekprogramma")

    def ready(self):
        # Registers the werkvoorraad, person-section and demo providers.
        from regie.activities import demo, privacy, workitems  # noqa: F401
        from regie.core.extensions import menu_item
        from regie.core.roles import Permission

        menu_item(_("Activiteiten"), "activity_list", Permission.ACTIVITIES_VIEW, order=30)
        menu_item(_("Lesroosters"), "timetable_list", Permission.TIMETABLE_MANAGE, order=31)
