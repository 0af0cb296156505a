"""/api/v1: the resources (Dutch plural nouns, NL API design rules) and the OpenAPI
schema. The committed docs/openapi.yaml is generated from these (``regie spectacular``)."""

from django.http import JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView

from regie.api import views
from regie.api.problems import PROBLEM_CONTENT_TYPE
from regie.api.routers import RegieRouter
from regie.core.access import public

router = RegieRouter(trailing_slash=False)
router.register("inburgeraars", views.InburgeraarViewSet, basename="api-inburgeraar")
router.register("verwijzingen", views.VerwijzingViewSet, basename="api-verwijzing")
router.register("pips", views.PIPViewSet, basename="api-pip")
router.register("plaatsingen", views.PlaatsingViewSet, basename="api-plaatsing")
router.register("uitstroom", views.UitstroomViewSet, basename="api-uitstroom")
router.register("lesuren", views.LesurenViewSet, basename="api-lesuren")
router.register("afwezigheden", views.AfwezigheidViewSet, basename="api-afwezigheid")
router.register(
    "voortgangsmetingen", views.VoortgangsmetingViewSet, basename="api-voortgangsmeting"
)
router.register("examenresultaten", views.ExamenresultaatViewSet, basename="api-examenresultaat")
router.register("afschaalverzoeken", views.AfschaalverzoekViewSet, basename="api-afschaalverzoek")


@public
@csrf_exempt
def not_found(request, rest=""):
    """Any other path under /api/v1 (an id like ``0.5``, a typo) answers as the API does:
    a 404 problem+json, not the HTML page of the web interface. It discloses nothing:
    the same answer with or without a login. CSRF-exempt like the DRF views: it changes
    nothing, and a POST with a session cookie got Django's HTML 403 page (schemathesis)."""
    return JsonResponse(
        {
            "type": "https://regie.invalid/problemen/404",
            "title": _("Niet gevonden."),
            "status": 404,
            "code": "not_found",
            "detail": _("Deze API-route bestaat niet."),
            "instance": request.path,
        },
        status=404,
        content_type=PROBLEM_CONTENT_TYPE,
    )


urlpatterns = [
    # The schema holds no personal data: open to anyone, like the published standard.
    path("schema", public(SpectacularAPIView.as_view()), name="api-schema"),
    *router.urls,
    re_path(r"^(?P<rest>.*)$", not_found, name="api-not-found"),
]
