"""Participatie en werk: the register (/werk/...) and a person's placements
(/inburgeraars/<pk>/werk/...). Included once at the root."""

from django.urls import path

from regie.work import portal, views, views_matching

urlpatterns = [
    path("werk/werkgevers/", views.werkgever_list, name="werkgever_list"),
    path("werk/werkgevers/nieuw/", views.werkgever_edit, name="werkgever_create"),
    path("werk/werkgevers/<int:werkgever_pk>/", views.werkgever_detail, name="werkgever_detail"),
    path(
        "werk/werkgevers/<int:werkgever_pk>/wijzigen/",
        views.werkgever_edit,
        name="werkgever_edit",
    ),
    path("werk/werkgevers/<int:werkgever_pk>/plekken/nieuw/", views.plek_edit, name="plek_create"),
    path(
        "werk/werkgevers/<int:werkgever_pk>/plekken/<int:plek_pk>/",
        views.plek_edit,
        name="plek_edit",
    ),
    path("inburgeraars/<int:pk>/werk/plaatsing/", views.plaatsing_add, name="plaatsing_add"),
    path(
        "inburgeraars/<int:pk>/werk/plaatsing/<int:plaatsing_pk>/",
        views.plaatsing_status,
        name="plaatsing_status",
    ),
    path(
        "inburgeraars/<int:pk>/werk/plaatsing/<int:plaatsing_pk>/evaluatie/",
        views.evaluatie_add,
        name="evaluatie_add",
    ),
    path("inburgeraars/<int:pk>/werk/uitstroom/", views.uitstroom_add, name="uitstroom_add"),
    path("werk/matching/", views_matching.matching_home, name="plaatsing_matching"),
    path("werk/matching/start/", views_matching.matching_start, name="plaatsing_matching_start"),
    path(
        "werk/matching/<int:run_pk>/", views_matching.matching_run, name="plaatsing_matching_run"
    ),
    path(
        "werk/matching/<int:run_pk>/voorstel/<int:voorstel_pk>/",
        views_matching.matching_decide,
        name="plaatsing_matching_decide",
    ),
    path("aanbieder/werk/", portal.portal_werk, name="portal_werk"),
]
