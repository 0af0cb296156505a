from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "regie.jobs"
    label = "jobs"
    verbose_name = _("Taken op de achtergrond")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        import regie.celery  # noqa: F401 - the app the tasks are sent with
        from regie.core import health
        from regie.jobs import readiness

        # Domain apps declare their background jobs in <app>/jobs.py.
        autodiscover_modules("jobs")
        names = {check.name for check in health.READINESS_CHECKS}
        for check in readiness.CHECKS:
            if check.name not in names:
                health.READINESS_CHECKS.append(check)
