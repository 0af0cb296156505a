from django.urls import include, path, re_path
from django.views.i18n import set_language

from regie.api.urls import not_found as api_not_found
from regie.core.access import public

urlpatterns = [
    path("", include("regie.core.urls")),
    path("", include("regie.identity.urls")),
    path("inburgeraars/", include("regie.people.urls")),
    path("inburgeraars/", include("regie.intake.urls")),
    path("inburgeraars/", include("regie.plans.urls")),
    path("", include("regie.guidance.urls")),
    path("", include("regie.finance.urls")),
    path("", include("regie.activities.urls")),
    path("api/v1/", include("regie.api.urls")),
    # The rest of /api/ (another version, the bare prefix) answers as the API does.
    re_path(r"^api(?:/(?P<rest>.*))?$", api_not_found, name="api-outside-version"),
    path("", include("regie.exchange.urls")),
    path("", include("regie.enforcement.urls")),
    path("", include("regie.monitoring.urls")),
    path("", include("regie.work.urls")),
    path("", include("regie.jobs.urls")),
    path("taal/", public(set_language), name="set_language"),
]

handler403 = "regie.core.views.permission_denied"
handler404 = "regie.core.views.page_not_found"
