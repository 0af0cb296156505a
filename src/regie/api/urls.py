"""/api/v1: the resources (Dutch plural nouns, NL API design rules) and the OpenAPI
schema. The committed docs/openapi.yaml is generated from these (``regie spectacular``)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from regie.api import views
from regie.api.routers import RegieRouter
from regie.core.access import public

router = RegieRouter(trailing_slash=False)
router.register("inburgeraars", views.InburgeraarViewSet, basename="api-inburgeraar")
router.register("verwijzingen", views.VerwijzingViewSet, basename="api-verwijzing")
router.register("pips", views.PIPViewSet, basename="api-pip")
router.register("lesuren", views.LesurenViewSet, basename="api-lesuren")
router.register("afwezigheden", views.AfwezigheidViewSet, basename="api-afwezigheid")
router.register(
    "voortgangsmetingen", views.VoortgangsmetingViewSet, basename="api-voortgangsmeting"
)
router.register("examenresultaten", views.ExamenresultaatViewSet, basename="api-examenresultaat")
router.register("afschaalverzoeken", views.AfschaalverzoekViewSet, basename="api-afschaalverzoek")

urlpatterns = [
    # The schema holds no personal data: open to anyone, like the published standard.
    path("schema", public(SpectacularAPIView.as_view()), name="api-schema"),
    *router.urls,
]
