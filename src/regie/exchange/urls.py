from django.urls import path

from regie.exchange import views

urlpatterns = [
    # The klantmanager, on a person's file.
    path("inburgeraars/<int:pk>/verwijzingen/", views.person_taal, name="person_taal"),
    path(
        "inburgeraars/<int:pk>/verwijzingen/nieuw/",
        views.verwijzing_create,
        name="verwijzing_create",
    ),
    path(
        "inburgeraars/<int:pk>/afschaalverzoeken/<int:verzoek>/besluit/",
        views.afschaal_besluit,
        name="afschaal_besluit",
    ),
    path(
        "inburgeraars/<int:pk>/afschaalverzoeken/<int:verzoek>/verzonden/",
        views.afschaal_bekendmaking,
        name="afschaal_bekendmaking",
    ),
    path("inburgeraars/<int:pk>/duo-melding/", views.overschrijding_add, name="overschrijding_add"),
    path("inburgeraars/<int:pk>/overdracht/", views.overdracht_export, name="overdracht_export"),
    # The aanbieder portal.
    path("aanbieder/", views.portal_home, name="portal_home"),
    path("aanbieder/verwijzingen/<int:pk>/", views.portal_verwijzing, name="portal_verwijzing"),
    path("aanbieder/deelnemers/<int:pk>/", views.portal_deelnemer, name="portal_deelnemer"),
    path("aanbieder/upload/", views.portal_upload, name="portal_upload"),
    # Exchange with DUO, CBS and other municipalities.
    path("uitwisseling/", views.exchange_home, name="exchange_home"),
    path("uitwisseling/duo-signalen/", views.duo_import, name="duo_import"),
    path("uitwisseling/duo-meldingen/", views.duo_export, name="duo_export"),
    path(
        "uitwisseling/duo-terugmelding/", views.duo_terugmelding, name="duo_terugmelding"
    ),
    path("uitwisseling/melden-aan-duo/", views.duo_melden, name="duo_melden"),
    path("uitwisseling/cbs/", views.cbs_export, name="cbs_export"),
    path("uitwisseling/overdracht/", views.overdracht_import, name="overdracht_import"),
]
