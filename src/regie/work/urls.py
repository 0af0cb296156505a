"""Participatie en werk: the register (/werk/...) and a person's placements
(/inburgeraars/<pk>/werk/...). Included once at the root."""

from django.urls import path

from regie.work import portal, views

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
    path("aanbieder/werk/", portal.portal_werk, name="portal_werk"),
]
